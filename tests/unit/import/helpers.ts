import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../src/lib/server/db';
import { ensureDemoData } from '../../../src/lib/server/seed';
import { firstPartnership } from '../../../src/lib/server/estate';
import type { ImportFile } from '../../../src/lib/server/import';
import { openTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

export const FIXTURES = path.resolve('tests/fixtures/import');

/** A migrated in-memory database holding the Trafford demo pack. */
export async function demoDb(): Promise<{ db: Db; partnershipId: string }> {
	const db = await openTestDb();
	await ensureDemoData(db, TEST_ACTOR);
	return { db, partnershipId: (await firstPartnership(db)).id };
}

export function fixture(name: string): ImportFile {
	return { name, bytes: fs.readFileSync(path.join(FIXTURES, name)) };
}

export const NOW = new Date('2026-11-25T12:00:00Z');
