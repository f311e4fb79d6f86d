/**
 * Full backups and restores of the Hubplan database. A backup uses SQLite's online backup API
 * (through better-sqlite3), so it is consistent while the app keeps running. A restore first proves
 * the file is a healthy Hubplan database (SQLite header, `PRAGMA integrity_check`, Hubplan tables,
 * no migrations newer than this app knows), then copies it over the live database page by page.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS_FOLDER, openDb, type Db } from './db';

const SQLITE_HEADER = 'SQLite format 3\0';
/** Tables every Hubplan database has; a file without them is someone else's SQLite database. */
const HUBPLAN_TABLES = ['__drizzle_migrations', 'partnership', 'site', 'site_service', 'zone', 'scenario', 'import_run'];

/** Writes a consistent copy of the live database to `file` (overwriting it) as one self-contained file. */
export async function backupDatabase(db: Db, file: string): Promise<void> {
	await db.$client.backup(file);
	// The copy inherits WAL mode; a single-file journal means opening it never leaves -wal/-shm files beside it.
	const copy = new Database(file);
	try {
		copy.pragma('journal_mode = DELETE');
	} finally {
		copy.close();
	}
}

/**
 * Throws, naming the reason, unless `file` is a readable, intact Hubplan database this version can
 * open. Opens it read-only, so checking never changes it.
 */
export function assertHubplanBackup(file: string): void {
	const head = Buffer.alloc(16);
	let fd: number;
	try {
		fd = fs.openSync(file, 'r');
	} catch {
		throw new Error(`Cannot read the backup "${file}": no such file.`);
	}
	const read = fs.readSync(fd, head, 0, 16, 0);
	fs.closeSync(fd);
	if (read < 16 || head.toString('latin1') !== SQLITE_HEADER) {
		throw new Error(`"${path.basename(file)}" is not a Hubplan backup: it is not an SQLite database (expected a file made by "hubplan backup" or "Download backup").`);
	}
	const sqlite = new Database(file, { readonly: true, fileMustExist: true });
	try {
		const integrity = sqlite.pragma('integrity_check', { simple: true });
		if (integrity !== 'ok') throw new Error(`"${path.basename(file)}" is damaged: PRAGMA integrity_check says "${integrity}".`);
		const tables = new Set(
			(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name)
		);
		const missing = HUBPLAN_TABLES.filter((name) => !tables.has(name));
		if (missing.length) {
			throw new Error(`"${path.basename(file)}" is an SQLite database but not a Hubplan one: it has no ${missing.join(', ')} table(s).`);
		}
		const applied = (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
		const known = knownMigrations();
		if (applied > known) {
			throw new Error(`"${path.basename(file)}" comes from a newer Hubplan (${applied} migrations; this version knows ${known}). Upgrade Hubplan first.`);
		}
	} finally {
		sqlite.close();
	}
}

function knownMigrations(): number {
	const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
	return journal.entries.length;
}

/**
 * Replaces the contents of the live database with the backup in `file`, after checking it. The
 * backup is first copied aside and brought up to this version's schema there, so a migration that
 * fails leaves the live database untouched; then the backup API copies it into the live file, so
 * the open connection sees the restored data at once and no file is swapped under it.
 */
export async function restoreDatabase(db: Db, file: string): Promise<void> {
	assertHubplanBackup(file);
	if (db.$client.memory) throw new Error('Cannot restore into an in-memory database: open a database file.');
	const staging = path.join(os.tmpdir(), `hubplan-restore-${process.pid}-${Date.now()}.sqlite`);
	fs.copyFileSync(file, staging);
	try {
		const staged = openDb(staging);
		try {
			const integrity = staged.$client.pragma('integrity_check', { simple: true });
			if (integrity !== 'ok') throw new Error(`The backup failed PRAGMA integrity_check after migrating: "${integrity}".`);
			await staged.$client.backup(db.$client.name);
		} finally {
			staged.$client.close();
		}
	} finally {
		for (const suffix of ['', '-wal', '-shm']) fs.rmSync(staging + suffix, { force: true });
	}
	const integrity = db.$client.pragma('integrity_check', { simple: true });
	if (integrity !== 'ok') throw new Error(`The restored database failed PRAGMA integrity_check: "${integrity}".`);
}

/**
 * SHA-256 of every row of every table, in a fixed order: two databases with the same checksum hold
 * the same data. Used by tests and to confirm a restore.
 */
export function dataChecksum(db: Db): string {
	const client = db.$client;
	const hash = createHash('sha256');
	const tables = (client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
	for (const name of tables) {
		hash.update(`\n#${name}\n`);
		for (const row of client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().iterate() as Iterable<unknown[]>) {
			hash.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : v)));
			hash.update('\n');
		}
	}
	return hash.digest('hex');
}
