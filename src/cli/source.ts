/**
 * What the analysis commands read: the app's database (seeded on first use) or a pack folder
 * loaded into an in-memory database through the same seeding code, so both give the same engine
 * input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getDb, openDb, type Db } from '../lib/server/db';
import { listPartnerships } from '../lib/server/estate';
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
	const all = await listPartnerships(db);
	if (all.length === 0) throw new UsageError('No partnership in the database: run `npx hubplan seed` first.');
	if (wanted === undefined) return all[0].id;
	const byId = all.find((p) => p.id === wanted);
	if (byId) return byId.id;
	const named = all.filter((p) => p.name === wanted);
	if (named.length === 1) return named[0].id;
	const known = all.map((p) => `${p.id} ("${p.name}")`).join(', ');
	if (named.length > 1) throw new UsageError(`--partnership "${wanted}": ${named.length} partnerships have this name; give the id of one: ${named.map((p) => p.id).join(', ')}.`);
	throw new UsageError(`--partnership "${wanted}": no partnership has this id or name. The database has: ${known}.`);
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
