/**
 * The accounts every test server has (made by global-setup.ts as `hubplan user add` makes them), and
 * the saved signed-in browser state of each. Every project signs in as `admin` by default; a spec
 * that needs another role says `test.use({ storageState: signedInAs('viewer') })`.
 */
import path from 'node:path';
import type { TestInfo } from '@playwright/test';
import type { Role } from '../../src/lib/server/auth/roles';
import { PROJECT_SERVER } from './servers';

export const DEMO_PARTNERSHIP = 'trafford';
/** A second partnership on every test server, with one editor: for checks that partnerships stay apart. */
export const SECOND_PARTNERSHIP_NAME = 'Second partnership (tests)';

export const ACCOUNTS = {
	admin: { email: 'admin@hubplan.test', name: 'Test admin', role: 'admin', partnership: DEMO_PARTNERSHIP },
	viewer: { email: 'viewer@hubplan.test', name: 'Test viewer', role: 'viewer', partnership: DEMO_PARTNERSHIP },
	editor: { email: 'editor@hubplan.test', name: 'Test editor', role: 'editor', partnership: DEMO_PARTNERSHIP },
	dataManager: { email: 'data-manager@hubplan.test', name: 'Test data manager', role: 'data_manager', partnership: DEMO_PARTNERSHIP },
	otherEditor: { email: 'other-editor@hubplan.test', name: 'Editor of the second partnership', role: 'editor', partnership: SECOND_PARTNERSHIP_NAME }
} satisfies Record<string, { email: string; name: string; role: Role; partnership: string }>;
export type AccountName = keyof typeof ACCOUNTS;

/** Test accounts' passwords (these servers live for one run, on throwaway databases). */
export const passwordOf = (account: AccountName) => `${account} password for tests`;

const STATE_DIR = path.resolve('tests/e2e/.auth');

/** The saved browser state (session cookies) of `account` on the server a project tests. */
export function storageStatePath(account: AccountName, project: string): string {
	const server = PROJECT_SERVER[project];
	if (!server) throw new Error(`tests/e2e/accounts.ts: project "${project}" has no server in PROJECT_SERVER.`);
	return path.join(STATE_DIR, `${server}-${account}.json`);
}

/** For `test.use({ storageState: signedInAs('viewer') })`: that account's state on the current project's server. */
export function signedInAs(account: AccountName) {
	return async ({}, use: (path: string) => Promise<void>, testInfo: TestInfo) => use(storageStatePath(account, testInfo.project.name));
}

/** For `test.use({ storageState: SIGNED_OUT })`. */
export const SIGNED_OUT = { cookies: [], origins: [] };
