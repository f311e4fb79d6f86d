/**
 * The database a test works on, on the driver the test project runs: SQLite `:memory:`, or a
 * fresh PostgreSQL database (created from HUBPLAN_DATABASE_URL, which postgres-setup.ts points at
 * the test server; dropped when the file is done). Either way the real migrations run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { closeDb, dialect, openDb, type Db } from '$lib/server/db';
import { firstPartnership } from '$lib/server/estate';

const opened: { db: Db | null; name: string }[] = [];
let counter = 0;

export async function openTestDb(): Promise<Db> {
	if (dialect === 'sqlite') return openDb(':memory:');
	const db = await openDb(await createPostgresDatabase());
	opened.push({ db, name: new URL(databaseUrls.at(-1)!).pathname.slice(1) });
	return db;
}

const databaseUrls: string[] = [];

async function createPostgresDatabase(): Promise<string> {
	const server = new URL(process.env.HUBPLAN_DATABASE_URL!);
	const name = `hubplan_test_${process.pid}_${Date.now()}_${counter++}`;
	await adminQuery(server, `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
	const url = new URL(server);
	url.pathname = `/${name}`;
	databaseUrls.push(url.toString());
	return url.toString();
}

/**
 * The environment that points a child process (the `hubplan` command) at a fresh, empty database
 * of this project's driver: a temporary SQLite file, or a new PostgreSQL database dropped with the rest.
 */
export async function testDatabaseEnv(): Promise<Record<string, string>> {
	if (dialect === 'sqlite') return { HUBPLAN_DB: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-test-')), 'test.sqlite') };
	const url = await createPostgresDatabase();
	opened.push({ db: null, name: new URL(url).pathname.slice(1) });
	return { HUBPLAN_DATABASE_URL: url };
}

/** What hooks.server.ts gives each request, for calling routes directly: an admin of the first partnership. */
export async function testLocals(db: Db): Promise<App.Locals> {
	return {
		db,
		partnership: await firstPartnership(db),
		user: { id: 'test-admin', email: 'admin@test.invalid', name: 'Test admin' },
		role: 'admin',
		actor: { kind: 'user', userId: 'test-admin', email: 'admin@test.invalid', address: null }
	};
}

export async function dropTestDatabases(): Promise<void> {
	const server = process.env.HUBPLAN_DATABASE_URL ? new URL(process.env.HUBPLAN_DATABASE_URL) : null;
	for (const { db, name } of opened.splice(0)) {
		if (db) await closeDb(db).catch(() => undefined);
		if (server) await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
	}
}

async function adminQuery(server: URL, text: string): Promise<void> {
	const client = new pg.Client({ connectionString: server.toString() });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}
