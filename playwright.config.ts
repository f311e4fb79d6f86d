import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

/**
 * Each run serves the production build on a fresh temporary database seeded from the pack.
 * E2E_BASE_URL points the tests at a server you already run (e.g. `vite dev`) instead.
 */
const port = 4319;
const external = process.env.E2E_BASE_URL;
const dbFile = path.join(os.tmpdir(), `hubplan-e2e-${Date.now()}.sqlite`);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: [['list']],
	use: {
		baseURL: external ?? `http://127.0.0.1:${port}`,
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: external
		? undefined
		: {
				command: 'node build',
				env: {
					HUBPLAN_DB: dbFile,
					PORT: String(port),
					HOST: '127.0.0.1',
					ORIGIN: `http://127.0.0.1:${port}`,
					BODY_SIZE_LIMIT: '25M'
				},
				url: `http://127.0.0.1:${port}/about`,
				timeout: 120_000,
				reuseExistingServer: false
			}
});
