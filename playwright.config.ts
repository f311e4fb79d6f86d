import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { postgresAvailable } from './tests/support/postgres';

/**
 * The tests run against the production build, each server on a fresh temporary database seeded
 * from the pack. Imports change the estate, so they get a server of their own and every other test
 * sees the pack exactly (308 buildings). E2E_BASE_URL points every test at a server you already
 * run (e.g. `vite dev`) instead.
 *
 * Each server starts as `npm start` starts it (src/serve.js), with only the settings the README
 * offers a user: HUBPLAN_DB and PORT. Never add ORIGIN or HOST here: an ORIGIN in this file once
 * hid that every form failed for users who started the app as documented.
 *
 * The main journeys (scenario edits, comparison, pilots, import) run once more against
 * PostgreSQL: the same `node src/serve.js` with HUBPLAN_DATABASE_URL, on a throwaway cluster
 * (tests/support/serve-postgres.ts). Left out, as the unit run says, when PostgreSQL is not here.
 */
const external = process.env.E2E_BASE_URL;
const stamp = Date.now();
// E2E_PORT_BASE lets two checkouts run their suites side by side.
const portBase = Number(process.env.E2E_PORT_BASE ?? 4319);
const servers = { estate: portBase, import: portBase + 1, 'pg-estate': portBase + 2, 'pg-import': portBase + 3 };
const withPostgres = !external && postgresAvailable();
const POSTGRES_JOURNEYS = ['edits.spec.ts', 'compare.spec.ts', 'pilots.spec.ts'];

function server(name: keyof typeof servers) {
	const port = servers[name];
	const postgres = name.startsWith('pg-');
	const env: Record<string, string> = { PORT: String(port) };
	if (!postgres) env.HUBPLAN_DB = path.join(os.tmpdir(), `hubplan-e2e-${name}-${stamp}.sqlite`);
	return {
		command: postgres ? 'npx tsx tests/support/serve-postgres.ts' : 'node src/serve.js',
		env,
		url: `http://127.0.0.1:${port}/about`,
		timeout: 120_000,
		reuseExistingServer: false
	};
}

const baseURL = (name: keyof typeof servers) => external ?? `http://127.0.0.1:${servers[name]}`;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: [['list']],
	use: {
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
	projects: [
		{ name: 'estate', testIgnore: 'import.spec.ts', use: { baseURL: baseURL('estate') } },
		{ name: 'import', testMatch: 'import.spec.ts', use: { baseURL: baseURL('import') } },
		...(withPostgres
			? [
					{ name: 'postgres', testMatch: POSTGRES_JOURNEYS, use: { baseURL: baseURL('pg-estate') } },
					{ name: 'postgres-import', testMatch: 'import.spec.ts', use: { baseURL: baseURL('pg-import') } }
				]
			: [])
	],
	webServer: external ? undefined : [server('estate'), server('import'), ...(withPostgres ? [server('pg-estate'), server('pg-import')] : [])]
});
