/**
 * The test servers (shared by playwright.config.ts, the global setup and specs that reach a
 * server's database through the CLI): their ports and databases. Each runs `node src/serve.js` as
 * `npm start` does, on a fresh database. The stamp is set once in the runner's environment, so
 * worker processes, which inherit it, name the same files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const E2E_STAMP = (process.env.E2E_STAMP ??= String(Date.now()));
// E2E_PORT_BASE lets two checkouts run their suites side by side.
const portBase = Number(process.env.E2E_PORT_BASE ?? 4319);

export const SERVER_PORTS = {
	estate: portBase,
	import: portBase + 1,
	'pg-estate': portBase + 2,
	'pg-import': portBase + 3,
	accounts: portBase + 4,
	oidc: portBase + 5,
	pages: portBase + 8
};
export type ServerName = keyof typeof SERVER_PORTS;

/** The local OIDC provider (oauth2-mock-server) the `oidc` server signs in against. */
export const OIDC_PROVIDER_PORT = portBase + 6;
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PROVIDER_PORT}`;

/** Which server each Playwright project tests. */
export const PROJECT_SERVER: Record<string, ServerName> = {
	estate: 'estate',
	import: 'import',
	postgres: 'pg-estate',
	'postgres-import': 'pg-import',
	accounts: 'accounts',
	oidc: 'oidc',
	pages: 'pages'
};

export const isPostgres = (name: ServerName) => name.startsWith('pg-');
export const serverUrl = (name: ServerName) => `http://127.0.0.1:${SERVER_PORTS[name]}`;

export function sqlitePath(name: ServerName): string {
	return path.join(os.tmpdir(), `hubplan-e2e-${name}-${E2E_STAMP}.sqlite`);
}

/** Where tests/support/serve-postgres.ts writes the URL of the database it made for a PostgreSQL server. */
export function postgresUrlFile(name: ServerName): string {
	return path.join(os.tmpdir(), `hubplan-e2e-${name}-${E2E_STAMP}.url`);
}

/** The environment that points the `hubplan` command at a server's database. */
export function databaseEnv(name: ServerName): Record<string, string> {
	return isPostgres(name) ? { HUBPLAN_DATABASE_URL: fs.readFileSync(postgresUrlFile(name), 'utf8').trim() } : { HUBPLAN_DB: sqlitePath(name) };
}

/** A port for a server a spec starts itself (the first-start test), outside the ones above. */
export const OWN_SERVER_PORT = portBase + 7;
