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
import { ensureDemoData } from '$lib/server/seed';
import type { Role } from '$lib/server/auth/roles';
import { TEST_ACTOR } from './actor';

const opened: { db: Db | null; name: string }[] = [];
let counter = 0;

export async function openTestDb(): Promise<Db> {
	if (dialect === 'sqlite') return openDb(':memory:');
	const url = await createPostgresDatabase();
	const db = await openDb(url);
	opened.push({ db, name: databaseName(url) });
	return db;
}

/** PostgreSQL: the database this test file seeded with the demo pack once, for openDemoTestDb to copy. */
let demoTemplate: Promise<string> | undefined;

/**
 * A new database holding the Trafford demo pack, as ensureDemoData leaves it. Seeding takes seconds
 * on PostgreSQL, so there the pack is seeded once per test file and each call copies that database
 * (CREATE DATABASE … TEMPLATE); SQLite seeds a new in-memory database.
 */
export async function openDemoTestDb(): Promise<Db> {
	if (dialect === 'sqlite') {
		const db = await openDb(':memory:');
		await ensureDemoData(db, TEST_ACTOR);
		return db;
	}
	demoTemplate ??= seededTemplate();
	const url = await createPostgresDatabase(await demoTemplate);
	const db = await openDb(url);
	opened.push({ db, name: databaseName(url) });
	return db;
}

async function seededTemplate(): Promise<string> {
	const url = await createPostgresDatabase();
	const db = await openDb(url);
	await ensureDemoData(db, TEST_ACTOR);
	// A template may have no one connected while it is copied.
	await closeDb(db);
	const name = databaseName(url);
	opened.push({ db: null, name });
	return name;
}

/**
 * Two handles on one new database, as two app servers sharing it have: on SQLite a file in a
 * temporary folder (an in-memory database exists on one connection only).
 */
export async function openTestDbTwice(): Promise<[Db, Db]> {
	if (dialect === 'sqlite') {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-twice-')), 'hubplan.sqlite');
		return [await openDb(file), await openDb(file)];
	}
	const url = await createPostgresDatabase();
	const [first, second] = [await openDb(url), await openDb(url)];
	// Dropped once, after both handles close (dropTestDatabases goes newest first).
	opened.push({ db: first, name: databaseName(url) }, { db: second, name: '' });
	return [first, second];
}

const databaseName = (url: string) => new URL(url).pathname.slice(1);

async function createPostgresDatabase(template = 'template0'): Promise<string> {
	const server = new URL(process.env.HUBPLAN_DATABASE_URL!);
	const name = `hubplan_test_${process.pid}_${Date.now()}_${counter++}`;
	await adminQuery(server, `CREATE DATABASE "${name}" TEMPLATE "${template}" ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
	const url = new URL(server);
	url.pathname = `/${name}`;
	return url.toString();
}

/**
 * The environment that points a child process (the `hubplan` command) at a fresh, empty database
 * of this project's driver: a temporary SQLite file, or a new PostgreSQL database dropped with the rest.
 */
export async function testDatabaseEnv(): Promise<Record<string, string>> {
	if (dialect === 'sqlite') return { HUBPLAN_DB: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-test-')), 'test.sqlite') };
	const url = await createPostgresDatabase();
	opened.push({ db: null, name: databaseName(url) });
	return { HUBPLAN_DATABASE_URL: url };
}

/** What hooks.server.ts gives each request, for calling routes directly: someone holding `role` (default admin) in the first partnership. */
export async function testLocals(db: Db, role: Role = 'admin'): Promise<App.Locals> {
	const partnership = await firstPartnership(db);
	return {
		db,
		partnership,
		user: { id: 'test-admin', email: 'admin@test.invalid', name: 'Test admin' },
		role,
		memberships: [{ partnership, role }],
		actor: { kind: 'user', userId: 'test-admin', email: 'admin@test.invalid', address: null }
	};
}

export async function dropTestDatabases(): Promise<void> {
	demoTemplate = undefined;
	const server = process.env.HUBPLAN_DATABASE_URL ? new URL(process.env.HUBPLAN_DATABASE_URL) : null;
	for (const { db, name } of opened.splice(0).reverse()) {
		if (db) await closeDb(db).catch(() => undefined);
		if (server && name) await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
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
