/**
 * Before the tests: on each test server's database, adds the test accounts as `hubplan partnership
 * add` and `hubplan user add … --password-stdin` would (add-accounts.ts, one process per server),
 * signs each in through Better Auth's endpoint and saves the browser state for accounts.ts. The session cookie is
 * saved for every name the server answers to (127.0.0.1, localhost, this machine's name), as a
 * browser opened at any of them would be signed in.
 */
import { execFile } from 'node:child_process';
import dns from 'node:dns/promises';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { request, type FullConfig } from '@playwright/test';
import { ACCOUNTS, passwordOf, SECOND_PARTNERSHIP_NAME, storageStatePath, type AccountName } from './accounts';
import { databaseEnv, PROJECT_SERVER, serverUrl, type ServerName } from './servers';

const run = promisify(execFile);

/** Runs `hubplan ARGS` on a server's database, feeding `stdin`; returns what it printed. */
export async function hubplan(server: ServerName, args: string[], stdin?: string): Promise<string> {
	const child = run(process.execPath, ['src/cli/hubplan.js', ...args], { env: { ...process.env, ...databaseEnv(server) } });
	if (stdin !== undefined) {
		child.child.stdin!.end(stdin);
	}
	return (await child).stdout;
}

async function hostNames(): Promise<string[]> {
	const names = ['127.0.0.1', 'localhost'];
	const own = os.hostname().toLowerCase();
	const addresses = await dns.lookup(own, { all: true }).catch(() => []);
	if (addresses.some((a) => a.address.startsWith('127.'))) names.push(own);
	return names;
}

/**
 * Servers whose sign-ins belong to their own journeys (10 a minute per address): only the admin's
 * state is saved there, so the setup does not spend the journeys' budget.
 */
const ONLY_ADMIN_SIGNS_IN: readonly ServerName[] = ['accounts'];

/** Adds the second partnership and every test account to a server's database (add-accounts.ts). */
async function addAccounts(server: ServerName): Promise<void> {
	const accounts = (Object.entries(ACCOUNTS) as [AccountName, (typeof ACCOUNTS)[AccountName]][]).map(([name, account]) => ({ ...account, password: passwordOf(name) }));
	const child = run(process.execPath, ['--import', 'tsx', 'tests/e2e/add-accounts.ts'], { env: { ...process.env, ...databaseEnv(server) } });
	child.child.stdin!.end(JSON.stringify({ partnership: SECOND_PARTNERSHIP_NAME, accounts }));
	await child;
}

async function prepareServer(server: ServerName, hosts: string[]): Promise<void> {
	await addAccounts(server);
	for (const [name, account] of Object.entries(ACCOUNTS) as [AccountName, (typeof ACCOUNTS)[AccountName]][]) {
		if (ONLY_ADMIN_SIGNS_IN.includes(server) && name !== 'admin') continue;
		const context = await request.newContext({ baseURL: serverUrl(server) });
		const response = await context.post('/api/auth/sign-in/email', {
			headers: { origin: serverUrl(server) },
			data: { email: account.email, password: passwordOf(name) }
		});
		if (!response.ok()) throw new Error(`global setup: signing in ${account.email} on ${server} answered ${response.status()}: ${await response.text()}`);
		const state = await context.storageState();
		await context.dispose();
		state.cookies = state.cookies.flatMap((cookie) => hosts.map((domain) => ({ ...cookie, domain })));
		const file = storageStatePath(name, Object.keys(PROJECT_SERVER).find((p) => PROJECT_SERVER[p] === server)!);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, JSON.stringify(state, null, 1));
	}
}

export default async function globalSetup(config: FullConfig): Promise<void> {
	if (process.env.E2E_BASE_URL) return;
	const servers = new Set(config.projects.map((p) => PROJECT_SERVER[p.name]).filter(Boolean));
	const hosts = await hostNames();
	await Promise.all([...servers].map((server) => prepareServer(server, hosts)));
}
