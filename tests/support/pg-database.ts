/**
 * A database of its own on the test PostgreSQL server (HUBPLAN_TEST_POSTGRES_URL, a superuser), or
 * the reason the PostgreSQL tests are skipped.
 */
import pg from 'pg';
import { withDatabase } from '../../src/lib/server/pg-backup';

export interface PostgresTestDatabase {
	name: string;
	url: string;
	/** Writes a small estate (a partnership, two sites, a scenario) through SQL. */
	fill(client: pg.ClientBase): Promise<void>;
	drop(): Promise<void>;
}

export async function postgresTestDatabase(label: string) {
	const serverUrl = process.env.HUBPLAN_TEST_POSTGRES_URL;
	const skipReason = serverUrl ? '' : ' (skipped: set HUBPLAN_TEST_POSTGRES_URL to a PostgreSQL 15 superuser URL to run it)';
	return {
		available: Boolean(serverUrl),
		skipReason,
		async create(): Promise<PostgresTestDatabase> {
			const name = `hubplan_test_${label}_${process.pid}`;
			const admin = new pg.Client({ connectionString: serverUrl });
			await admin.connect();
			await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
			await admin.end();
			return {
				name,
				url: withDatabase(serverUrl!, name),
				async fill(client) {
					await client.query(`
						INSERT INTO partnership (id, name, bbox) VALUES ('demo', 'Demo partnership', '[-2.4, 53.3, -2.2, 53.5]');
						INSERT INTO site (partnership_id, ref, name, kind, lon, lat, gia_m2, step_free) VALUES
							('demo', 'lib-a', 'Library A', 'library', -2.35, 53.42, 600, true),
							('demo', 'po-b', 'Post Office B', 'post_office', -2.30, 53.40, null, false);
						INSERT INTO scenario (partnership_id, name, parameters, actions) VALUES ('demo', 'Close A', '{}', '[{"type":"close","siteRef":"lib-a"}]');`);
				},
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
