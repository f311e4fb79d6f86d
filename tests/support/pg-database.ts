/**
 * Databases of their own on the test PostgreSQL server, for the tests and benchmarks that work on
 * PostgreSQL through its URL and tools (migrate-db, pg_dump, pg_restore) rather than the app's
 * driver, on a server whose URL is a superuser's that may create databases.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { postgresUrlFromEnv, withDatabase } from '../../src/lib/server/pg-backup';

const exec = promisify(execFile);

export interface PostgresTestDatabase {
	name: string;
	url: string;
	drop(): Promise<void>;
}

/**
 * Databases on `server`: by default the one the PostgreSQL test project sets HUBPLAN_DATABASE_URL
 * to (so these tests run in that project only); the benchmarks pass HUBPLAN_TEST_POSTGRES_URL.
 */
export async function postgresTestDatabase(label: string, server = postgresUrlFromEnv()) {
	const skipReason = server ? '' : ' (skipped: runs in the PostgreSQL test project; set HUBPLAN_TEST_POSTGRES_URL or install postgresql-15)';
	const admin = async (sql: string) => {
		const client = new pg.Client({ connectionString: server! });
		await client.connect();
		try {
			await client.query(sql);
		} finally {
			await client.end();
		}
	};
	return {
		available: Boolean(server),
		skipReason,
		/** A new, empty database; `suffix` tells apart several in one test file. */
		async create(suffix = ''): Promise<PostgresTestDatabase> {
			const name = `hubplan_test_${label}${suffix && `_${suffix}`}_${process.pid}`;
			await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await admin(`CREATE DATABASE ${name} TEMPLATE template0`);
			return { name, url: withDatabase(server!, name), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
		}
	};
}

/**
 * The Trafford demo with its worked examples in a new SQLite file, made by `hubplan seed` in its
 * own process (a process's driver serves one dialect, and this one may be PostgreSQL's).
 */
export async function seedTraffordSqlite(file: string): Promise<void> {
	await exec('node', ['src/cli/hubplan.js', 'seed'], { env: { ...process.env, HUBPLAN_DATABASE_URL: '', HUBPLAN_DB: file } });
}
