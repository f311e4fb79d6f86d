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
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { closeDb, MIGRATIONS_FOLDER, openDb, sqliteClientOf, t, transaction, type Db } from './db';
import type { Actor } from './auth/actor';
import * as audit from './audit/log';
import { readSchemaShape, schemaDifferences, type SchemaShape } from './db/schema-shape';
import { appliedLevel, cutMigrations, migrationCount, type AppliedMigration } from './db/migration-journal';

const SQLITE_HEADER = 'SQLite format 3\0';
/** Tables every Hubplan database has; a file without them is someone else's SQLite database. */
const HUBPLAN_TABLES = ['__drizzle_migrations', 'partnership', 'site', 'site_service', 'zone', 'scenario', 'import_run'];

/** The SQLite connection under `db`; these file backups are SQLite's (PostgreSQL has pg_dump). */
function sqliteOf(db: Db): Database.Database {
	const sqlite = sqliteClientOf(db);
	if (!sqlite) throw new Error('This backup and restore copy an SQLite database file; the database is PostgreSQL.');
	return sqlite;
}

/** Writes a consistent copy of the live database to `file` (overwriting it) as one self-contained file. */
export async function backupDatabase(db: Db, file: string): Promise<void> {
	await sqliteOf(db).backup(file);
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
 * open: an SQLite file whose `PRAGMA integrity_check` and `foreign_key_check` pass, whose migration
 * record is a prefix of this version's migrations, and whose whole schema (tables, columns, indexes,
 * foreign keys, triggers, views) is exactly what those migrations produce. Opens it read-only, so
 * checking never changes it.
 */
export function assertHubplanBackup(file: string): void {
	const name = path.basename(file);
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
		throw new Error(`"${name}" is not a Hubplan backup: it is not an SQLite database (expected a file made by "hubplan backup" or "Download backup").`);
	}
	let sqlite: Database.Database | undefined;
	try {
		sqlite = new Database(file, { readonly: true, fileMustExist: true });
		checkBackup(sqlite, name);
	} catch (error) {
		if (error instanceof Database.SqliteError) throw new Error(`"${name}" is damaged: SQLite says "${error.message}".`);
		throw error;
	} finally {
		sqlite?.close();
	}
}

function checkBackup(sqlite: Database.Database, name: string): void {
	const integrity = sqlite.pragma('integrity_check', { simple: true });
	if (integrity !== 'ok') throw new Error(`"${name}" is damaged: PRAGMA integrity_check says "${integrity}".`);
	const tables = new Set(
		(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name)
	);
	const missing = HUBPLAN_TABLES.filter((table) => !tables.has(table));
	if (missing.length) {
		throw new Error(`"${name}" is an SQLite database but not a Hubplan one: it has no ${missing.join(', ')} table(s).`);
	}
	const level = migrationLevel(sqlite, name);
	const differences = schemaDifferences(schemaAtMigration(level), readSchemaShape(sqlite));
	if (differences.length) {
		throw new Error(`"${name}" does not have the schema Hubplan's first ${level} migration(s) make, so it was not restored: ${differences.join('; ')}.`);
	}
	const violations = sqlite.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
	if (violations.length) {
		const shown = violations.slice(0, 5).map((v) => `table ${v.table} row ${v.rowid} points to a missing ${v.parent} row`);
		const more = violations.length > 5 ? ` and ${violations.length - 5} more` : '';
		throw new Error(`"${name}" fails PRAGMA foreign_key_check (${violations.length} broken reference(s)): ${shown.join('; ')}${more}.`);
	}
}

/** How many of this version's migrations the backup has applied (migration-journal.ts). */
function migrationLevel(sqlite: Database.Database, name: string): number {
	const applied = sqlite.prepare('SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY created_at, rowid').all() as AppliedMigration[];
	return appliedLevel(applied, MIGRATIONS_FOLDER, name);
}

const schemaByLevel = new Map<number, SchemaShape>();

