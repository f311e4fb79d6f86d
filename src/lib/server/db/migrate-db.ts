/**
 * Moves a Hubplan SQLite database into an empty PostgreSQL database (`hubplan migrate-db`): the
 * SQLite file is checked as a restore checks a backup, copied aside and brought to this version's
 * schema there (the file itself is only read); the target is brought to this version's schema by
 * its migrations; then every table is copied in one transaction and checked table by table (row
 * count and content hash, table-copy.ts). Any difference, or a target that already holds data,
 * rolls the copy back, so the target is left without data.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { assertHubplanBackup } from '../backup';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_FOLDER } from '.';
import { migratePostgres } from './postgres-migrations';
import { assertEmpty, copyInOneTransaction, neutralValue, quoteIdent, type CopyReport, type RowSource } from './table-copy';

/** Copies the SQLite database `sqliteFile` into the empty PostgreSQL database at `postgresUrl`. */
export async function migrateSqliteToPostgres(sqliteFile: string, postgresUrl: string): Promise<CopyReport> {
	assertHubplanBackup(sqliteFile);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-migrate-db-'));
	const client = new pg.Client({ connectionString: postgresUrl });
	try {
		const staged = path.join(dir, 'source.sqlite');
		const original = new Database(sqliteFile, { readonly: true, fileMustExist: true });
		try {
			await original.backup(staged);
		} finally {
			original.close();
		}
		// Migrated with drizzle's own migrator rather than openDb, which opens only the process's dialect.
		const source = new Database(staged);
		try {
			migrate(drizzle(source), { migrationsFolder: MIGRATIONS_FOLDER });
			await client.connect();
			await assertEmpty(client);
			await migratePostgres(client);
			return await copyInOneTransaction(client, sqliteRows(source), 'the SQLite database');
		} finally {
			source.close();
		}
	} finally {
		await client.end().catch(() => undefined);
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** An open SQLite database as a row source; migration bookkeeping and SQLite's own tables are left out. */
export function sqliteRows(sqlite: Database.Database): RowSource {
	return {
		async tableNames() {
			const rows = sqlite
				.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name != '__drizzle_migrations'")
				.all() as { name: string }[];
			return rows.map((r) => r.name);
		},
		async columnNames(table) {
			return (sqlite.pragma(`table_info(${quoteIdent(table)})`) as { name: string }[]).map((c) => c.name);
		},
		async rows(table, columns) {
			const select = sqlite.prepare(`SELECT ${columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${quoteIdent(table)}`).raw();
			const rows: unknown[][] = [];
			let n = 0;
			for (const row of select.iterate() as Iterable<unknown[]>) {
				n++;
				rows.push(row.map((v, i) => neutralValue(v, columns[i].kind, `table ${table}, row ${n}, column ${columns[i].name}`)));
			}
			return rows;
		}
	};
}
