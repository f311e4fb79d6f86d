import { expect, test, type Page } from '@playwright/test';
import dns from 'node:dns/promises';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The server here is started as `npm start` starts it (src/serve.js, no ORIGIN, no HOST), so these
 * tests see what a new user sees. Regression: with adapter-node's own server and ORIGIN unset,
 * every form post and upload from http://localhost answered 403 "Cross-site POST form submissions
 * are forbidden", and the Playwright config's ORIGIN hid it.
 */

/** The names a user may type to reach the app on this machine: localhost, 127.0.0.1 and, when it resolves to this machine, its own name. */
async function hostNames(): Promise<string[]> {
	const names = ['localhost', '127.0.0.1'];
	const own = os.hostname().toLowerCase();
	const addresses = await dns.lookup(own, { all: true }).catch(() => []);
	if (addresses.some((a) => a.address.startsWith('127.'))) names.push(own);
	return names;
}

function siteUrl(baseURL: string | undefined, host: string, pathname: string): string {
	const url = new URL(pathname, baseURL);
	url.hostname = host;
	return url.href;
}

async function ready(page: Page) {
	await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
}

for (const host of await hostNames()) {
	test(`opened at http://${host}, the scenario form and a file upload both work`, async ({ page, baseURL }) => {
		await page.goto(siteUrl(baseURL, host, '/scenarios'));
		await ready(page);
		const name = `Front door ${host} ${Date.now()}`;
		await page.getByLabel('Name', { exact: true }).fill(name);
		await page.getByRole('button', { name: 'Create scenario' }).click();
		await page.waitForURL(/\/scenarios\/\d+$/);
		expect(new URL(page.url()).hostname).toBe(host);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(name);

		// An upload is a multipart post, checked by the same cross-site rule: it must get through
		// to the import check, which reads the file and asks for the column it could not guess.
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-e2e-')), 'front-door.csv');
		fs.writeFileSync(file, 'Site code,Building,Type,Longitude,Latitude\nfd-1,Front Door Hub,community_hub,-2.3093,53.4181\n');
		await page.goto(siteUrl(baseURL, host, '/data'));
		await page.getByLabel('Sites and estate facts').check();
		await page.getByLabel('File (CSV, XLSX or GeoJSON)').setInputFiles(file);
		await page.getByRole('button', { name: 'Upload and check' }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
			'no column is mapped to "Site reference (stable id)"'
		);
	});
}

test('a form post from another site is still refused, whichever name the app is opened at', async ({ request, baseURL }) => {
	for (const host of ['localhost', '127.0.0.1']) {
		const response = await request.post(siteUrl(baseURL, host, '/scenarios?/create'), {
			headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			data: 'name=Planted'
		});
		expect(response.status()).toBe(403);
	}
	// Claiming HTTPS through the header the server uses for the socket's protocol changes nothing.
	const spoofed = await request.post(siteUrl(baseURL, 'localhost', '/scenarios?/create'), {
		headers: {
			origin: `https://localhost:${new URL(baseURL!).port}`,
			'x-hubplan-socket-protocol': 'https',
			'content-type': 'application/x-www-form-urlencoded'
		},
		data: 'name=Planted'
	});
	expect(spoofed.status()).toBe(403);
	const list = (await (await request.get('/api/scenarios')).json()) as { name: string }[];
	expect(list.map((s) => s.name)).not.toContain('Planted');
});

test('a request naming a host the app does not answer to is refused (DNS rebinding)', async ({ request }) => {
	const response = await request.get('/api/scenarios', { headers: { host: 'attacker.example' } });
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('HUBPLAN_ALLOWED_HOSTS');
});

test('pages and files carry the security headers, and the policy allows no inline script', async ({ request }) => {
	const pageResponse = await request.get('/about');
	const headers = pageResponse.headers();
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('same-origin');
	const csp = headers['content-security-policy'];
	expect(csp).toContain("frame-ancestors 'none'");
	const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
	expect(scriptSrc).not.toContain('unsafe-inline');
	expect(scriptSrc).toMatch(/'nonce-[^']+'/);

	const favicon = await request.get('/favicon.svg');
	expect(favicon.status()).toBe(200);
	expect(favicon.headers()['x-content-type-options']).toBe('nosniff');
	expect(favicon.headers()['x-frame-options']).toBe('DENY');
});

test('the map draws under the content security policy, with no violation reported', async ({ page }) => {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
	});
	await page.goto('/');
	await expect(page.locator('.estate-map')).toHaveAttribute('data-rendered-sites', /\d+/, { timeout: 30_000 });
	expect(violations).toEqual([]);
});
