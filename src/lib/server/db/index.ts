/**
 * The database driver. SQLite (better-sqlite3, WAL) is the embedded default: `HUBPLAN_DB` or
 * data/hubplan.sqlite. PostgreSQL is used when `HUBPLAN_DATABASE_URL=postgres://…` is set. Either
 * way the data layer sees one type, `Db`, for the database and for a transaction, and one set of
 * tables, `t`, with the property names of schema.ts; every query is awaited. Opening applies the
 * dialect's migrations (`drizzle/sqlite`, `drizzle/pg`). Tests open `:memory:` or a throwaway
 * PostgreSQL database through the same function, so they run the real migrations.
 *
 * A process runs one dialect, chosen when this module loads, because the tables the queries name
 * must be that dialect's.
 */
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { sql, type SQL } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import path from 'node:path';
import pg from 'pg';
import * as sqliteSchema from './schema';
import { pgTables } from './schema-pg';

export type Dialect = 'sqlite' | 'postgres';
export type Tables = typeof sqliteSchema;
/** The database or a transaction: the data layer's one handle. */
export type Db = BaseSQLiteDatabase<'async', unknown, Tables>;

export const DEFAULT_DB_PATH = 'data/hubplan.sqlite';
export const MIGRATIONS_FOLDER = path.resolve('drizzle/sqlite');
export const PG_MIGRATIONS_FOLDER = path.resolve('drizzle/pg');

/** `postgres` for a postgres:// or postgresql:// URL, else `sqlite` (a file path or `:memory:`). */
export function dialectOf(location: string): Dialect {
	return /^postgres(ql)?:\/\//i.test(location) ? 'postgres' : 'sqlite';
}

/** Where the app's database is: HUBPLAN_DATABASE_URL, else HUBPLAN_DB, else data/hubplan.sqlite. */
export function databaseLocation(): string {
	return process.env.HUBPLAN_DATABASE_URL || process.env.HUBPLAN_DB || DEFAULT_DB_PATH;
}

/** This process's dialect. */
export const dialect: Dialect = dialectOf(process.env.HUBPLAN_DATABASE_URL ?? '');

/**
 * The one cast in the data layer. Queries are typed with schema.ts's tables over an async SQLite
 * database; PostgreSQL's tables (made from the same description, same property names) and
 * database, and better-sqlite3's synchronous one (whose query builders are also awaitable), are
 * presented under those types. Both drivers' test runs prove the queries behave alike.
 */
function presentAs<T>(value: object): T {
	return value as unknown as T;
}

/** The tables of this process's dialect, under schema.ts's names and types. */
export const t: Tables = dialect === 'postgres' ? presentAs<Tables>({ ...sqliteSchema, ...pgTables }) : sqliteSchema;

interface Connection {
	dialect: Dialect;
	/** Runs `work` in a transaction on this connection; `inside` handles are already in one. */
	transaction: <T>(work: (tx: Db) => Promise<T>) => Promise<T>;
	close: () => Promise<void>;
	/** The better-sqlite3 connection (SQLite only): backup and restore copy the file through it. */
	sqlite?: Database.Database;
}

const connections = new WeakMap<Db, Connection>();

/** Open (creating if needed) and migrate the database at `location`: a file, `:memory:` or a postgres:// URL. */
export async function openDb(location: string = databaseLocation()): Promise<Db> {
	const wanted = dialectOf(location);
	if (wanted !== dialect) {
		throw new Error(
			`Cannot open ${wanted === 'postgres' ? 'a PostgreSQL' : 'an SQLite'} database in a process set up for ${dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}: ` +
				`${wanted === 'postgres' ? 'set' : 'unset'} HUBPLAN_DATABASE_URL before starting.`
		);
	}
	return wanted === 'postgres' ? openPostgres(location) : openSqlite(location);
}

function sqliteConnection(file: string): Database.Database {
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	// The CLI may write while the server runs: wait for the other writer rather than fail.
	sqlite.pragma('busy_timeout = 5000');
	return sqlite;
}

/** One queue per database file, so this process never has two SQLite write transactions open at once. */
const writeQueues = new Map<string, Promise<unknown>>();

