import { expect, test, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axeViolations } from './axe';
import { SIGNED_OUT, storageStatePath } from './accounts';
import { hubplan } from './global-setup';
import { OWN_SERVER_PORT } from './servers';

/**
 * Sign-in journeys, on a server of their own (sessions and rate limits change here), started as
 * `npm start` starts it: no ORIGIN, no HOST, plain http on 127.0.0.1.
 */
test.use({ storageState: SIGNED_OUT });

let counter = 0;
/** A new person on this project's server, made with the CLI as an admin would: their email. */
async function newPerson(role: string): Promise<{ email: string; password: string }> {
	const email = `person-${Date.now()}-${counter++}@hubplan.test`;
	const password = 'a password only this test knows';
	await hubplan('accounts', ['user', 'add', '--email', email, '--role', role, '--partnership', 'trafford', '--name', `Person ${counter}`, '--password-stdin'], `${password}\n`);
	return { email, password };
}

/** Signs in on the page by keyboard alone. */
async function signIn(page: Page, email: string, password: string) {
	await page.getByLabel('Email').focus();
	await page.keyboard.type(email);
	await page.keyboard.press('Tab');
	await page.keyboard.type(password);
	await page.keyboard.press('Enter');
}

test('signed out, pages go to the sign-in page and come back after it; the API and downloads answer 401', async ({ page, request, baseURL }) => {
	for (const url of ['/api/scenarios', '/api/export/backup', '/sites.csv']) {
		expect((await request.get(url)).status(), url).toBe(401);
	}
	expect((await request.post('/scenarios?/create', { headers: { origin: baseURL! }, form: { name: 'Planted' } })).status()).toBe(401);

	await page.goto('/sites?kind=library');
	await expect(page).toHaveURL(/\/sign-in\?next=%2Fsites%3Fkind%3Dlibrary$/);
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
	expect(await axeViolations(page)).toEqual([]);

	const { email, password } = await newPerson('viewer');
	await signIn(page, email, password);
	await expect(page).toHaveURL(/\/sites\?kind=library$/);
	await expect(page.getByText(`(Viewer, Trafford public estate partnership (demo))`)).toBeVisible();
});

test('a wrong password is refused in plain words, and a next address off this site is ignored', async ({ page }) => {
	const { email, password } = await newPerson('editor');
	await page.goto('/sign-in?next=//evil.example/path');
	await signIn(page, email, 'not the password');
	await expect(page.getByRole('alert')).toContainText('That email and password do not match an account. Check both and try again.');
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});

test('sign out, and sign out everywhere: the other browser loses its session too', async ({ page, browser }) => {
	const { email, password } = await newPerson('editor');
	await page.goto('/sign-in');
	await signIn(page, email, password);
	await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();

	const other = await browser.newContext({ storageState: SIGNED_OUT });
	const otherPage = await other.newPage();
	await otherPage.goto('/sign-in?next=%2Fscenarios');
	await signIn(otherPage, email, password);
	await expect(otherPage).toHaveURL(/\/scenarios$/);

	await page.getByRole('button', { name: 'Sign out everywhere' }).click();
	await expect(page).toHaveURL(/\/sign-in$/);
	await otherPage.reload();
	await expect(otherPage).toHaveURL(/\/sign-in\?next=%2Fscenarios$/);
	await other.close();
});

test('an admin adds a member by email and gets a one-time set-password link', async ({ browser }, testInfo) => {
	// The saved admin session: this server's sign-ins so far have used most of the minute's ten.
	const adminContext = await browser.newContext({ storageState: storageStatePath('admin', testInfo.project.name) });
	const page = await adminContext.newPage();
	await page.goto('/members');
	await expect(page.getByRole('heading', { name: 'Members', exact: true })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	const newcomer = `newcomer-${Date.now()}@hubplan.test`;
	await page.getByLabel('Email').fill(newcomer);
	await page.getByLabel('Role', { exact: true }).selectOption('editor');
	await page.getByRole('button', { name: 'Add member' }).click();
	await expect(page.getByRole('status')).toContainText(`Added ${newcomer} as editor.`);
	const link = (await page.locator('code.link').textContent())!;
	expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/set-password\/[\w-]{43}$/);

	const theirs = await browser.newContext({ storageState: SIGNED_OUT });
	const theirPage = await theirs.newPage();
	await theirPage.goto(link);
	await expect(theirPage.getByText(`For ${newcomer}.`)).toBeVisible();
	expect(await axeViolations(theirPage)).toEqual([]);
	await theirPage.getByLabel('New password').fill('their own new password');
	await theirPage.getByLabel('Type it again').fill('their own new password');
	await theirPage.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(theirPage.getByText('(Editor, Trafford public estate partnership (demo))')).toBeVisible();
	await theirPage.goto(link);
	await expect(theirPage.getByText('This link has expired or was already used.')).toBeVisible();
	await theirs.close();
	await adminContext.close();
});

test('first start: the printed one-time link creates the first admin, once; then sign-in is rate limited', async ({ page }) => {
	test.setTimeout(240_000);
	const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-first-start-')), 'hubplan.sqlite');
	const server = spawn(process.execPath, ['src/serve.js'], { env: { ...process.env, PORT: String(OWN_SERVER_PORT), HUBPLAN_DB: db }, stdio: ['ignore', 'pipe', 'inherit'] });
	try {
		let printed = '';
		const link = await new Promise<string>((resolve, reject) => {
			server.stdout!.on('data', (chunk: Buffer) => {
				printed += chunk.toString();
				const found = printed.match(/http:\/\/localhost:\d+\/setup\/[\w-]{43}/);
				if (found && printed.includes('Hubplan: listening on')) resolve(found[0]);
			});
			server.once('exit', (code) => reject(new Error(`the server stopped (${code}): ${printed}`)));
		});
		expect(printed).toContain('nobody can sign in yet');

		await page.goto(link);
		await expect(page.getByRole('heading', { name: 'Create the first admin' })).toBeVisible();
		expect(await axeViolations(page)).toEqual([]);
		await page.getByLabel('Your name').fill('First Admin');
		await page.getByLabel('Email').fill('first@hubplan.test');
		await page.getByLabel('New password').fill('the first admin password');
		await page.getByLabel('Type it again').fill('the first admin password');
		await page.getByRole('button', { name: 'Create admin and sign in' }).click();
		await expect(page.getByText('(Admin, Trafford public estate partnership (demo))')).toBeVisible();
		await page.goto(link);
		await expect(page.getByText('This link has expired or was already used.')).toBeVisible();

		// Ten tries a minute from one address (the browser's: localhost may be ::1 to it and
		// 127.0.0.1 to this process); the first admin's own sign-in was one.
		await page.context().clearCookies();
		await page.goto(`${new URL(link).origin}/sign-in`);
		const statuses = await page.evaluate(async () => {
			const answers: number[] = [];
			for (let i = 0; i < 9; i++) {
				const response = await fetch('/api/auth/sign-in/email', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'first@hubplan.test', password: `guess ${i}` }) });
				answers.push(response.status);
			}
			return answers;
		});
		expect(statuses).toEqual(Array(9).fill(401));
		await signIn(page, 'first@hubplan.test', 'the first admin password');
		await expect(page.getByRole('alert')).toContainText(/Too many sign-in attempts from this address\. Wait \d+ seconds, then try again\./);
	} finally {
		server.kill('SIGTERM');
	}
});
