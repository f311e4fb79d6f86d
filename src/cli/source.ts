/**
 * What the analysis commands read: the app's database (seeded on first use) or a pack folder
 * loaded into an in-memory database through the same seeding code, so both give the same engine
 * input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getDb, openDb, type Db } from '../lib/server/db';
import { firstPartnership } from '../lib/server/estate';
import { ensureDemoWithExamples, seedPack } from '../lib/server/seed';
import { commandLineActor } from './actor';

/** Bad options or input: the command prints the message and exits non-zero. */
export class UsageError extends Error {}

/** The app's database (HUBPLAN_DATABASE_URL, HUBPLAN_DB or data/hubplan.sqlite) and the partnership the CLI works in. */
export async function openApp(): Promise<{ db: Db; partnershipId: string }> {
	const db = await getDb();
	return { db, partnershipId: (await firstPartnership(db)).id };
}

export async function openSource(dataDir: string | undefined): Promise<{ db: Db; partnershipId: string }> {
	if (!dataDir) {
		await ensureDemoWithExamples(await getDb(), commandLineActor());
		return openApp();
	}
	if (!fs.existsSync(path.join(dataDir, 'zones.geojson')) || !fs.existsSync(path.join(dataDir, 'sites.geojson'))) {
		throw new UsageError(`--data ${dataDir}: expected a pack folder with zones.geojson and sites.geojson.`);
	}
	const db = await openDb(':memory:');
	const partnershipId = path.basename(path.resolve(dataDir));
	await seedPack(db, commandLineActor(), dataDir, { id: partnershipId, name: partnershipId, areaCode: null });
	return { db, partnershipId };
}
