/**
 * Writes the full-size hostile import files of issue 11 to a folder, for measuring the CLI with
 * `/usr/bin/time -v npx hubplan import …` (the README gives the numbers):
 *
 *   npx tsx tests/bench/import-hostile.ts /tmp/hostile
 */
import { sqliteClientOf } from '../../src/lib/server/db';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDemoData } from '../../src/lib/server/seed';
import { deepGeoJson, servicesCsv, xfdSitesXlsx, zipBombXlsx } from '../unit/import/hostile-inputs';
import { openTestDb } from '../support/db';
import { TEST_ACTOR } from '../support/actor';

const dir = process.argv[2] ?? 'hostile';
fs.mkdirSync(dir, { recursive: true });
const db = await openTestDb();
await ensureDemoData(db, TEST_ACTOR);
// The shortest refs keep a million rows under the 20 MB limit, as the file in the issue was (15.9 MB).
const refs = (sqliteClientOf(db)!.prepare('SELECT ref FROM site ORDER BY length(ref), ref LIMIT 20').all() as { ref: string }[]).map((r) => r.ref);
const files: [string, Uint8Array][] = [
	['xfd-20000-sites.xlsx', xfdSitesXlsx(20_000)],
	['zip-bomb-2gb.xlsx', await zipBombXlsx(2_000_000_000)],
	['services-1000000.csv', servicesCsv(1_000_000, refs)],
	['deep-100000.geojson', deepGeoJson(100_000)]
];
for (const [name, bytes] of files) {
	fs.writeFileSync(path.join(dir, name), bytes);
	console.log(`${name}: ${bytes.length.toLocaleString('en-GB')} bytes`);
}
