/**
 * Backups and restores of a Hubplan PostgreSQL database. A backup is `pg_dump --format=custom`
 * (consistent while the app runs). A restore proves the dump before it touches anything:
 *
 * 1. `pg_restore` loads it into a new scratch database (a damaged file, or rows breaking a foreign
 *    key, fail there);
 * 2. its migration record must be this version's first N migrations;
 * 3. its whole schema (pg-schema-shape.ts) must be exactly what those N migrations make, compared
 *    with a reference database built from `drizzle/pg` to level N (once per level, then remembered);
 * 4. the scratch database is migrated to this version and compared again;
 * 5. only then are the live database's tables emptied and filled from it in one transaction, each
 *    table's count and content hash checked (table-copy.ts) before it commits.
 *
 * On any refusal the live database is untouched; the scratch and reference databases are dropped
 * either way. The PostgreSQL user needs CREATEDB (the app's owner user in docs/deploy.md has it
 * when it is the superuser or is granted it).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { schemaDifferences, type SchemaShape } from './db/schema-shape';
import { readPgSchemaShape } from './db/pg-schema-shape';
import { migratePostgres, postgresMigrationLevel } from './db/postgres-migrations';
import { migrationCount } from './db/migration-journal';
import { dialectOf, PG_MIGRATIONS_FOLDER } from './db';
import type { Actor } from './auth/actor';
import * as audit from './audit/log';
import { restoreEntry } from './backup';
import { copyInOneTransaction, postgresRows, quoteIdent, type CopyReport } from './db/table-copy';

const run = promisify(execFile);
/** The first bytes of a pg_dump custom-format archive. */
const CUSTOM_DUMP_MAGIC = 'PGDMP';

/** HUBPLAN_DATABASE_URL when it names a PostgreSQL database (the app then runs on it), else null. */
export function postgresUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
	const url = env.HUBPLAN_DATABASE_URL?.trim();
	return url && dialectOf(url) === 'postgres' ? url : null;
}

/** Writes a consistent custom-format dump of the database at `url` to `file` (overwriting it). */
export async function backupPostgres(url: string, file: string): Promise<void> {
	try {
		await run('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${url}`]);
	} catch (error) {
		throw new Error(`pg_dump failed, so no backup was written: ${toolMessage(error)}`);
	}
}

/** Replaces the data of the database at `url` with the checked dump `file`; see the module comment. */
export async function restorePostgres(url: string, actor: Actor, file: string): Promise<CopyReport> {
	const name = path.basename(file);
	assertCustomDump(file, name);
	const live = new pg.Client({ connectionString: url });
	await live.connect();
	const scratchName = `hubplan_restore_${process.pid}_${Date.now()}`;
	let created = false;
	try {
		await live.query(`CREATE DATABASE ${quoteIdent(scratchName)} TEMPLATE template0`);
		created = true;
		try {
			await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${withDatabase(url, scratchName)}`, file]);
		} catch (error) {
			throw new Error(`"${name}" could not be loaded, so it was not restored: pg_restore says ${toolMessage(error)}`);
		}
		const report = await withClient(withDatabase(url, scratchName), async (scratch) => {
			const level = await postgresMigrationLevel(scratch, name);
			const differences = schemaDifferences(await schemaAtPgMigration(url, level), await readPgSchemaShape(scratch));
			if (differences.length) {
				throw new Error(`"${name}" does not have the schema Hubplan's first ${level} migration(s) make, so it was not restored: ${differences.join('; ')}.`);
			}
			const current = migrationCount(PG_MIGRATIONS_FOLDER);
			if (level < current) {
				await migratePostgres(scratch);
				const after = schemaDifferences(await schemaAtPgMigration(url, current), await readPgSchemaShape(scratch));
				if (after.length) throw new Error(`The backup's schema after migrating is not this version's: ${after.join('; ')}.`);
			}
			const report = await copyInOneTransaction(live, postgresRows(scratch), `the backup "${name}"`, true);
			if (!report.committed) {
				const wrong = report.checks.filter((c) => !c.matches).map((c) => c.table);
				throw new Error(`Copying "${name}" into the database did not reproduce ${wrong.join(', ')} exactly, so it was rolled back and nothing changed.`);
			}
			return report;
		});
		await audit.recordInEveryPartnership(live, actor, restoreEntry(name));
		return report;
	} finally {
		if (created) await live.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratchName)} WITH (FORCE)`).catch(() => undefined);
		await live.end();
	}
}

const schemaByLevel = new Map<number, SchemaShape>();

/**
 * The schema an empty PostgreSQL database has after this version's first `level` migrations:
 * built once per level in a reference database on the server at `url`, then dropped.
 */
export async function schemaAtPgMigration(url: string, level: number): Promise<SchemaShape> {
	const cached = schemaByLevel.get(level);
	if (cached) return cached;
	const referenceName = `hubplan_reference_${process.pid}_${Date.now()}`;
	return withClient(url, async (admin) => {
		await admin.query(`CREATE DATABASE ${quoteIdent(referenceName)} TEMPLATE template0`);
		try {
			const shape = await withClient(withDatabase(url, referenceName), async (reference) => {
				await migratePostgres(reference, level);
				return readPgSchemaShape(reference);
			});
			schemaByLevel.set(level, shape);
			return shape;
		} finally {
			await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(referenceName)} WITH (FORCE)`).catch(() => undefined);
		}
	});
}

function assertCustomDump(file: string, name: string): void {
	let head: Buffer;
	try {
		head = fs.readFileSync(file).subarray(0, 16);
	} catch {
		throw new Error(`Cannot read the backup "${file}": no such file.`);
	}
	if (head.toString('latin1') === 'SQLite format 3\0') {
		throw new Error(`"${name}" is an SQLite backup, which does not restore into PostgreSQL: copy it into a new, empty database with "hubplan migrate-db --from sqlite:${file} --to postgres://…".`);
	}
	if (!head.toString('latin1').startsWith(CUSTOM_DUMP_MAGIC)) {
		throw new Error(`"${name}" is not a Hubplan PostgreSQL backup: it is not a pg_dump custom-format file (expected a file made by "hubplan backup" or "pg_dump -Fc").`);
	}
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await use(client);
	} finally {
		await client.end();
	}
}

/** `url` pointing at the database `name` on the same server, as the same user. */
export function withDatabase(url: string, name: string): string {
	const parsed = new URL(url);
	parsed.pathname = `/${encodeURIComponent(name)}`;
	return parsed.toString();
}

/** What pg_dump or pg_restore printed, without the password in any URL it echoed. */
function toolMessage(error: unknown): string {
	const e = error as { stderr?: string; message?: string };
	const text = (e.stderr?.trim() || e.message || String(error)).replace(/\/\/([^:/@]+):[^@]*@/g, '//$1:***@');
	return `"${text.split('\n').slice(0, 3).join(' ')}"`;
}
