import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './axe';

/**
 * Issue 11: the rename form saved against the version read at submit time, so it silently
 * overwrote an edit made meanwhile through the API; and wrongly typed bodies gave 500.
 */

async function ready(page: Page) {
	await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
}

test('a rename based on an old version shows the conflict with the typed text kept, and re-applies on top', async ({ page }) => {
	const created = await page.request.post('/api/scenarios', { data: { name: `Lost update ${Date.now()}` } });
	expect(created.status()).toBe(201);
	const opened = (await created.json()) as { id: number; version: number };

	await page.goto(`/scenarios?edit=${opened.id}`);
	await ready(page);
	await page.locator('#edit-name').fill('Typed in the form');
	await page.locator('#edit-description').fill('My description');

	// Meanwhile, someone renames it through the API.
	const theirs = await page.request.patch(`/api/scenarios/${opened.id}`, { data: { op: 'patch', baseVersion: opened.version, name: 'Renamed through the API' } });
	expect(theirs.status()).toBe(200);

	await page.getByRole('button', { name: 'Save', exact: true }).click();
	const conflict = page.getByTestId('conflict');
	await expect(conflict).toBeVisible();
	await expect(conflict).toContainText('This scenario was changed in another tab or window');
	await expect(conflict).toContainText('Name: “Renamed through the API”');
	await expect(conflict).toContainText('Name: “Typed in the form”');
	await expect(page.locator('#edit-name')).toHaveValue('Typed in the form');
	await expect(page.locator('#edit-description')).toHaveValue('My description');
	expect(((await (await page.request.get(`/api/scenarios/${opened.id}`)).json()) as { name: string }).name).toBe('Renamed through the API');
	expect(await axeViolations(page)).toEqual([]);

	await conflict.getByRole('button', { name: 'Re-apply my change on top' }).click();
	const row = page.locator(`[data-testid="scenario-row"][data-id="${opened.id}"]`);
	await expect(row).toContainText('Typed in the form');
	await expect(page.getByTestId('conflict')).toHaveCount(0);
	const stored = (await (await page.request.get(`/api/scenarios/${opened.id}`)).json()) as { name: string; description: string; version: number };
	expect(stored).toMatchObject({ name: 'Typed in the form', description: 'My description', version: opened.version + 2 });
});

test('wrongly typed bodies get 400 naming the field through the real server, never 500', async ({ page, baseURL }) => {
	const created = (await (await page.request.post('/api/scenarios', { data: { name: `Typed bodies ${Date.now()}` } })).json()) as { id: number; version: number };
	const cases: [string, 'post' | 'patch', string, unknown, string][] = [
		['name as a number', 'post', '/api/scenarios', { name: 5 }, 'name'],
		['null', 'post', '/api/scenarios', null, 'body'],
		['actions as an object', 'post', '/api/scenarios', { name: 'A', actions: {} }, 'actions'],
		['a new site of null', 'patch', `/api/scenarios/${created.id}`, { op: 'action', baseVersion: created.version, action: { type: 'add', site: null } }, 'action.site'],
		['a junk redo entry', 'patch', `/api/scenarios/${created.id}`, { op: 'patch', baseVersion: created.version, redo: [{ junk: true }] }, 'redo[0].type'],
		['a 201-character name', 'post', '/api/scenarios', { name: 'x'.repeat(201) }, 'name']
	];
	for (const [what, method, url, body, path] of cases) {
		const response = await page.request[method](url, { data: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
		expect(response.status(), what).toBe(400);
		const answer = (await response.json()) as { issues: { path: string; message: string }[] };
		expect(answer.issues.map((i) => i.path), what).toContain(path);
	}

	// A form post without the version it was opened on, as the page's enhanced form sends it: a
	// 400 failure naming the field, not 500, and nothing renamed.
	const form = await page.request.post('/scenarios?/update', {
		form: { id: String(created.id), name: 'No version' },
		headers: { origin: new URL(baseURL!).origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	expect(form.status()).toBe(200);
	const result = (await form.json()) as { type: string; status: number; data: string };
	expect(result).toMatchObject({ type: 'failure', status: 400 });
	expect(result.data).toContain('"version"');
	expect(result.data).toContain('missing: this field is required');
	expect(((await (await page.request.get(`/api/scenarios/${created.id}`)).json()) as { name: string }).name).not.toBe('No version');
});

test('a milestone edited in another tab meanwhile: the stale save shows both versions, keeps the typed title, and re-applies', async ({ page, context }) => {
	const created = await page.request.post('/api/scenarios', { data: { name: `Milestone conflict ${Date.now()}` } });
	const scenario = (await created.json()) as { id: number };
	await page.goto(`/scenarios/${scenario.id}/pilot`);
	const form = page.locator('#milestone-form');
	await form.getByLabel('Title').fill('Focus groups');
	await form.getByLabel('Start date').fill('2026-10-01');
	await form.getByLabel('End date').fill('2027-01-31');
	await form.getByRole('button', { name: 'Add milestone' }).click();
	const edit = page.getByRole('link', { name: 'Edit Focus groups' });
	await expect(edit).toBeVisible();

	// Open the edit form here, then change the same milestone in a second tab.
	await edit.click();
	await expect(page.getByRole('heading', { name: 'Edit milestone' })).toBeVisible();
	await form.getByLabel('Title').fill('Focus groups with carers');
	const other = await context.newPage();
	await other.goto(page.url());
	await other.locator('#milestone-form').getByLabel('Owner (optional)').fill('Partnership board');
	await other.locator('#milestone-form').getByRole('button', { name: 'Save milestone' }).click();
	await expect(other.getByRole('row', { name: /Focus groups/ })).toContainText('Partnership board');
	await other.close();

	await form.getByRole('button', { name: 'Save milestone' }).click();
	const conflict = page.getByTestId('conflict');
	await expect(conflict).toContainText('This milestone was changed in another tab or window');
	await expect(conflict).toContainText('Owner: Partnership board');
	await expect(conflict).toContainText('Title: “Focus groups with carers”');
	await expect(form.getByLabel('Title')).toHaveValue('Focus groups with carers');
	await expect(page.getByRole('row', { name: /Focus groups/ })).not.toContainText('with carers');
	expect(await axeViolations(page)).toEqual([]);

	await conflict.getByRole('button', { name: 'Re-apply my change on top' }).click();
	await expect(page.getByRole('rowheader', { name: 'Focus groups with carers' })).toBeVisible();
	await expect(page.getByTestId('conflict')).toHaveCount(0);
});
