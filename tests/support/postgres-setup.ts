/**
 * setupFile of the PostgreSQL project: points this test file's process at PostgreSQL before the
 * app's modules load (the driver picks the dialect from HUBPLAN_DATABASE_URL), and drops the
 * databases the file made once it is done.
 */
import { afterAll, inject } from 'vitest';
import { dropTestDatabases } from './db';

process.env.HUBPLAN_DATABASE_URL = inject('postgresUrl');

afterAll(dropTestDatabases);
