/**
 * Opens the SQLite database (WAL), applies the migrations in `drizzle/` and hands out the drizzle
 * client. Tests open `:memory:` through the same function so they run the real migrations.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import path from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DB_PATH = 'data/hubplan.sqlite';
export const MIGRATIONS_FOLDER = path.resolve('drizzle/sqlite');

/** Open (creating if needed) and migrate the database at `file` (`:memory:` for tests). */
export function openDb(file: string = DEFAULT_DB_PATH): Db {
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = drizzle(sqlite, { schema });
	migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
	return db as Db;
}

let shared: Db | undefined;

/** The server's database: `HUBPLAN_DB` or data/hubplan.sqlite. */
export function getDb(): Db {
	shared ??= openDb(process.env.HUBPLAN_DB || DEFAULT_DB_PATH);
	return shared;
}
