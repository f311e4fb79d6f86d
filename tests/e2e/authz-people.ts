/**
 * People and partnerships for the authorisation tests, made the documented way on the test
 * server's database (`hubplan partnership add`, `hubplan user add --password-stdin`) and signed in
 * through Better Auth's endpoint; A's people are the shared test accounts (accounts.ts).
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { request, type APIRequestContext } from '@playwright/test';
import type { Role } from '../../src/lib/server/auth/roles';
import { SIGNED_OUT, storageStatePath, type AccountName } from './accounts';
import { hubplan } from './global-setup';

/** The server the authorisation specs run on (the `estate` project's). */
const SERVER = 'estate';
const ACCOUNT_OF_ROLE: Record<Role, AccountName> = { viewer: 'viewer', editor: 'editor', data_manager: 'dataManager', admin: 'admin' };

/** A new partnership; its id. */
export async function addPartnership(name: string): Promise<string> {
	return (await hubplan(SERVER, ['partnership', 'add', '--name', name])).trim();
}

/** A new person holding `role` in `partnershipId`, signed in. */
export async function newMember(baseURL: string, role: Role, partnershipId: string, run: string): Promise<APIRequestContext> {
	const email = `${role.replace('_', '-')}-${run}@b.hubplan.test`;
	const password = `${email} password for tests`;
	await hubplan(SERVER, ['user', 'add', '--email', email, '--role', role, '--partnership', partnershipId, '--password-stdin'], `${password}\n`);
	// Explicitly empty: a context made inside a test otherwise takes the project's signed-in state.
	const context = await request.newContext({ baseURL, storageState: SIGNED_OUT });
	const response = await context.post('/api/auth/sign-in/email', { headers: { origin: baseURL }, data: { email, password } });
	if (!response.ok()) throw new Error(`Signing in ${email} answered ${response.status()}: ${await response.text()}`);
	return context;
}

/** The demo partnership's test account holding `role`, signed in (its saved state). */
export function memberOfA(baseURL: string, role: Role): Promise<APIRequestContext> {
	return request.newContext({ baseURL, storageState: storageStatePath(ACCOUNT_OF_ROLE[role], SERVER) });
}

/** A file of tests/fixtures/import, as a multipart field. */
export function fixture(name: string): { name: string; mimeType: string; buffer: Buffer } {
	return { name, mimeType: name.endsWith('.geojson') ? 'application/geo+json' : 'text/csv', buffer: readFileSync(path.resolve('tests/fixtures/import', name)) };
}
