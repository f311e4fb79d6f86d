/**
 * Load benchmark: the SYNTHETIC England-scale estate (synthetic-england.ts: 33,755 zones, 25,000
 * sites, 10 partnerships, seed 42) loaded through the app's own seed and import path into a fresh
 * database, on SQLite (the baseline, in the same run) and on PostgreSQL when a server is given
 * (HUBPLAN_TEST_POSTGRES_URL, a superuser URL: a database is created for the run and dropped).
 * Each load runs in its own process, as the driver serves one dialect per process. The issue's
 * target is PostgreSQL in at most 60 s. `npm run bench england`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { migrateSqliteToPostgres } from '../../src/lib/server/db/migrate-db';
import { postgresTestDatabase } from '../support/pg-database';
import type { LoadTimes } from './synthetic-england-load';

const exec = promisify(execFile);
const TARGET_S = 60;

/** Loads the estate into `location` in a child process and returns its times. */
async function loadIn(location: string, env: NodeJS.ProcessEnv): Promise<LoadTimes> {
	const { stdout } = await exec('npx', ['tsx', 'tests/bench/synthetic-england-load.ts', location], {
		env: { ...process.env, ...env },
		maxBuffer: 16 * 1024 * 1024
	});
	return JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadTimes;
}

async function postgresLoad(label: string, load: (url: string) => Promise<LoadTimes>): Promise<LoadTimes | null> {
	const server = await postgresTestDatabase(label, process.env.HUBPLAN_TEST_POSTGRES_URL);
	if (!server.available) return null;
	const db = await server.create();
	try {
		return await load(db.url);
	} finally {
		await db.drop();
	}
}

/** The SQLite database the load made, copied into PostgreSQL by migrate-db: the bulk path, for comparison. */
async function migrateDbLoad(sqliteFile: string, url: string): Promise<LoadTimes> {
	const started = performance.now();
	const report = await migrateSqliteToPostgres(sqliteFile, url);
	if (!report.committed) throw new Error(`migrate-db did not copy the England-scale estate exactly: ${report.checks.filter((c) => !c.matches).map((c) => c.table).join(', ')}`);
	const rows = (table: string) => report.checks.find((c) => c.table === table)?.targetRows ?? 0;
	const copyMs = performance.now() - started;
	console.log(`migrate-db copied ${report.checks.length} tables, ${report.checks.reduce((n, c) => n + c.targetRows, 0)} rows, every count and hash the same.`);
	return { seedMs: 0, importMs: copyMs, rows: { zones: rows('zone'), sites: rows('site'), services: rows('site_service') } };
}

function row(database: string, times: LoadTimes, baseline?: LoadTimes) {
	const totalS = (times.seedMs + times.importMs) / 1000;
	return {
		database,
		zones: times.rows.zones,
		sites: times.rows.sites,
		'site services': times.rows.services,
		'demo seed s': round(times.seedMs / 1000),
		'imports s': round(times.importMs / 1000),
		'total s': round(totalS),
		[`within ${TARGET_S} s`]: totalS <= TARGET_S ? 'yes' : 'no',
		'× SQLite': baseline ? round(times.importMs / baseline.importMs) : 1
	};
}

function round(n: number): number {
	return Math.round(n * 10) / 10;
}

export async function run(): Promise<void> {
	console.log(`Load average at the start: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} on ${os.availableParallelism()} CPUs.`);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-england-'));
	try {
		const file = path.join(dir, 'england.sqlite');
		const sqlite = await loadIn(file, { HUBPLAN_DATABASE_URL: '', HUBPLAN_DB: file });
		const rows = [row('SQLite (baseline)', sqlite)];
		const postgres = await postgresLoad('bench_england', (url) => loadIn(url, { HUBPLAN_DATABASE_URL: url }));
		if (postgres) rows.push(row('PostgreSQL, import path', postgres, sqlite));
		const copied = await postgresLoad('bench_england_copy', (url) => migrateDbLoad(file, url));
		if (copied) rows.push(row('PostgreSQL, migrate-db from the SQLite load', copied, sqlite));
		console.table(rows);
		if (!copied) console.log('PostgreSQL not run: set HUBPLAN_TEST_POSTGRES_URL to a PostgreSQL 15 superuser URL.');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	console.log(
		'SYNTHETIC data (not real places). "demo seed" is the Trafford pack and service catalogue on the empty database;\n' +
			'"imports" is 30 imports (zones GeoJSON, sites CSV, services CSV for each of 10 partnerships), each checked,\n' +
			'diffed and committed in its own transaction; "× SQLite" compares the imports. migrate-db copies the loaded SQLite\n' +
			'database in one transaction and checks every table\'s count and hash (its time is in "imports"; its counts include\n' +
			'the Trafford demo\'s 139 zones, 308 sites and 311 site services). Wall-clock seconds.'
	);
}
