import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migratePostgres } from '$lib/server/db/postgres-migrations';
import { tablesHoldingData, targetTables } from '$lib/server/db/table-copy';
import { postgresTestDatabase, seedTraffordSqlite, type PostgresTestDatabase } from '../../support/pg-database';

const exec = promisify(execFile);
const server = await postgresTestDatabase('migratedb');

async function hubplan(...args: string[]) {
	return hubplanWith({}, ...args);
}

async function hubplanWith(env: NodeJS.ProcessEnv, ...args: string[]) {
	try {
		const { stdout, stderr } = await exec('node', ['src/cli/hubplan.js', ...args], { env: { ...process.env, ...env } });
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, stdout: e.stdout, stderr: e.stderr };
	}
}

describe.skipIf(!server.available)(`hubplan migrate-db from the Trafford SQLite database into PostgreSQL, then backup and restore there${server.skipReason}`, () => {
	let dir: string;
	let sqliteFile: string;
	let target: PostgresTestDatabase;
	let client: pg.Client;
	const counts: Record<string, number> = {};

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-migrate-db-'));
		sqliteFile = path.join(dir, 'trafford.sqlite');
		await seedTraffordSqlite(sqliteFile);
		const sqlite = new Database(sqliteFile, { readonly: true });
		for (const { name } of sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name != '__drizzle_migrations'").all() as { name: string }[]) {
			counts[name] = (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
		}
		sqlite.close();
		target = await server.create();
		client = new pg.Client({ connectionString: target.url });
		await client.connect();
	}, 120_000);
	afterAll(async () => {
		await client?.end();
		await target?.drop();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('copies every table, prints each count and hash as the same on both sides, and exits 0', async () => {
		const result = await hubplan('migrate-db', '--from', `sqlite:${sqliteFile}`, '--to', target.url);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const lines = result.stdout.trim().split('\n');
		expect(lines[0]).toMatch(/^table\s+SQLite rows\s+PostgreSQL rows\s+SQLite SHA-256\s+PostgreSQL SHA-256$/);
		for (const [table, n] of Object.entries(counts)) {
			const line = lines.find((l) => l.startsWith(`${table} `));
			expect(line, table).toMatch(new RegExp(`^${table}\\s+${n}\\s+${n}\\s+([0-9a-f]{16})\\s+\\1\\s+same$`));
		}
		expect(lines.at(-1)).toMatch(/^Copied 31 tables, \d+ rows, .*every count and hash matches\.$/);
		expect(counts.site).toBe(308);
		expect(counts.zone).toBe(139);
	});

	it('converts to the target types: booleans, JSON, whole numbers; moves the sequences past the copied ids', async () => {
		const sites = await client.query('SELECT count(*) FILTER (WHERE jsonb_typeof(provenance) = $1) AS provenance FROM site', ['object']);
		expect(Number(sites.rows[0].provenance)).toBe(308);
		const scenarios = await client.query('SELECT is_baseline, jsonb_typeof(actions) AS actions FROM scenario ORDER BY id');
		// SQLite's 0/1 became booleans: one baseline, three worked examples.
		expect(scenarios.rows.map((r) => r.is_baseline)).toEqual([true, false, false, false]);
		expect(scenarios.rows.every((r) => r.actions === 'array')).toBe(true);
		const added = await client.query(
			"INSERT INTO scenario (partnership_id, name, parameters) VALUES ('trafford', 'After the move', '{}') RETURNING id, (SELECT max(id) FROM scenario s) AS before"
		);
		expect(added.rows[0].id).toBe(Number(added.rows[0].before) + 1);
		await client.query('DELETE FROM scenario WHERE id = $1', [added.rows[0].id]);
	});

	it('then hubplan backup and restore run on it with HUBPLAN_DATABASE_URL; an SQLite file is pointed to migrate-db', async () => {
		const env = { HUBPLAN_DATABASE_URL: target.url };
		const dump = path.join(dir, 'trafford.dump');
		expect((await hubplanWith(env, 'backup', dump)).stdout).toMatch(/^Backed up to .*trafford\.dump \(\d+ bytes\)\.$/m);
		await client.query('DELETE FROM milestone');
		const restored = await hubplanWith(env, 'restore', dump);
		expect(restored.stdout).toMatch(/^Restored from .*: 31 tables, \d+ rows, every count and content hash as in the backup\.$/m);
		expect(Number((await client.query('SELECT count(*) AS n FROM milestone')).rows[0].n)).toBe(counts.milestone);
		const sqlite = await hubplanWith(env, 'restore', sqliteFile);
		expect(sqlite.code).toBe(1);
		expect(sqlite.stderr).toContain('is an SQLite backup, which does not restore into PostgreSQL: copy it into a new, empty database with "hubplan migrate-db');
	});

	it('refuses a target that already holds data (exit 1), naming the tables, and changes nothing', async () => {
		const before = await tablesHoldingData(client, await targetTables(client));
		const result = await hubplan('migrate-db', '--from', `sqlite:${sqliteFile}`, '--to', target.url);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/The target database already holds data, so nothing was copied: .*partnership \(1 rows\).*site \(308 rows\)/);
		expect(await tablesHoldingData(client, await targetTables(client))).toEqual(before);
	});

	it('rolls the whole copy back (exit 1) when a table does not copy exactly', async () => {
		const other = await server.create('altered');
		const altered = new pg.Client({ connectionString: other.url });
		await altered.connect();
		try {
			// A trigger on the target that changes rows as they arrive: the hashes must catch it.
			await migratePostgres(altered);
			await altered.query("CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN NEW.name := upper(NEW.name); RETURN NEW; END'");
			await altered.query('CREATE TRIGGER shout BEFORE INSERT ON site FOR EACH ROW EXECUTE FUNCTION shout()');
			const result = await hubplan('migrate-db', '--from', `sqlite:${sqliteFile}`, '--to', other.url);
			expect(result.code).toBe(1);
			expect(result.stdout).toMatch(/^site\s+308\s+308\s+[0-9a-f]{16}\s+[0-9a-f]{16}\s+DIFFERENT$/m);
			expect(result.stdout).toMatch(/^zone\s+139\s+139\s+([0-9a-f]{16})\s+\1\s+same$/m);
			expect(result.stderr).toContain('hubplan migrate-db: site did not copy exactly, so the copy was rolled back');
			expect(await tablesHoldingData(altered, await targetTables(altered))).toEqual([]);
		} finally {
			await altered.end();
			await other.drop();
		}
	});

	it('says what --from and --to must be (exit 2)', async () => {
		const result = await hubplan('migrate-db', '--from', sqliteFile, '--to', target.url);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(`--from must be sqlite:FILE (got ${sqliteFile})`);
	});
});
