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
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { getTableColumns, getTableName, is, SQL, sql, type Table } from 'drizzle-orm';
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
	/** Runs `work` while holding lock `key`, which every process on this database shares. */
	exclusive: <T>(key: number, work: () => Promise<T>) => Promise<T>;
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

/** Runs `work` after everything queued under `queueKey` before it. */
async function inTurn<T>(queueKey: string, work: () => Promise<T>): Promise<T> {
	const previous = writeQueues.get(queueKey) ?? Promise.resolve();
	let release!: () => void;
	const turn = new Promise<void>((resolve) => (release = resolve));
	const queued = previous.then(() => turn);
	writeQueues.set(queueKey, queued);
	await previous;
	try {
		return await work();
	} finally {
		release();
		if (writeQueues.get(queueKey) === queued) writeQueues.delete(queueKey);
	}
}

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
	// An SQLite file is served from one machine, so the lock is this process's, by file.
	const exclusive = <T>(key: number, work: () => Promise<T>) => inTurn(`${queueKey}#${key}`, work);
	connections.set(tx, { dialect: 'sqlite', transaction: (work) => work(tx), exclusive, close: async () => {}, sqlite: writer });
	connections.set(db, {
		dialect: 'sqlite',
		sqlite,
		exclusive,
		transaction(work) {
			// better-sqlite3's own transaction() is synchronous; this one awaits the work, in turn.
			return inTurn(queueKey, async () => {
				writer.exec('BEGIN IMMEDIATE');
				try {
					const result = await work(tx);
					writer.exec('COMMIT');
					return result;
				} catch (error) {
					if (writer.inTransaction) writer.exec('ROLLBACK');
					throw error;
				}
			});
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

/**
 * PostgreSQL connections per app server: HUBPLAN_DATABASE_POOL_SIZE, default 10. At least 2, since
 * a lock (first-start seeding, migrations) holds one connection while the work runs on another.
 */
export function poolSize(setting = process.env.HUBPLAN_DATABASE_POOL_SIZE): number {
	if (setting === undefined || setting.trim() === '') return 10;
	const size = Number(setting);
	if (!Number.isInteger(size) || size < 2 || size > 1000) {
		throw new Error(`HUBPLAN_DATABASE_POOL_SIZE is "${setting}"; expected a whole number of connections from 2 to 1000 (one holds a lock while another does the work).`);
	}
	return size;
}

async function openPostgres(url: string): Promise<Db> {
	const pool = new pg.Pool({ connectionString: url, max: poolSize() });
	// An idle connection the server drops (restart, failover, a database dropped) is an 'error' on the
	// pool; unhandled, it would end the process. The pool replaces the connection on the next query.
	pool.on('error', (error) => console.error(`Hubplan: a PostgreSQL connection was lost (${error.message}); it will be replaced.`));
	// A session lock on a connection of its own, held while `work` runs (on it, or on the pool's others).
	const locked = async <T>(key: number, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
		const client = await pool.connect();
		try {
			await client.query('SELECT pg_advisory_lock($1)', [key]);
			return await work(client);
		} finally {
			await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
			client.release();
		}
	};
	const exclusive = <T>(key: number, work: () => Promise<T>) => locked(key, () => work());
	await locked(MIGRATION_LOCK, (client) => migratePg(drizzlePg(client), { migrationsFolder: PG_MIGRATIONS_FOLDER }));
	const native = drizzlePg(pool, { schema: pgTables });
	const db = presentAs<Db>(native);
	connections.set(db, {
		dialect: 'postgres',
		exclusive,
		transaction: (work) =>
			native.transaction(async (nativeTx) => {
				const tx = presentAs<Db>(nativeTx);
				connections.set(tx, { dialect: 'postgres', transaction: (inner) => inner(tx), exclusive, close: async () => {} });
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
 * Runs `work` while holding lock `key` (a number of the caller's choosing): app servers that share
 * one database take turns, as with seeding on first start. On PostgreSQL an advisory lock; on
 * SQLite this process's (one machine serves an SQLite file).
 */
export function exclusively<T>(db: Db, key: number, work: () => Promise<T>): Promise<T> {
	return connectionOf(db).exclusive(key, work);
}

/**
 * Inserts `rows` (objects keyed by `table`'s property names, as its query builder takes them) in
 * one statement that binds one value, the rows as JSON, which the database unpacks: PostgreSQL's
 * `jsonb_populate_recordset`, SQLite's `json_each`. Building a many-row INSERT in the query
 * builder costs more CPU than the database takes to run it, and binds a value per cell (SQLite
 * allows 32,766 per statement). Columns no row gives take their defaults; a row without a column
 * the others give takes the column's default value, else null. Returns the `returning` columns
 * (database names) of the new rows, in no set order.
 */
export async function insertAsJson(db: Db, table: Table, rows: Record<string, unknown>[], returning: string[] = []): Promise<Record<string, unknown>[]> {
	if (rows.length === 0) return [];
	const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((r) => r[key] !== undefined));
	const records = rows.map((row) =>
		Object.fromEntries(
			columns.map(([key, column]) => {
				const fallback = column.default === undefined || is(column.default, SQL) ? null : column.default;
				return [column.name, row[key] === undefined ? fallback : row[key]];
			})
		)
	);
	const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
	const names = columns.map(([, c]) => quoted(c.name)).join(', ');
	const into = sql.raw(`insert into ${quoted(getTableName(table))} (${names}) select `);
	const back = returning.length ? sql.raw(` returning ${returning.map(quoted).join(', ')}`) : sql``;
	const json = JSON.stringify(records);
	if (dialect === 'postgres') {
		const query = sql`${into}${sql.raw(names)} from jsonb_populate_recordset(null::${sql.raw(quoted(getTableName(table)))}, ${json}::jsonb)${back}`;
		return (await presentAs<NodePgDatabase>(db).execute(query)).rows;
	}
	const values = columns.map(([, c]) => `json_extract(value, '$.${c.name}')`).join(', ');
	const query = sql`${into}${sql.raw(values)} from json_each(${json})${back}`;
	if (returning.length) return db.all(query);
	await db.run(query);
	return [];
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
