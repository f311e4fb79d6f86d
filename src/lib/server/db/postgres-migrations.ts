/**
 * This version's PostgreSQL migrations (drizzle-kit, `drizzle/pg`), applied through drizzle's own
 * migrator, and the level a PostgreSQL database records.
 */
import type pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PG_MIGRATIONS_FOLDER } from '.';
import { appliedLevel, cutMigrations, migrationCount, type AppliedMigration } from './migration-journal';

/** Applies this version's migrations (or only the first `level`) to the database `client` is connected to. */
export async function migratePostgres(client: pg.Client | pg.PoolClient, level = migrationCount(PG_MIGRATIONS_FOLDER)): Promise<void> {
	const cut = cutMigrations(PG_MIGRATIONS_FOLDER, level);
	try {
		await migrate(drizzle(client), { migrationsFolder: cut.folder });
	} finally {
		cut.remove();
	}
}

/** How many of this version's migrations the database records; throws, naming `name`, if its record is not ours. */
export async function postgresMigrationLevel(client: pg.ClientBase, name: string): Promise<number> {
	const table = await client.query<{ found: string | null }>("SELECT to_regclass('drizzle.__drizzle_migrations')::text AS found");
	if (!table.rows[0].found) throw new Error(`"${name}" is not a Hubplan database: it has no drizzle.__drizzle_migrations table.`);
	const applied = await client.query<AppliedMigration>('SELECT hash, created_at AS "createdAt" FROM drizzle.__drizzle_migrations ORDER BY created_at, id');
	return appliedLevel(applied.rows, PG_MIGRATIONS_FOLDER, name);
}
