import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../src/lib/server/db';
import { firstPartnership } from '../../../src/lib/server/estate';
import type { ImportFile } from '../../../src/lib/server/import';
import { openDemoTestDb } from '../../support/db';

export const FIXTURES = path.resolve('tests/fixtures/import');

/** A migrated test database holding the Trafford demo pack. */
export async function demoDb(): Promise<{ db: Db; partnershipId: string }> {
	const db = await openDemoTestDb();
	return { db, partnershipId: (await firstPartnership(db)).id };
}

export function fixture(name: string): ImportFile {
	return { name, bytes: fs.readFileSync(path.join(FIXTURES, name)) };
}

export const NOW = new Date('2026-11-25T12:00:00Z');
