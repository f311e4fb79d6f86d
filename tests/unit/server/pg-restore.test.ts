import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupPostgres, restorePostgres, withDatabase } from '$lib/server/pg-backup';
import { readPgSchemaShape } from '$lib/server/db/pg-schema-shape';
import { postgresRows, tableDigest, targetTables } from '$lib/server/db/table-copy';
import { migrateSqliteToPostgres } from '$lib/server/db/migrate-db';
import { postgresTestDatabase, seedTraffordSqlite, type PostgresTestDatabase } from '../../support/pg-database';
import { TEST_ACTOR } from '../../support/actor';

/**
 * Doctored PostgreSQL backups, each a genuine dump with one change made through SQL and dumped
 * again, as an attacker or a bad tool would make them. Every one must be refused naming the
 * change, with the live database untouched: same schema, same rows.
 */
const server = await postgresTestDatabase('pgrestore');

describe.skipIf(!server.available)(`PostgreSQL restore refuses a doctored backup and leaves the live database untouched${server.skipReason}`, () => {
	let dir: string;
	let live: pg.Client;
	let genuine: string;
	let pristine: string;
	let db: PostgresTestDatabase;

	/** Schema and data of the live database, as text. */
	const fingerprint = async () => {
		const shape = await readPgSchemaShape(live);
		const rows = postgresRows(live);
		const digests: string[] = [];
		// The audit log is left out: a restore adds its own entry (checked below).
		for (const table of (await targetTables(live)).filter((t) => t.name !== 'audit_event')) digests.push(`${table.name}:${JSON.stringify(tableDigest(await rows.rows(table.name, table.columns)))}`);
		const names = [...shape.tables.keys(), ...shape.indexes.keys(), ...shape.triggers.keys(), ...shape.views.keys(), ...shape.others.keys()];
		return JSON.stringify([...names, ...digests].sort());
	};

	/** A dump of a copy of the genuine backup with `change` applied through SQL. */
	const doctored = async (label: string, change: string) => {
		const name = `${db.name}_${label.replace(/\W+/g, '_').toLowerCase()}`;
		// A copy of the pristine database (the genuine backup, restored once) is quicker than pg_restore.
		await live.query(`CREATE DATABASE ${name} TEMPLATE ${pristine}`);
		const url = withDatabase(db.url, name);
		try {
			execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', url, '-c', change]);
			const file = path.join(dir, `${label.replace(/\W+/g, '-')}.dump`);
			await backupPostgres(url, file);
			return file;
		} finally {
			await live.query(`DROP DATABASE ${name} WITH (FORCE)`);
		}
	};

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-pg-restore-test-'));
		db = await server.create();
		// The live database: the Trafford demo with its worked examples, moved over from SQLite.
		const sqliteFile = path.join(dir, 'trafford.sqlite');
		await seedTraffordSqlite(sqliteFile);
		await migrateSqliteToPostgres(sqliteFile, db.url);
		live = new pg.Client({ connectionString: db.url });
		await live.connect();
		genuine = path.join(dir, 'genuine.dump');
		await backupPostgres(db.url, genuine);
		pristine = `${db.name}_pristine`;
		await live.query(`DROP DATABASE IF EXISTS ${pristine}`);
		await live.query(`CREATE DATABASE ${pristine} TEMPLATE template0`);
		execFileSync('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${withDatabase(db.url, pristine)}`, genuine]);
	}, 120_000);
	afterAll(async () => {
		await live?.query(`DROP DATABASE IF EXISTS ${pristine} WITH (FORCE)`);
		await live?.end();
		await db?.drop();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	const cases: [string, string, RegExp][] = [
		[
			'planted trigger',
			"CREATE FUNCTION wipe() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN DELETE FROM site; RETURN NULL; END'; CREATE TRIGGER wipe_sites AFTER INSERT ON scenario FOR EACH ROW EXECUTE FUNCTION wipe()",
			/unexpected trigger "wipe_sites" on table scenario; unexpected function wipe\(\)/
		],
		['planted view', 'CREATE VIEW everything AS SELECT * FROM site', /unexpected view "everything"/],
		['planted index', 'CREATE INDEX site_by_name ON site(name)', /unexpected index "site_by_name" on table site/],
		['planted table', 'CREATE TABLE notes (id serial PRIMARY KEY, body text)', /unexpected table notes/],
		['planted table in another schema', 'CREATE SCHEMA side; CREATE TABLE side.notes (body text)', /unexpected table side.notes.*unexpected schema side/],
		['planted rule', 'CREATE RULE keep AS ON DELETE TO site DO INSTEAD NOTHING', /unexpected rule keep on table site/],
		['dropped column', 'ALTER TABLE site DROP COLUMN gia_m2', /table site: column gia_m2 is missing/],
		['added column', 'ALTER TABLE site ADD COLUMN secret text', /table site: unexpected column secret/],
		['changed column type', 'ALTER TABLE zone ALTER COLUMN name TYPE varchar(50)', /table zone: column name has type CHARACTER VARYING\(50\) \(expected TEXT\)/],
		['dropped index', 'DROP INDEX site_partnership_kind', /index "site_partnership_kind" on table site is missing/],
		['added check constraint', 'ALTER TABLE scenario ADD CONSTRAINT short_names CHECK (length(name) < 5) NOT VALID', /table scenario: its definition differs/],
		[
			'forged migration record',
			"UPDATE drizzle.__drizzle_migrations SET hash = 'feedface' || substr(hash, 9)",
			/records migration 1 as feedface.*which is not this Hubplan's migration 1/
		],
		[
			'migration from a newer Hubplan',
			"INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('abc', 99999999999999)",
			/comes from a newer Hubplan \(\d+ migrations; this version knows \d+\)\. Upgrade Hubplan first/
		],
		[
			'foreign-key violation',
			"ALTER TABLE site DISABLE TRIGGER ALL; UPDATE site SET partnership_id = 'nobody' WHERE id = (SELECT min(id) FROM site); ALTER TABLE site ENABLE TRIGGER ALL",
			/could not be loaded, so it was not restored: pg_restore says .*violates foreign key constraint/
		]
	];

	it.each(cases)('%s', async (label, change, message) => {
		const file = await doctored(label, change);
		const before = await fingerprint();
		await expect(restorePostgres(db.url, TEST_ACTOR, file)).rejects.toThrow(message);
		expect(await fingerprint()).toBe(before);
	});

	it('a file that is not a dump, and a truncated dump', async () => {
		const before = await fingerprint();
		const notes = path.join(dir, 'notes.dump');
		fs.writeFileSync(notes, 'name,gia_m2\nHale library,420\n');
		await expect(restorePostgres(db.url, TEST_ACTOR, notes)).rejects.toThrow(/"notes.dump" is not a Hubplan PostgreSQL backup: it is not a pg_dump custom-format file/);
		const truncated = path.join(dir, 'truncated.dump');
		const bytes = fs.readFileSync(genuine);
		fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
		await expect(restorePostgres(db.url, TEST_ACTOR, truncated)).rejects.toThrow(/"truncated.dump" could not be loaded, so it was not restored: pg_restore says/);
		expect(await fingerprint()).toBe(before);
	});

	it('a genuine backup restores, with the data it was taken with, and no scratch database is left behind', async () => {
		const before = await fingerprint();
		await live.query('DELETE FROM scenario');
		await live.query("UPDATE site SET name = 'changed' WHERE id = (SELECT min(id) FROM site)");
		expect(await fingerprint()).not.toBe(before);
		const report = await restorePostgres(db.url, TEST_ACTOR, genuine);
		expect(report.committed).toBe(true);
		expect(report.checks.find((c) => c.table === 'site')?.targetRows).toBeGreaterThan(0);
		expect(await fingerprint()).toBe(before);
		const logged = await live.query("SELECT actor_label, summary FROM audit_event WHERE entity_kind = 'restore'");
		expect(logged.rows).toEqual([{ actor_label: 'test suite', summary: `Database restored from the backup "${path.basename(genuine)}"` }]);
		const leftovers = await live.query("SELECT datname FROM pg_database WHERE datname LIKE 'hubplan\\_re%'");
		expect(leftovers.rows).toEqual([]);
	});
});
