/**
 * Loads the synthetic England-scale estate (synthetic-england.ts) the way a partnership's data gets
 * into Hubplan: the demo seed (which also writes the service catalogue), then for each partnership
 * its zones, sites and services through the import path (prepareImport, then commit), each in its
 * own transaction, as the Import page does. Only the partnership row itself is written directly:
 * Hubplan has no screen or command that creates one yet.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb, t, type Db } from '../../src/lib/server/db';
import { ensureDemoData } from '../../src/lib/server/seed';
import { formatProblem, prepareImport, type ImportRequest } from '../../src/lib/server/import';
import { syntheticEngland, type SyntheticPartnership } from './synthetic-england';
import { TEST_ACTOR } from '../support/actor';

export interface LoadTimes {
	seedMs: number;
	importMs: number;
	rows: { zones: number; sites: number; services: number };
}

/** Seeds `db` and imports every partnership of `estate` into it; throws on the first import with a problem. */
export async function loadSyntheticEstate(db: Db, estate: SyntheticPartnership[]): Promise<LoadTimes> {
	const started = performance.now();
	await ensureDemoData(db, TEST_ACTOR);
	const seeded = performance.now();
	const rows = { zones: 0, sites: 0, services: 0 };
	for (const p of estate) {
		await db.insert(t.partnership).values({ id: p.id, name: p.name, bbox: p.bbox, seededFrom: 'synthetic England-scale benchmark' });
		rows.zones += await importFile(db, p.id, 'zones', `${p.id}-zones.geojson`, p.zonesGeojson);
		rows.sites += await importFile(db, p.id, 'sites', `${p.id}-sites.csv`, p.sitesCsv);
		rows.services += await importFile(db, p.id, 'services', `${p.id}-services.csv`, p.servicesCsv);
	}
	return { seedMs: seeded - started, importMs: performance.now() - seeded, rows };
}

async function importFile(db: Db, partnershipId: string, kind: ImportRequest['kind'], name: string, text: string): Promise<number> {
	const prepared = await prepareImport(db, partnershipId, { kind, file: { name, bytes: new TextEncoder().encode(text) } });
	if (prepared.plan.problemCount) {
		const shown = prepared.plan.problems.slice(0, 3).map(formatProblem).join('\n');
		throw new Error(`The synthetic ${kind} file ${name} has ${prepared.plan.problemCount} problem(s):\n${shown}`);
	}
	const summary = await prepared.commit(TEST_ACTOR);
	return summary.added;
}

/**
 * `npx tsx tests/bench/synthetic-england-load.ts LOCATION`: loads the England-scale estate (seed 42)
 * into the database at LOCATION (an SQLite file, or a postgres:// URL with HUBPLAN_DATABASE_URL set
 * to it: the driver serves one dialect per process) and prints the times as JSON on the last line.
 */
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const location = process.argv[2];
	if (!location) {
		console.error('Usage: npx tsx tests/bench/synthetic-england-load.ts SQLITE_FILE | POSTGRES_URL');
		process.exit(2);
	}
	const db = await openDb(location);
	const times = await loadSyntheticEstate(db, syntheticEngland());
	console.log(JSON.stringify(times));
	process.exit(0);
}
