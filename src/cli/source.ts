/**
 * What the analysis commands read: the app's database (seeded on first use) or a pack folder
 * loaded into an in-memory database through the same seeding code, so both give the same engine
 * input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getDb, openDb, type Db } from '../lib/server/db';
import { findPartnership, listPartnerships } from '../lib/server/partnerships';
import { ensureDemoWithExamples, seedPack } from '../lib/server/seed';
import { commandLineActor } from './actor';

/** Bad options or input: the command prints the message and exits non-zero. */
export class UsageError extends Error {}

/** The help line of `--partnership`, its description starting at column `width` as the command's others do. */
export function partnershipHelp(width: number): string {
	return `${'--partnership P'.padEnd(width)}the partnership to work in, by id or exact name (default: the only or first one)`;
}

/**
 * The app's database (HUBPLAN_DATABASE_URL, HUBPLAN_DB or data/hubplan.sqlite) and the partnership
 * the CLI works in: `partnership` (an id or an exact name), else the only or first one.
 */
export async function openApp(partnership?: string): Promise<{ db: Db; partnershipId: string }> {
	const db = await getDb();
	return { db, partnershipId: await partnershipIdOf(db, partnership) };
}

async function partnershipIdOf(db: Db, wanted: string | undefined): Promise<string> {
	if (wanted !== undefined) return (await findPartnership(db, wanted)).id;
	const [first] = await listPartnerships(db);
	if (!first) throw new UsageError('No partnership in the database: run `npx hubplan seed` first.');
	return first.id;
}

/** The app's database as openApp, seeded on first use, or a pack folder (`dataDir`) in memory. */
export async function openSource(dataDir: string | undefined, partnership?: string): Promise<{ db: Db; partnershipId: string }> {
	if (!dataDir) {
		await ensureDemoWithExamples(await getDb(), commandLineActor());
		return openApp(partnership);
	}
	if (partnership !== undefined) throw new UsageError('Give --data or --partnership, not both: a pack folder is one partnership.');
	if (!fs.existsSync(path.join(dataDir, 'zones.geojson')) || !fs.existsSync(path.join(dataDir, 'sites.geojson'))) {
		throw new UsageError(`--data ${dataDir}: expected a pack folder with zones.geojson and sites.geojson.`);
	}
	const db = await openDb(':memory:');
	const partnershipId = path.basename(path.resolve(dataDir));
	await seedPack(db, commandLineActor(), dataDir, { id: partnershipId, name: partnershipId, areaCode: null });
	return { db, partnershipId };
}