function openSqlite(file: string): Db {
	const sqlite = sqliteConnection(file);
	migrateSqlite(drizzleSqlite(sqlite, { schema: sqliteSchema }), { migrationsFolder: MIGRATIONS_FOLDER });
	const db = presentAs<Db>(drizzleSqlite(sqlite, { schema: sqliteSchema }));
	// Writes go through their own connection, so reads on the main one only ever see committed data
	// (WAL). An in-memory database exists only on its own connection, so there it is the same one.
	const memory = sqlite.memory;
	const writer = memory ? sqlite : sqliteConnection(file);
	const tx = presentAs<Db>(drizzleSqlite(writer, { schema: sqliteSchema }));
	const queueKey = memory ? `:memory:${Math.random()}` : path.resolve(file);
	connections.set(tx, { dialect: 'sqlite', transaction: (work) => work(tx), close: async () => {}, sqlite: writer });
	connections.set(db, {
		dialect: 'sqlite',
		sqlite,
		async transaction(work) {
			// better-sqlite3's own transaction() is synchronous; this one awaits the work, in turn.
			const previous = writeQueues.get(queueKey) ?? Promise.resolve();
			let release!: () => void;
			const turn = new Promise<void>((resolve) => (release = resolve));
			const queued = previous.then(() => turn);
			writeQueues.set(queueKey, queued);
			await previous;
			try {
				writer.exec('BEGIN IMMEDIATE');
				try {
					const result = await work(tx);
					writer.exec('COMMIT');
					return result;
				} catch (error) {
					if (writer.inTransaction) writer.exec('ROLLBACK');
					throw error;
				}
			} finally {
				release();
				if (writeQueues.get(queueKey) === queued) writeQueues.delete(queueKey);
			}
		},
		async close() {
			if (writer !== sqlite) writer.close();
			sqlite.close();
		}
	});
	return db;
}

/** A lock number for migrations, so app servers starting together migrate one at a time. */
const MIGRATION_LOCK = 1_452_700_914;

async function openPostgres(url: string): Promise<Db> {
	const pool = new pg.Pool({ connectionString: url, max: Number(process.env.HUBPLAN_DATABASE_POOL_SIZE || 10) });
	// An idle connection the server drops (restart, failover, a database dropped) is an 'error' on the
	// pool; unhandled, it would end the process. The pool replaces the connection on the next query.
	pool.on('error', (error) => console.error(`Hubplan: a PostgreSQL connection was lost (${error.message}); it will be replaced.`));
	const client = await pool.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await migratePg(drizzlePg(client), { migrationsFolder: PG_MIGRATIONS_FOLDER });
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
		client.release();
	}
	const native = drizzlePg(pool, { schema: pgTables });
	const db = presentAs<Db>(native);
	connections.set(db, {
		dialect: 'postgres',
		transaction: (work) =>
			native.transaction(async (nativeTx) => {
				const tx = presentAs<Db>(nativeTx);
				connections.set(tx, { dialect: 'postgres', transaction: (inner) => inner(tx), close: async () => {} });
				return work(tx);
			}),
		close: () => pool.end()
	});
	return db;
}

function connectionOf(db: Db): Connection {
	const connection = connections.get(db);
	if (!connection) throw new Error('This database handle was not opened by openDb().');
	return connection;
}

/**
 * Runs `work` in one transaction: all of it is written or none. Inside a transaction it simply
 * runs `work` (the outer transaction decides). Every write goes through here.
 */
export function transaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
	return connectionOf(db).transaction(work);
}

/**
 * Moves the sequence behind `table`'s serial `column` past its largest value, after rows were
 * inserted with their own ids (a partnership restore). PostgreSQL only: SQLite's AUTOINCREMENT
 * follows inserted ids by itself.
 */
export async function syncSerial(db: Db, table: string, column: string): Promise<void> {
	if (connectionOf(db).dialect !== 'postgres') return;
	const [tableName, columnName] = [sql.identifier(table), sql.identifier(column)];
	await presentAs<{ execute: (query: SQL) => Promise<unknown> }>(db).execute(
		sql`SELECT setval(pg_get_serial_sequence(${`"${table}"`}, ${column}), coalesce(max(${columnName}), 1), max(${columnName}) IS NOT NULL) FROM ${tableName}`
	);
}

/** The better-sqlite3 connection under an SQLite handle (backup, restore, schema checks), or null on PostgreSQL. */
export function sqliteClientOf(db: Db): Database.Database | null {
	return connectionOf(db).sqlite ?? null;
}

export function closeDb(db: Db): Promise<void> {
	return connectionOf(db).close();
}

let shared: Promise<Db> | undefined;

/** The server's database (see databaseLocation), opened and migrated once. */
export function getDb(): Promise<Db> {
	shared ??= openDb();
	return shared;
}

/** Closes the server's database if it was opened (the CLI, so a PostgreSQL pool does not keep it running). */
export async function closeSharedDb(): Promise<void> {
	const opened = shared;
	shared = undefined;
	if (opened) await closeDb(await opened);
}
