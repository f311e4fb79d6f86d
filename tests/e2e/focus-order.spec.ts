import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './axe';

/**
 * Issue 13: it took 37 Tab presses to reach a new scenario's Name field. Every key page's main form
 * is now a few key presses from the top: Tab to the skip link, Enter to jump to the main content,
 * then Tab (and, on long pages, Enter on a "Go to" link). Each case lists the exact keys and the
 * field that must then have focus, so a new control above a form makes this fail.
 */

const VIA_SKIP_LINK = ['Tab', 'Enter', 'Tab'];
const VIA_GO_TO_LINK = [...VIA_SKIP_LINK, 'Enter'];
/** "A few": the most key presses any page may need. */
const MAX_PRESSES = 5;

async function pressAll(page: Page, keys: string[]) {
	for (const key of keys) await page.keyboard.press(key);
}

async function ready(page: Page) {
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	// Keys pressed before hydration would be lost on the pages whose scripts build the form.
	await page.waitForLoadState('networkidle');
}

let scenarioId: number;

test.beforeAll(async ({ request }) => {
	const created = await request.post('/api/scenarios', { data: { name: `Focus order ${Date.now()}`, actions: [{ type: 'close', siteRef: 'lib-altrincham' }] } });
	expect(created.status()).toBe(201);
	scenarioId = (await created.json()).id;
});

const cases: { page: string; url: () => string; keys: string[]; field: string }[] = [
	{ page: 'scenarios', url: () => '/scenarios', keys: VIA_SKIP_LINK, field: 'Name' },
	{ page: 'workspace', url: () => `/scenarios/${scenarioId}`, keys: VIA_GO_TO_LINK, field: 'Search by name, kind or service' },
	{ page: 'pilot', url: () => `/scenarios/${scenarioId}/pilot`, keys: VIA_GO_TO_LINK, field: 'Title' },
	{ page: 'mitigations', url: () => `/scenarios/${scenarioId}/mitigations`, keys: [...VIA_SKIP_LINK, 'Tab'], field: 'What will be done' },
	{ page: 'partners', url: () => '/partners', keys: VIA_SKIP_LINK, field: 'Name' },
	{ page: 'optimise', url: () => '/optimise', keys: VIA_SKIP_LINK, field: 'Service' },
	// The add form comes before the lists, so the partnership's own criteria (with a Remove button each) never push it further.
	{ page: 'criteria', url: () => '/criteria', keys: VIA_SKIP_LINK, field: 'Name' },
	{ page: 'map', url: () => '/', keys: [...VIA_SKIP_LINK, 'Tab', 'Tab'], field: "Open a building's details" },
	{ page: 'sites', url: () => '/sites', keys: [...VIA_SKIP_LINK, 'Tab'], field: 'Search' },
	{ page: 'zones', url: () => '/zones', keys: [...VIA_SKIP_LINK, 'Tab'], field: 'Search' },
	{ page: 'import', url: () => '/data', keys: [...VIA_SKIP_LINK, 'Tab'], field: 'File (CSV, XLSX or GeoJSON)' }
];

for (const c of cases) {
	test(`${c.page}: the main form's first field is ${c.keys.length} key presses from the top`, async ({ page }) => {
		expect(c.keys.length).toBeLessThanOrEqual(MAX_PRESSES);
		await page.goto(c.url());
		await ready(page);
		await page.keyboard.press('Tab');
		await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
		await pressAll(page, c.keys.slice(1));
		await expect(page.getByLabel(c.field, { exact: true }).first()).toBeFocused();
	});
}

test('the skip link moves focus to the main content, and the "Go to" links pass axe', async ({ page }) => {
	await page.goto(`/scenarios/${scenarioId}`);
	await ready(page);
	await pressAll(page, ['Tab', 'Enter']);
	await expect(page.locator('main')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Change a building' })).toBeFocused();
	expect(await axeViolations(page)).toEqual([]);
});
