/**
 * Load benchmark: the SYNTHETIC England-scale estate (synthetic-england.ts: 33,755 zones, 25,000
 * sites, 10 partnerships, seed 42) loaded through the app's own seed and import path into a fresh
 * database, on SQLite (the baseline, in the same run) and on PostgreSQL. The target is
 * PostgreSQL in at most 60 s. `npm run bench england`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../src/lib/server/db';
import { syntheticEngland } from './synthetic-england';
import { loadSyntheticEstate, type LoadTimes } from './synthetic-england-load';

const TARGET_S = 60;

async function sqliteLoad(estate: ReturnType<typeof syntheticEngland>): Promise<LoadTimes> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-england-'));
	const db = openDb(path.join(dir, 'england.sqlite'));
	try {
		return await loadSyntheticEstate(db, estate);
	} finally {
		db.$client.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
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
	const generated = performance.now();
	const estate = syntheticEngland();
	console.log(`Generated the synthetic estate (seed 42) in ${round((performance.now() - generated) / 1000)} s.`);
	const sqlite = await sqliteLoad(estate);
	const rows = [row('SQLite (baseline)', sqlite)];
	console.table(rows);
	console.log(
		'SYNTHETIC data (not real places). "demo seed" is the Trafford pack and service catalogue on the empty database;\n' +
			'"imports" is 30 imports (zones GeoJSON, sites CSV, services CSV for each of 10 partnerships), each checked,\n' +
			'diffed and committed in its own transaction; "× SQLite" compares the imports. Wall-clock seconds.'
	);
}
