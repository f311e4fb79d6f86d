/**
 * A database of its own on the test PostgreSQL server (HUBPLAN_TEST_POSTGRES_URL, a superuser), or
 * the reason the PostgreSQL tests are skipped.
 */
import pg from 'pg';
import { withDatabase } from '../../src/lib/server/pg-backup';

export interface PostgresTestDatabase {
	name: string;
	url: string;
	drop(): Promise<void>;
}

export async function postgresTestDatabase(label: string) {
	const serverUrl = process.env.HUBPLAN_TEST_POSTGRES_URL;
	const skipReason = serverUrl ? '' : ' (skipped: set HUBPLAN_TEST_POSTGRES_URL to a PostgreSQL 15 superuser URL to run it)';
	return {
		available: Boolean(serverUrl),
		skipReason,
		/** A new, empty database; `suffix` tells apart several in one test file. */
		async create(suffix = ''): Promise<PostgresTestDatabase> {
			const name = `hubplan_test_${label}${suffix && `_${suffix}`}_${process.pid}`;
			const admin = new pg.Client({ connectionString: serverUrl });
			await admin.connect();
			await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
			await admin.end();
			return {
				name,
				url: withDatabase(serverUrl!, name),
				async drop() {
					const again = new pg.Client({ connectionString: serverUrl });
					await again.connect();
					await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
					await again.end();
				}
			};
		}
	};
}
