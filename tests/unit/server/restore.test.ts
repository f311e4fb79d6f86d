import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, MIGRATIONS_FOLDER, sqliteClientOf, openDb, type Db } from '$lib/server/db';
import { t } from '$lib/server/db';
import { backupDatabase, dataChecksum, restoreDatabase } from '$lib/server/backup';
import { ensureDemoData } from '$lib/server/seed';

/**
 * Doctored backups, each made from a genuine one with one change, as an attacker or a bad tool
 * would make them. Every one must be refused naming the change, with the live database untouched.
 */
describe('restore refuses a doctored backup and leaves the live database byte-identical', async () => {
	let dir: string;
	let live: string;
	let db: Db;
	let genuine: string;

	/** The live database's files as bytes (main file and write-ahead log) and its data. */
	const fingerprint = () => {
		const hash = createHash('sha256');
		for (const suffix of ['', '-wal']) if (fs.existsSync(live + suffix)) hash.update(fs.readFileSync(live + suffix));
		return `${hash.digest('hex')}:${dataChecksum(db)}`;
	};

	/** A copy of the genuine backup with `change` applied to it through SQL. */
	const doctored = (name: string, change: (sqlite: Database.Database) => void) => {
		const file = path.join(dir, `${name}.sqlite`);
		fs.copyFileSync(genuine, file);
		const sqlite = new Database(file);
		change(sqlite);
		sqlite.close();
		return file;
	};

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-restore-test-'));
		live = path.join(dir, 'live.sqlite');
		db = await openDb(live);
		await ensureDemoData(db);
		genuine = path.join(dir, 'genuine.sqlite');
		await backupDatabase(db, genuine);
	});
	afterAll(async () => {
		await closeDb(db);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	const cases: [string, (sqlite: Database.Database) => void, RegExp][] = [
		[
			'planted trigger',
			(s) => s.exec('CREATE TRIGGER wipe_sites AFTER INSERT ON scenario BEGIN DELETE FROM site; END'),
			/unexpected trigger "wipe_sites" on table scenario/
		],
		['planted view', (s) => s.exec('CREATE VIEW everything AS SELECT * FROM site'), /unexpected view "everything"/],
		['planted index', (s) => s.exec('CREATE INDEX site_by_name ON site(name)'), /unexpected index "site_by_name" on table site/],
		['planted table', (s) => s.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)'), /unexpected table notes/],
		['dropped column', (s) => s.exec('ALTER TABLE site DROP COLUMN gia_m2'), /table site: column gia_m2 is missing/],
		['added column', (s) => s.exec('ALTER TABLE site ADD COLUMN secret TEXT'), /table site: unexpected column secret/],
		[
			'changed column type',
			(s) => {
				// Rebuild the table as SQLite's documented ALTER procedure does, with name as INTEGER.
				const sql = (s.prepare("SELECT sql FROM sqlite_master WHERE name = 'zone'").get() as { sql: string }).sql;
				s.pragma('foreign_keys = OFF');
				s.exec(`ALTER TABLE zone RENAME TO zone_old; ${sql.replace(/`name` text/, '`name` integer')}; INSERT INTO zone SELECT * FROM zone_old; DROP TABLE zone_old;`);
			},
			/table zone: column name has type INTEGER \(expected TEXT\)/
		],
		[
			'dropped index',
			(s) => {
				const index = (s.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'site' AND sql IS NOT NULL LIMIT 1").get() as { name: string }).name;
				s.exec(`DROP INDEX "${index}"`);
			},
			/index "[a-z_]+" on table site is missing/
		],
		[
			'foreign-key violation',
			(s) => {
				s.pragma('foreign_keys = OFF');
				s.exec("UPDATE site SET partnership_id = 'nobody' WHERE rowid = (SELECT min(rowid) FROM site)");
			},
			/fails PRAGMA foreign_key_check \(\d+ broken reference\(s\)\): table site row \d+ points to a missing partnership row/
		],
		[
			'forged migration record',
			(s) => s.exec("UPDATE __drizzle_migrations SET hash = 'feedface' || substr(hash, 9)"),
			/records migration 1 as feedface.*which is not this Hubplan's migration 1/
		],
		[
			'migration from a newer Hubplan',
			(s) => s.exec("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('abc', 99999999999999)"),
			/comes from a newer Hubplan \(\d+ migrations; this version knows \d+\)\. Upgrade Hubplan first/
		]
	];

	it.each(cases)('%s', async (name, change, message) => {
		const before = fingerprint();
		const file = doctored(name.replace(/\W+/g, '-'), change);
		await expect(restoreDatabase(db, file)).rejects.toThrow(message);
		expect(fingerprint()).toBe(before);
	});

	it('a corrupted page', async () => {
		const before = fingerprint();
		const file = path.join(dir, 'corrupted.sqlite');
		const bytes = fs.readFileSync(genuine);
		// Scribble over pages in the middle: the header still says SQLite, the b-trees do not add up.
		bytes.fill(0x5a, 4096 * 3, 4096 * 12);
		fs.writeFileSync(file, bytes);
		await expect(restoreDatabase(db, file)).rejects.toThrow(/"corrupted.sqlite" is damaged: (PRAGMA integrity_check|SQLite) says/);
		expect(fingerprint()).toBe(before);
	});

	it('a truncated file', async () => {
		const before = fingerprint();
		const file = path.join(dir, 'truncated.sqlite');
		const bytes = fs.readFileSync(genuine);
		fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
		await expect(restoreDatabase(db, file)).rejects.toThrow(/"truncated.sqlite" is damaged/);
		expect(fingerprint()).toBe(before);
	});

	it('a file that is not SQLite', async () => {
		const before = fingerprint();
		const file = path.join(dir, 'notes.sqlite');
		fs.writeFileSync(file, 'name,gia_m2\nHale library,420\n');
		await expect(restoreDatabase(db, file)).rejects.toThrow(/"notes.sqlite" is not a Hubplan backup: it is not an SQLite database/);
		expect(fingerprint()).toBe(before);
	});

	it('a backup from before the last migration is checked against that level, then migrated', async () => {
		// Undo the last migration by dropping the tables it creates (children first).
		const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
		const lastSql = fs.readFileSync(path.join(MIGRATIONS_FOLDER, `${journal.entries.at(-1)!.tag}.sql`), 'utf8');
		const created = [...lastSql.matchAll(/CREATE TABLE `(\w+)`/g)].map((m) => m[1]);
		expect(created.length).toBeGreaterThan(0);
		const old = doctored('before-last-migration', (s) => {
			s.pragma('foreign_keys = OFF');
			for (const table of created.reverse()) s.exec(`DROP TABLE ${table}`);
			s.exec('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)');
		});
		const before = dataChecksum(db);
		await restoreDatabase(db, old);
		expect(dataChecksum(db)).toBe(before);
		const tables = (sqliteClientOf(db)!.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
		expect(tables).toEqual(expect.arrayContaining(created));
	});

	it('a genuine backup still restores, with the data it was taken with', async () => {
		const before = dataChecksum(db);
		await db.delete(t.scenario);
		await db.delete(t.siteService);
		expect(dataChecksum(db)).not.toBe(before);
		await restoreDatabase(db, genuine);
		expect(dataChecksum(db)).toBe(before);
	});
});
