/**
 * setupFile of the PostgreSQL project: points this test file's process at PostgreSQL before the
 * app's modules load (the driver picks the dialect from HUBPLAN_DATABASE_URL when it loads), and
 * drops the databases the file made once it is done. `./db` is imported only after the variable
 * is set: a static import is hoisted above it and loaded the driver as SQLite, so until then this
 * project ran every test on SQLite.
 */
import { afterAll, inject } from 'vitest';

process.env.HUBPLAN_DATABASE_URL = inject('postgresUrl');
const { dropTestDatabases } = await import('./db');

afterAll(dropTestDatabases);
