import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, openDb, t } from '$lib/server/db';
import { hubplanInProcess } from '../../support/hubplan-cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-cli-partnership-'));
const dbFile = path.join(dir, 'cli.sqlite');

function hubplan(...args: string[]) {
	return hubplanInProcess(args, { HUBPLAN_DB: dbFile });
}

/** Rows of the sites CSV that `hubplan export` writes for the partnership `args` choose. */
async function exportedSites(...args: string[]): Promise<number> {
	const out = fs.mkdtempSync(path.join(dir, 'export-'));
	const { code, stderr } = await hubplan('export', '--format', 'csv', '--out', out, ...args);
	expect(code, stderr).toBe(0);
	return fs.readFileSync(path.join(out, 'sites.csv'), 'utf8').trim().split('\n').length - 1;
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the CLI’s --partnership', async () => {
	expect((await hubplan('seed')).code).toBe(0);
	const db = await openDb(dbFile);
	await db.insert(t.partnership).values({ id: 'north', name: 'North Synthetic Partnership', bbox: [-2.5, 53.3, -2.2, 53.5], seededFrom: 'test' });
	await closeDb(db);

	it('defaults to the first partnership, and chooses another by id or exact name', async () => {
		expect(await exportedSites()).toBe(308);
		expect(await exportedSites('--partnership', 'trafford')).toBe(308);
		expect(await exportedSites('--partnership', 'north')).toBe(0);
		expect(await exportedSites('--partnership', 'North Synthetic Partnership')).toBe(0);
	}, 120_000);

	it('refuses a partnership the database does not have, naming the ones it has', async () => {
		const { code, stderr } = await hubplan('evaluate', '--partnership', 'South', '--no-zones');
		expect(code).not.toBe(0);
		expect(stderr).toContain('No partnership has the id or name "South". Partnerships: trafford ("Trafford public estate partnership (demo)"), north ("North Synthetic Partnership").');
	}, 60_000);

	it('is not given with a pack folder, which is one partnership', async () => {
		const { code, stderr } = await hubplan('evaluate', '--data', 'data/trafford', '--partnership', 'north');
		expect(code).not.toBe(0);
		expect(stderr).toContain('Give --data or --partnership, not both');
	}, 60_000);
});
