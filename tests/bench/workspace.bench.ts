/**
 * Browser benchmark for issue 4: how long after a click the workspace's impact panel shows the new
 * numbers, on the Trafford demo and with the whole Greater Manchester pack (1,702 zones, 1,762
 * sites) given to the engine worker. Serves the production build (built first if missing) on a
 * temporary database and drives Debian's Chromium. Target: under 100 ms on Greater Manchester.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { EngineData } from '../../src/lib/engine';
import { loadEngineData } from '../../src/lib/server/estate';
import { seedPack } from '../../src/lib/server/seed';
import { waitForServer } from './server';
import { openTestDb } from '../support/db';
import { TEST_ACTOR } from '../support/actor';

const PORT = 4391;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const LIBRARIES: [string, string][] = [
	['Hale Library', 'lib-hale'],
	['Woodsend', 'lib-woodsend'],
	['Sale Library', 'lib-sale'],
	['Altrincham Library', 'lib-altrincham'],
	['Coppice', 'lib-coppice'],
	['Timperley', 'lib-timperley'],
	['Urmston Library', 'lib-urmston']
];

interface Timing {
	clickToPanelMs: number;
	engineMs: number;
}

export async function run(): Promise<void> {
	if (!fs.existsSync('build/index.js')) spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	const dbFile = path.join(os.tmpdir(), `hubplan-bench-${Date.now()}.sqlite`);
	// Started as `npm start` starts it.
	const server = spawn('node', ['src/serve.js'], {
		env: { ...process.env, HUBPLAN_DB: dbFile, PORT: String(PORT) },
		stdio: 'ignore'
	});
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
	try {
		await waitForServer(BASE_URL);
		const db = await openTestDb();
		await seedPack(db, TEST_ACTOR, 'data/greater-manchester', { id: 'gm', name: 'Greater Manchester', areaCode: 'E11000001' });
		const gm = await loadEngineData(db, 'gm');
		const trafford = await timeClosures(browser, null);
		const manchester = await timeClosures(browser, gm);
		const row = (area: string, zones: number, t: Timing[]) => ({
			area,
			zones,
			'median click → panel (ms)': median(t.map((x) => x.clickToPanelMs)),
			'max click → panel (ms)': Math.max(...t.map((x) => x.clickToPanelMs)),
			'median engine (ms)': median(t.map((x) => x.engineMs)),
			'× of 100 ms target': +(median(t.map((x) => x.clickToPanelMs)) / 100).toFixed(2)
		});
		console.table([row('Trafford', 139, trafford), row('Greater Manchester', gm.zones.length, manchester)]);
	} finally {
		await browser.close();
		server.kill();
		fs.rmSync(dbFile, { force: true });
	}
}

/** Close the libraries one by one from the side panel, timing click → impact summary changed. */
async function timeClosures(browser: import('@playwright/test').Browser, engineData: EngineData | null): Promise<Timing[]> {
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	if (engineData) await page.route('**/api/engine-data', (route) => route.fulfill({ json: engineData }));
	await page.request.get(`${BASE_URL}/api/scenarios`);
	const created = await page.request.post(`${BASE_URL}/api/scenarios`, {
		data: { name: `Benchmark ${Date.now()}` },
		headers: { origin: BASE_URL }
	});
	const { id } = (await created.json()) as { id: number };
	await page.goto(`${BASE_URL}/scenarios/${id}`);
	await page.locator('[data-hydrated="true"]').waitFor();
	await page.getByTestId('annual-saving').waitFor();
	const timings: Timing[] = [];
	for (const [search, ref] of LIBRARIES) timings.push(await timeOneClosure(page, search, ref));
	await page.close();
	return timings;
}

async function timeOneClosure(page: Page, search: string, ref: string): Promise<Timing> {
	await page.getByLabel('Search by name, kind or service').fill(search);
	await page.locator(`button[data-ref="${ref}"]`).click();
	await page.getByTestId('selected-building').waitFor();
	await page.evaluate(() => {
		const w = window as unknown as { clickAt?: number; panelAt?: number };
		w.clickAt = undefined;
		w.panelAt = undefined;
		document.addEventListener('click', () => (w.clickAt = performance.now()), { capture: true, once: true });
		const panel = document.querySelector('[data-testid="impact-summary"]')!;
		const observer = new MutationObserver(() => {
			w.panelAt = performance.now();
			observer.disconnect();
		});
		observer.observe(panel, { characterData: true, childList: true, subtree: true });
	});
	await page.getByRole('button', { name: 'Close it' }).click();
	await page.waitForFunction(() => (window as unknown as { panelAt?: number }).panelAt !== undefined);
	const t = await page.evaluate(() => {
		const w = window as unknown as { clickAt: number; panelAt: number };
		return w.panelAt - w.clickAt;
	});
	const engineMs = Number(await page.getByTestId('update-ms').getAttribute('data-engine-ms'));
	return { clickToPanelMs: Math.round(t), engineMs };
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}
