/**
 * Issue 15's end-to-end checks of roles on the pages: a viewer is offered nothing to change (and a
 * direct POST is refused), and an editor of one partnership cannot see another's.
 */
import { expect, request as requests, test, type APIRequestContext } from '@playwright/test';
import { axeViolations } from './axe';
import { signedInAs, storageStatePath } from './accounts';

/** Buttons that change something; printing ("Print or save as PDF") only reads. */
const CHANGING = /^(?!print)(.*\b)?(save|create|delete|remove|add|merge|upload|undo|redo|rename|freeze|duplicate|record|edit)\b/i;

test.describe('a viewer', () => {
	test.use({ storageState: signedInAs('viewer') });
	let scenarioId: number;
	let savedId: number;

	test.beforeAll(async ({ baseURL }) => {
		// The admin makes something to look at: an option and a saved comparison.
		const admin = await requests.newContext({ baseURL, storageState: storageStatePath('admin', 'estate') });
		const created = await admin.post('/api/scenarios', { data: { name: `Viewer's view ${Date.now()}`, actions: [{ type: 'close', siteRef: 'lib-hale' }] } });
		expect(created.status()).toBe(201);
		scenarioId = (await created.json()).id;
		const saved = await admin.post('/decisions/new', {
			headers: { origin: baseURL!, accept: 'text/html' },
			form: { ids: `baseline,${scenarioId}`, title: 'For the viewer', recommendation: 'Close Hale library', rationale: 'Cost', author: 'Admin' },
			maxRedirects: 0
		});
		expect(saved.status()).toBe(303);
		savedId = Number(/(\d+)$/.exec(saved.headers()['location'])![1]);
		await admin.dispose();
	});

	test('is offered nothing to change on any main page, told why, and the pages pass axe', async ({ page }) => {
		test.setTimeout(180_000);
		const pages: { path: string; viewOnly: boolean }[] = [
			{ path: '/scenarios', viewOnly: true },
			{ path: `/scenarios/${scenarioId}`, viewOnly: true },
			{ path: `/scenarios/${scenarioId}/pilot`, viewOnly: true },
			{ path: `/scenarios/${scenarioId}/mitigations`, viewOnly: true },
			{ path: '/criteria', viewOnly: true },
			{ path: `/decisions/comparisons/${savedId}`, viewOnly: true },
			{ path: '/partners', viewOnly: true },
			{ path: '/data', viewOnly: true },
			{ path: `/compare?ids=baseline,${scenarioId}`, viewOnly: false },
			{ path: '/decisions', viewOnly: false },
			{ path: '/sites', viewOnly: false },
			{ path: '/zones', viewOnly: false },
			{ path: '/optimise', viewOnly: false }
		];
		for (const { path, viewOnly } of pages) {
			await page.goto(path);
			await expect(page.locator('h1')).toBeVisible();
			if (path === `/scenarios/${scenarioId}`) await expect(page.locator('[data-hydrated="true"]')).toBeVisible();
			// The header's account menu (sign out, switch partnership) is everyone's.
			const changing = page.locator('form[method="POST" i]:not([action="/sign-out"]):not([action="/switch-partnership"])');
			expect(await changing.count(), `${path}: no form posts`).toBe(0);
			const buttons = await page.getByRole('button').allTextContents();
			expect(buttons.map((b) => b.trim()).filter((b) => CHANGING.test(b)), `${path}: no buttons that change things`).toEqual([]);
			if (viewOnly) await expect(page.getByTestId('view-only').first(), path).toContainText('You can view this;');
			expect(await axeViolations(page), path).toEqual([]);
		}
		// Picking a building on the workspace offers no changes either.
		await page.goto(`/scenarios/${scenarioId}`);
		await expect(page.locator('[data-hydrated="true"]')).toBeVisible();
		await expect(page.getByText('You can view this; editors can change it.').first()).toBeVisible();
		await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
		await expect(page.getByText('Add a new site')).toHaveCount(0);
	});

	test('is refused a direct POST to a form action and to the API, with a reason', async ({ page, baseURL }) => {
		const form = await page.request.post('/scenarios?/create', { headers: { origin: baseURL! }, form: { name: 'A viewer tries' }, maxRedirects: 0 });
		expect(form.status()).toBe(403);
		expect(await form.text()).toContain('needs the editor role; you are a viewer');
		const api = await page.request.patch(`/api/scenarios/${scenarioId}`, { data: { op: 'update', baseVersion: 1, name: 'A viewer renames' } });
		expect(api.status()).toBe(403);
		expect((await api.json()).message).toContain('needs the editor role');
		const backup = await page.request.get('/api/export/backup');
		expect(backup.status()).toBe(403);
		const names = (await (await page.request.get('/api/scenarios')).json()).map((s: { name: string }) => s.name);
		expect(names).not.toContain('A viewer tries');
	});
});

test.describe('an editor of partnership A', () => {
	test.use({ storageState: signedInAs('editor') });
	const secret = `Partnership B's private option ${Date.now()}`;
	let otherEditor: APIRequestContext;
	let otherId: number;

	test.beforeAll(async ({ baseURL }) => {
		otherEditor = await requests.newContext({ baseURL, storageState: storageStatePath('otherEditor', 'estate') });
		const created = await otherEditor.post('/api/scenarios', { data: { name: secret, description: secret } });
		expect(created.status()).toBe(201);
		otherId = (await created.json()).id;
	});

	test.afterAll(async () => otherEditor.dispose());

	test("cannot open B's scenario by URL and sees B's names nowhere", async ({ page }) => {
		for (const path of [`/scenarios/${otherId}`, `/scenarios/${otherId}/pilot`, `/scenarios/${otherId}/mitigations`]) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(404);
			await expect(page.locator('body')).not.toContainText(secret);
		}
		expect((await page.request.get(`/api/scenarios/${otherId}`)).status()).toBe(404);
		for (const path of ['/scenarios', `/compare?ids=baseline,${otherId}`, '/decisions', '/api/scenarios']) {
			const body = await (await page.request.get(path)).text();
			expect(body, path).not.toContain(secret);
		}
		// B's editor still has it, unchanged.
		expect((await (await otherEditor.get(`/api/scenarios/${otherId}`)).json()).name).toBe(secret);
	});
});
