import { defineConfig } from '@playwright/test';
import { storageStatePath } from './tests/e2e/accounts';
import { isPostgres, OIDC_ISSUER, OIDC_PROVIDER_PORT, postgresUrlFile, SERVER_PORTS, serverUrl, sqlitePath, type ServerName } from './tests/e2e/servers';
import { postgresAvailable } from './tests/support/postgres';

/**
 * The tests run against the production build, each server on a fresh temporary database seeded
 * from the pack (ports and databases: tests/e2e/servers.ts). Imports change the estate, so they get
 * a server of their own and every other test sees the pack exactly (308 buildings). E2E_BASE_URL
 * points every test at a server you already run (e.g. `vite dev`) instead.
 *
 * Each server starts as `npm start` starts it (src/serve.js), with only the settings the README
 * offers a user: HUBPLAN_DB and PORT (and, for the single sign-on server, the HUBPLAN_OIDC_*
 * variables). Never add ORIGIN or HOST here: an ORIGIN in this file once hid that every form failed
 * for users who started the app as documented.
 *
 * Two projects run at once, never two files of one project: each project has a server (and so a
 * database) of its own, so no test sees another's scenarios appear mid-run. The estate specs are
 * shared between two such servers (`estate` and `pages`), in two halves of similar running time.
 *
 * Before the tests, global-setup.ts adds the test accounts to each server's database as
 * `hubplan user add` does (add-accounts.ts, one process per server) and saves their signed-in state; every project runs signed in as the demo
 * partnership's admin unless a spec says otherwise (tests/e2e/accounts.ts).
 *
 * The main journeys (scenario edits, comparison, pilots, import) run once more against
 * PostgreSQL: the same `node src/serve.js` with HUBPLAN_DATABASE_URL, on a throwaway cluster
 * (tests/support/serve-postgres.ts). Left out, as the unit run says, when PostgreSQL is not here.
 */
const external = process.env.E2E_BASE_URL;
const withPostgres = !external && postgresAvailable();
const POSTGRES_JOURNEYS = ['edits.spec.ts', 'compare.spec.ts', 'pilots.spec.ts'];
/** Specs with a server of their own: sign-in journeys change sessions and rate limits, or need single sign-on set up. */
const OWN_SERVER = ['import.spec.ts', 'accounts.spec.ts', 'oidc.spec.ts'];
/** The estate specs run on the second estate server: pages, maps, tables and reports, mostly read. */
const PAGE_SPECS = [
	'layout.spec.ts',
	'report.spec.ts',
	'map.spec.ts',
	'tables.spec.ts',
	'focus-order.spec.ts',
	'map-key.spec.ts',
	'reflow.spec.ts',
	'report-pdf.spec.ts',
	'front-door.spec.ts',
	'about.spec.ts',
	'equality.spec.ts',
	'examples.spec.ts',
	'optimise.spec.ts'
];

function server(name: ServerName, extraEnv: Record<string, string> = {}) {
	const port = SERVER_PORTS[name];
	const env: Record<string, string> = { PORT: String(port), ...extraEnv };
	if (isPostgres(name)) env.E2E_DATABASE_URL_FILE = postgresUrlFile(name);
	else env.HUBPLAN_DB = sqlitePath(name);
	return {
		command: isPostgres(name) ? 'npx tsx tests/support/serve-postgres.ts' : 'node src/serve.js',
		env,
		url: `http://127.0.0.1:${port}/sign-in`,
		timeout: 120_000,
		reuseExistingServer: false,
		// Playwright's default, SIGKILL, left each run's PostgreSQL clusters running: SIGTERM lets
		// serve-postgres.ts stop its cluster.
		...(isPostgres(name) ? { gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 } } : {})
	};
}

const OIDC_ENV = {
	HUBPLAN_OIDC_ISSUER: OIDC_ISSUER,
	HUBPLAN_OIDC_CLIENT_ID: 'hubplan-tests',
	HUBPLAN_OIDC_CLIENT_SECRET: 'not-a-secret',
	HUBPLAN_OIDC_LABEL: 'Sign in with the test provider'
};

function project(name: string, server: ServerName, files: { testMatch?: string | string[]; testIgnore?: string | string[] }) {
	return {
		name,
		...files,
		workers: 1,
		use: external ? { baseURL: external } : { baseURL: serverUrl(server), storageState: storageStatePath('admin', name) }
	};
}

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	// Each project also says `workers: 1` (project() above).
	workers: 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: [['list']],
	globalSetup: './tests/e2e/global-setup.ts',
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
		project('estate', 'estate', { testIgnore: [...OWN_SERVER, ...PAGE_SPECS] }),
		project('pages', 'pages', { testMatch: PAGE_SPECS }),
		project('import', 'import', { testMatch: 'import.spec.ts' }),
		...(external
			? []
			: [project('accounts', 'accounts', { testMatch: 'accounts.spec.ts' }), project('oidc', 'oidc', { testMatch: 'oidc.spec.ts' })]),
		...(withPostgres
			? [
					project('postgres', 'pg-estate', { testMatch: POSTGRES_JOURNEYS }),
					project('postgres-import', 'pg-import', { testMatch: 'import.spec.ts' })
				]
			: [])
	],
	webServer: external
		? undefined
		: [
				server('estate'),
				server('pages'),
				server('import'),
				server('accounts'),
				{
					command: `npx tsx tests/support/oidc-provider.ts ${OIDC_PROVIDER_PORT}`,
					url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
					timeout: 60_000,
					reuseExistingServer: false
				},
				server('oidc', OIDC_ENV),
				...(withPostgres ? [server('pg-estate'), server('pg-import')] : [])
			]
});

