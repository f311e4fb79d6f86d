/**
 * What the analysis commands read: the app's database (seeded on first use) or a pack folder
 * loaded into an in-memory database through the same seeding code, so both give the same engine
 * input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getDb, openDb, type Db } from '../lib/server/db';
import { getPartnership } from '../lib/server/estate';
import { ensureDemoWithExamples, seedPack } from '../lib/server/seed';

/** Bad options or input: the command prints the message and exits non-zero. */
export class UsageError extends Error {}

export function openSource(dataDir: string | undefined): { db: Db; partnershipId: string } {
	if (!dataDir) {
		const db = getDb();
		ensureDemoWithExamples(db);
		return { db, partnershipId: getPartnership(db).id };
	}
	if (!fs.existsSync(path.join(dataDir, 'zones.geojson')) || !fs.existsSync(path.join(dataDir, 'sites.geojson'))) {
		throw new UsageError(`--data ${dataDir}: expected a pack folder with zones.geojson and sites.geojson.`);
	}
	const db = openDb(':memory:');
	const partnershipId = path.basename(path.resolve(dataDir));
	seedPack(db, dataDir, { id: partnershipId, name: partnershipId, areaCode: null });
	return { db, partnershipId };
}