/**
 * The schema an empty database has after this version's first `level` migrations, built by running
 * them with drizzle's own migrator on `:memory:` (from a copy of the journal cut at `level`).
 */
export function schemaAtMigration(level: number): SchemaShape {
	const cached = schemaByLevel.get(level);
	if (cached) return cached;
	const cut = cutMigrations(MIGRATIONS_FOLDER, level);
	const sqlite = new Database(':memory:');
	try {
		migrate(drizzle(sqlite), { migrationsFolder: cut.folder });
		const shape = readSchemaShape(sqlite);
		schemaByLevel.set(level, shape);
		return shape;
	} finally {
		sqlite.close();
		cut.remove();
	}
}

/**
 * Replaces the contents of the live database with the backup in `file`, after checking it. The
 * backup is first copied aside and brought up to this version's schema there, so a migration that
 * fails leaves the live database untouched; then the backup API copies it into the live file, so
 * the open connection sees the restored data at once and no file is swapped under it.
 */
export async function restoreDatabase(db: Db, actor: Actor, file: string): Promise<void> {
	assertHubplanBackup(file);
	const live = sqliteOf(db);
	if (live.memory) throw new Error('Cannot restore into an in-memory database: open a database file.');
	const staging = path.join(os.tmpdir(), `hubplan-restore-${process.pid}-${Date.now()}.sqlite`);
	fs.copyFileSync(file, staging);
	try {
		const staged = await openDb(staging);
		try {
			const stagedSqlite = sqliteOf(staged);
			assertMigratedBackup(stagedSqlite);
			await stagedSqlite.backup(live.name);
		} finally {
			await closeDb(staged);
		}
	} finally {
		for (const suffix of ['', '-wal', '-shm']) fs.rmSync(staging + suffix, { force: true });
	}
	const integrity = live.pragma('integrity_check', { simple: true });
	if (integrity !== 'ok') throw new Error(`The restored database failed PRAGMA integrity_check: "${integrity}".`);
	await recordRestore(db, actor, path.basename(file));
}

/** Throws unless a backup copy brought up to this version is intact and has exactly this version's schema. */
export function assertMigratedBackup(sqlite: Database.Database): void {
	const integrity = sqlite.pragma('integrity_check', { simple: true });
	if (integrity !== 'ok') throw new Error(`The backup failed PRAGMA integrity_check after migrating: "${integrity}".`);
	const differences = schemaDifferences(schemaAtMigration(migrationCount(MIGRATIONS_FOLDER)), readSchemaShape(sqlite));
	if (differences.length) throw new Error(`The backup's schema after migrating is not this version's: ${differences.join('; ')}.`);
}

/**
 * Records a restore in the restored database's own log, for every partnership it holds. Written
 * just after the restore: the log restored with the backup is the backup's, so this entry is the
 * first of what happens next.
 */
async function recordRestore(db: Db, actor: Actor, fileName: string): Promise<void> {
	await transaction(db, async (tx) => {
		for (const { id } of await tx.select({ id: t.partnership.id }).from(t.partnership)) await audit.record(tx, actor, id, restoreEntry(fileName));
	});
}

/** The audit entry of a restore from `fileName` (this module's and pg-backup.ts's). */
export function restoreEntry(fileName: string): audit.AuditChange {
	return { entityKind: 'restore', entityId: fileName, action: 'restored', after: { file: fileName }, summary: `Database restored from the backup "${fileName}"` };
}

/**
 * SHA-256 of every row of every table but the audit log, in a fixed order: two databases with the
 * same checksum hold the same data. Used by tests and to confirm a restore (which adds its own
 * entry to the log, so the log is left out).
 */
export function dataChecksum(db: Db): string {
	const client = sqliteOf(db);
	const hash = createHash('sha256');
	const tables = (client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_event' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
	for (const name of tables) {
		hash.update(`\n#${name}\n`);
		for (const row of client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().iterate() as Iterable<unknown[]>) {
			hash.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : v)));
			hash.update('\n');
		}
	}
	return hash.digest('hex');
}
