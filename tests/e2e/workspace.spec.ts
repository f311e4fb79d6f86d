import { expect, test, type Page } from '@playwright/test';
import { evaluateScenario, type EngineData, type ScenarioAction, type ScenarioParameters } from '../../src/lib/engine';
import { formatCount, formatGbp } from '../../src/lib/format';
import { accessChanges } from '../../src/lib/workspace/impact';
import { axeViolations } from './axe';

interface StoredScenario {
	id: number;
	version: number;
	actions: ScenarioAction[];
	redo: ScenarioAction[];
	parameters: ScenarioParameters;
}

/** Wait until the page's scripts have taken over, so typed values are not reset by hydration. */
async function ready(page: Page) {
	await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
}

async function createScenario(page: Page, name: string): Promise<number> {
	await page.goto('/scenarios');
	await ready(page);
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByLabel(/Description/).fill('Made by the workspace journey test');
	await page.getByRole('button', { name: 'Create scenario' }).click();
	await page.waitForURL(/\/scenarios\/\d+$/);
	await ready(page);
	return Number(page.url().split('/').pop());
}

/** Select a building through the side panel's search and table (the keyboard route). */
async function selectBuilding(page: Page, search: string, ref: string) {
	await page.getByLabel('Search by name, kind or service').fill(search);
	await page.locator(`button[data-ref="${ref}"]`).click();
	await expect(page.getByTestId('selected-building')).toBeVisible();
}

async function savedVersion(page: Page, version: number) {
	await expect(page.getByTestId('save-status')).toHaveAttribute('data-version', String(version));
}

/** What the engine itself says for the scenario as stored. */
async function engineResult(page: Page, id: number) {
	const data = (await (await page.request.get('/api/engine-data')).json()) as EngineData;
	const stored = (await (await page.request.get(`/api/scenarios/${id}`)).json()) as StoredScenario;
	const result = evaluateScenario(data, stored.actions, stored.parameters);
	return { data, stored, result, access: accessChanges(data.zones, result.zoneAccess, stored.parameters) };
}

async function expectHeadlinesMatchEngine(page: Page, id: number, actionCount: number) {
	const { stored, result } = await engineResult(page, id);
	expect(stored.actions).toHaveLength(actionCount);
	await expect(page.getByTestId('action-list').locator('li')).toHaveCount(actionCount);
	await expect(page.getByTestId('annual-saving-cashable')).toHaveText(formatGbp(result.appraisal.annualCashableSavingGbp));
	await expect(page.getByTestId('annual-saving-non-cashable')).toHaveText(formatGbp(result.appraisal.annualNonCashableSavingGbp));
	await expect(page.getByTestId('annual-saving')).toHaveText(formatGbp(result.appraisal.annualNetSavingGbp));
	await expect(page.getByTestId('npv-cashable')).toHaveText(formatGbp(result.appraisal.npvCashableGbp));
	await expect(page.getByTestId('npv')).toHaveText(formatGbp(result.appraisal.npvGbp));
	await expect(page.getByTestId('one-off-cost')).toHaveText(formatGbp(result.appraisal.oneOff.totalGbp));
	return result;
}

test('the scenario list creates, refuses a nameless scenario, renames, duplicates and deletes with a confirmation', async ({ page }) => {
	await page.goto('/scenarios');
	await ready(page);
	await expect(page.getByTestId('scenario-row').first()).toContainText("Today's estate");
	await expect(page.getByTestId('scenario-row').first()).toContainText('Built in, read only');
	await expect(page.getByTestId('scenario-row').first().getByRole('link', { name: /Delete/ })).toHaveCount(0);

	// Bad input: error summary and a message next to the field; the description typed is kept.
	await page.getByLabel(/Description/).fill('kept after the error');
	await page.getByRole('button', { name: 'Create scenario' }).click();
	await expect(page.locator('.error-summary')).toContainText('Enter a name for the scenario.');
	await expect(page.locator('#field-name-error')).toHaveText('Enter a name for the scenario.');
	await expect(page.getByLabel(/Description/)).toHaveValue('kept after the error');
	expect(await axeViolations(page)).toEqual([]);

	const name = `List test ${Date.now()}`;
	const id = await createScenario(page, name);
	await page.goto('/scenarios');
	await ready(page);
	const row = page.locator(`[data-testid="scenario-row"][data-id="${id}"]`);
	await expect(row).toContainText(name);

	await row.getByRole('link', { name: /Rename or describe/ }).click();
	await page.locator('#edit-name').fill(`${name} renamed`);
	await page.locator('#edit-description').fill('New words');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(row).toContainText(`${name} renamed`);
	await expect(row).toContainText('New words');

	await row.getByRole('button', { name: /Duplicate/ }).click();
	await expect(page.getByRole('status')).toContainText(`Copy of ${name} renamed`);

	await row.getByRole('link', { name: /Delete/ }).click();
	await expect(page.getByText(`Delete “${name} renamed”?`)).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Yes, delete it' }).click();
	await expect(page.getByRole('status')).toContainText(`Deleted “${name} renamed”`);
	await expect(page.locator(`[data-testid="scenario-row"][data-id="${id}"]`)).toHaveCount(0);
	expect((await page.request.get(`/api/scenarios/${id}`)).status()).toBe(404);
});

test('the scenario list works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/scenarios');
	await page.getByRole('button', { name: 'Create scenario' }).click();
	await expect(page.locator('#field-name-error')).toHaveText('Enter a name for the scenario.');
	const name = `No script ${Date.now()}`;
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByRole('button', { name: 'Create scenario' }).click();
	await page.waitForURL(/\/scenarios\/\d+$/);
	const id = Number(page.url().split('/').pop());
	await page.goto(`/scenarios?delete=${id}`);
	await page.getByRole('button', { name: 'Yes, delete it' }).click();
	await expect(page.getByText(`Deleted “${name}”.`)).toBeVisible();
	expect((await page.request.get(`/api/scenarios/${id}`)).status()).toBe(404);
	await context.close();
});

test('closing two libraries and moving one into a hub shows the numbers the engine gives, and survives a reload, undo and redo', async ({ page }) => {
	const id = await createScenario(page, `Journey ${Date.now()}`);
	await expect(page.getByTestId('annual-saving')).toHaveText(formatGbp(0));

	await selectBuilding(page, 'Hale Library', 'lib-hale');
	await page.getByRole('button', { name: 'Close it' }).click();
	await savedVersion(page, 2);
	await selectBuilding(page, 'Woodsend', 'lib-woodsend');
	await page.getByRole('button', { name: 'Close it' }).click();
	await savedVersion(page, 3);
	await selectBuilding(page, 'Waterside', 'co-sale-waterside');
	await page.getByRole('button', { name: 'Make it a hub' }).click();
	await savedVersion(page, 4);
	await selectBuilding(page, 'Sale Library', 'lib-sale');
	await page.getByTestId('selected-building').getByLabel('Library', { exact: true }).check();
	await page.getByLabel('Into').selectOption('co-sale-waterside');
	await page.getByRole('button', { name: 'Move', exact: true }).click();
	await savedVersion(page, 5);

	const result = await expectHeadlinesMatchEngine(page, id, 4);
	expect(result.appraisal.annualNetSavingGbp).not.toBe(0);
	await expect(page.getByTestId('payback-year')).toHaveText(
		result.appraisal.paybackYear === null ? /Not within/ : `Year ${result.appraisal.paybackYear}`
	);
	await expect(page.getByTestId('action-list')).toContainText('Move Library from Sale Library into Sale Waterside (Waterside House)');

	// People no longer within the first threshold of a library, as the engine's zone costs give it.
	const { access } = await engineResult(page, id);
	const library = access.find((a) => a.service === 'library');
	expect(library).toBeDefined();
	const firstRow = page.getByTestId('access-library').locator('tbody tr').first();
	await expect(firstRow.locator('td').first()).toHaveText(formatCount(library!.thresholds[0].lost.population));
	await expect(page.getByTestId('colocation')).toContainText('Sale Waterside');

	const seconds = await page.getByTestId('update-ms').getAttribute('data-round-trip-ms');
	console.log(`workspace: panel update round trip ${seconds} ms (Trafford pack)`);

	await page.reload();
	await ready(page);
	await expectHeadlinesMatchEngine(page, id, 4);

	await page.getByRole('button', { name: 'Undo' }).click();
	await savedVersion(page, 6);
	await expectHeadlinesMatchEngine(page, id, 3);
	await page.getByRole('button', { name: 'Redo' }).click();
	await savedVersion(page, 7);
	await expectHeadlinesMatchEngine(page, id, 4);

	// The same from the keyboard, with focus outside any text field.
	await page.getByRole('heading', { level: 1 }).click();
	await page.keyboard.press('Control+z');
	await savedVersion(page, 8);
	await expectHeadlinesMatchEngine(page, id, 3);
	await page.keyboard.press('Control+Shift+z');
	await savedVersion(page, 9);
	await expectHeadlinesMatchEngine(page, id, 4);

	expect(await axeViolations(page)).toEqual([]);
});

test('a save from a stale second page is reported with what changed, and re-applied on top without losing either edit', async ({ browser }) => {
	const context = await browser.newContext();
	const first = await context.newPage();
	const id = await createScenario(first, `Conflict ${Date.now()}`);
	const second = await context.newPage();
	await second.goto(`/scenarios/${id}`);
	await ready(second);

	await selectBuilding(second, 'Altrincham Library', 'lib-altrincham');
	await second.getByRole('button', { name: 'Close it' }).click();
	await savedVersion(second, 2);

	// The first page still has version 1.
	await selectBuilding(first, 'Coppice', 'lib-coppice');
	await first.getByRole('button', { name: 'Close it' }).click();
	const notice = first.getByTestId('conflict');
	await expect(notice).toContainText('changed in another tab or window');
	await expect(notice).toContainText('Added: Close Altrincham Library');
	await expect(notice).toContainText('Close Coppice Library');
	expect(await axeViolations(first)).toEqual([]);

	await notice.getByRole('button', { name: 'Re-apply my change on top' }).click();
	await savedVersion(first, 3);
	await expect(first.getByTestId('action-list')).toContainText('Close Altrincham Library');
	await expect(first.getByTestId('action-list')).toContainText('Close Coppice Library');
	const stored = (await (await first.request.get(`/api/scenarios/${id}`)).json()) as StoredScenario;
	expect(stored.actions).toEqual([
		{ type: 'close', siteRef: 'lib-altrincham' },
		{ type: 'close', siteRef: 'lib-coppice' }
	]);

	// Discarding takes the other page's version.
	await second.getByRole('button', { name: 'Undo' }).click();
	await expect(second.getByTestId('conflict')).toContainText('Added: Close Coppice Library');
	await second.getByRole('button', { name: 'Discard mine and use their version' }).click();
	await expect(second.getByTestId('action-list').locator('li')).toHaveCount(2);
	await savedVersion(second, 3);
	await context.close();
});

test('parameters are checked next to each field and saved; the baseline opens read-only', async ({ page }) => {
	const id = await createScenario(page, `Parameters ${Date.now()}`);
	await page.getByText('Parameters and cost assumptions').click();
	await page.getByLabel('Discount rate').fill('-1');
	await page.getByLabel('Access thresholds (miles)').fill('1, two');
	await page.getByRole('button', { name: 'Save parameters' }).click();
	const form = page.getByTestId('parameters-form');
	await expect(form.locator('.error-summary')).toContainText('Must be between 0 and 1');
	await expect(form.locator('#field-appraisal-discountRate-error')).toContainText('got -1');
	await expect(form.locator('#field-thresholdsM-error')).toContainText('“1, two”');
	expect(await axeViolations(page)).toEqual([]);

	await page.getByLabel('Discount rate').fill('0.05');
	await page.getByLabel('Access thresholds (miles)').fill('1, 2');
	await page.getByRole('button', { name: 'Save parameters' }).click();
	await expect(page.getByText('Parameters saved.')).toBeVisible();
	const stored = (await (await page.request.get(`/api/scenarios/${id}`)).json()) as StoredScenario;
	expect(stored.parameters.appraisal.discountRate).toBe(0.05);
	expect(stored.parameters.thresholdsM).toEqual([1609.344, 3218.688]);
	await page.reload();
	await ready(page);
	await page.getByText('Parameters and cost assumptions').click();
	await expect(page.getByLabel('Discount rate')).toHaveValue('0.05');
	await expectHeadlinesMatchEngine(page, id, 0);

	const scenarios = (await (await page.request.get('/api/scenarios')).json()) as { id: number; isBaseline: boolean }[];
	await page.goto(`/scenarios/${scenarios.find((s) => s.isBaseline)!.id}`);
	await ready(page);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Built in, read only');
	await selectBuilding(page, 'Hale Library', 'lib-hale');
	await expect(page.getByRole('button', { name: 'Close it' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
	await expect(page.getByTestId('annual-saving')).toHaveText(formatGbp(0));
	expect(await axeViolations(page)).toEqual([]);
});

test('a new site added by typing its place shows on the list and in the impact', async ({ page }) => {
	const id = await createScenario(page, `New site ${Date.now()}`);
	await page.getByText('Add a new site').click();
	await page.getByRole('button', { name: 'Add the site' }).click();
	const form = page.getByRole('form', { name: 'Add a new site' });
	await expect(form.locator('.error-summary')).toContainText('Enter a name for the new site.');
	await expect(form.locator('#field-services-error')).toHaveText('Choose at least one service the new site offers.');

	// A click on the map (away from any building) fills in the place; typing can then refine it.
	await expect(page.locator('.estate-map[data-ready="true"]')).toHaveCount(1);
	await page.locator('.estate-map canvas').click({ position: { x: 25, y: 60 } });
	await expect(page.getByLabel('Longitude')).toHaveValue(/^-2\.\d{5}$/);
	await expect(page.getByLabel('Latitude')).toHaveValue(/^53\.\d{5}$/);

	await page.getByLabel('Name', { exact: true }).fill('Hale Barns Hub');
	await page.getByLabel('Longitude').fill('-2.3100');
	await page.getByLabel('Latitude').fill('53.3635');
	await page.getByLabel('Floor area (m²)').fill('800');
	await form.getByLabel('Library', { exact: true }).check();
	await page.getByRole('button', { name: 'Add the site' }).click();
	await savedVersion(page, 2);
	await expect(page.getByTestId('action-list')).toContainText('Add a new site, Hale Barns Hub (community hub)');
	// Hale Barns is more than a mile from every library today, so people come within a mile.
	const { stored, result, access } = await engineResult(page, id);
	expect(stored.actions[0]).toMatchObject({ type: 'add', site: { ref: 'new-hale-barns-hub', lon: -2.31, lat: 53.3635, giaM2: 800 } });
	const library = access.find((a) => a.service === 'library')!;
	expect(library.thresholds[0].gained.population).toBeGreaterThan(0);
	// The "Newly within" columns follow the "No longer within" ones; the first row is everyone.
	const accessTable = page.getByTestId('access-library');
	await expect(accessTable.locator('thead th').nth(library.thresholds.length + 1)).toHaveText('Newly within 1 mile');
	await expect(accessTable.locator('tbody tr').first().locator('td').nth(library.thresholds.length)).toHaveText(formatCount(library.thresholds[0].gained.population));
	await expect(page.getByTestId('annual-saving')).toHaveText(formatGbp(result.appraisal.annualNetSavingGbp));
	await selectBuilding(page, 'Hale Barns Hub', 'new-hale-barns-hub');
	await expect(page.getByTestId('selected-building')).toContainText('New site in this scenario');
});

test('closing a building marks the figures resting on estimates, and keeps what is being typed in the parameters', async ({ page }) => {
	const id = await createScenario(page, `Estimates ${Date.now()}`);
	await expect(page.getByTestId('annual-saving')).toHaveText(formatGbp(0));
	// Today's estate touches no building, so nothing is marked.
	await expect(page.getByTestId('estimate-note')).toHaveCount(0);

	// Unsaved typing, then a closure: the typing stays and the closed building gets its receipt field.
	await page.getByText('Parameters and cost assumptions').click();
	await page.getByLabel('Discount rate').fill('0.05');
	await expect(page.getByLabel('Capital receipt for Hale Library (£)')).toHaveCount(0);
	await selectBuilding(page, 'Hale Library', 'lib-hale');
	await page.getByRole('button', { name: 'Close it' }).click();
	await savedVersion(page, 2);
	await expect(page.getByLabel('Capital receipt for Hale Library (£)')).toHaveValue('');
	await expect(page.getByLabel('Discount rate')).toHaveValue('0.05');

	// Hale Library's floor area, running cost and visits are estimates in the pack.
	const headline = page.locator('.headline');
	await expect(headline.getByRole('button', { name: 'Estimated' })).toHaveCount(4);
	await expect(headline.getByRole('button', { name: 'Estimated' }).first()).toHaveAccessibleDescription(
		/^Estimated: this figure rests on the estimated floor area or running cost of Hale Library, and the estimated weekly visits of Hale Library\.$/
	);
	await expect(page.getByTestId('estimate-note')).toContainText('Money figures rest on the estimated floor area or running cost of Hale Library');
	await expect(page.getByTestId('estimate-note')).toContainText('Visit figures rest on the estimated weekly visits of Hale Library');
	await expect(page.locator('.footfall').getByRole('button', { name: 'Estimated' })).toHaveCount(1);
	expect(await axeViolations(page)).toEqual([]);

	// Undoing the closure takes its receipt field away and still keeps the typing.
	await page.getByLabel('Capital receipt for Hale Library (£)').fill('250000');
	await page.getByRole('button', { name: 'Undo' }).click();
	await savedVersion(page, 3);
	await expect(page.getByLabel('Capital receipt for Hale Library (£)')).toHaveCount(0);
	await expect(page.getByLabel('Discount rate')).toHaveValue('0.05');
	await expect(page.getByTestId('estimate-note')).toHaveCount(0);

	await page.getByRole('button', { name: 'Save parameters' }).click();
	await expect(page.getByText('Parameters saved.')).toBeVisible();
	const stored = (await (await page.request.get(`/api/scenarios/${id}`)).json()) as StoredScenario;
	expect(stored.parameters.appraisal.discountRate).toBe(0.05);
	expect(stored.parameters.appraisal.capitalReceiptsGbp).toEqual({});
});

test('a council counter added at a post office and withdrawn from the town hall; a vacated library is let, then reopened', async ({ page }) => {
	const id = await createScenario(page, `Front office ${Date.now()}`);

	await selectBuilding(page, 'Post Office', 'po-0c5900ef');
	await page.getByLabel('Service', { exact: true }).selectOption('council_customer_service');
	await page.getByLabel('Visits or transactions a week (optional)').fill('100');
	await page.getByRole('button', { name: 'Add service' }).click();
	await savedVersion(page, 2);
	await selectBuilding(page, 'Trafford Town Hall', 'co-trafford-town-hall');
	await page.getByTestId('selected-building').getByLabel('Council customer service', { exact: true }).check();
	await page.getByRole('button', { name: 'Withdraw (the building stays open)' }).click();
	await savedVersion(page, 3);
	const result = await expectHeadlinesMatchEngine(page, id, 2);
	// Fees are cashable, the council's face-to-face contacts saved are not: shown apart.
	expect(result.appraisal.postOfficeFeesGbp).toBeGreaterThan(0);
	expect(result.appraisal.annualCashableSavingGbp).toBeLessThan(0);
	expect(result.appraisal.annualNonCashableSavingGbp).toBeGreaterThan(0);
	await expect(page.getByTestId('colocation')).toContainText('Post Office');
	await expect(page.getByTestId('action-list')).toContainText('Withdraw Council customer service from Trafford Town Hall');

	await selectBuilding(page, 'Sale Library', 'lib-sale');
	await page.getByTestId('selected-building').getByLabel('Library', { exact: true }).check();
	await page.getByRole('button', { name: 'Withdraw (the building stays open)' }).click();
	await savedVersion(page, 4);
	await expect(page.getByTestId('selected-building')).toContainText('Vacated in this scenario');
	await expect(page.getByTestId('vacated')).toContainText('Sale Library');
	await page.getByRole('radio', { name: /^Let it/ }).check();
	await savedVersion(page, 5);
	await expect(page.getByTestId('vacated')).toContainText('rent a year');
	await expectHeadlinesMatchEngine(page, id, 3);
	expect(await axeViolations(page)).toEqual([]);

	await page.getByRole('button', { name: 'Reopen it' }).click();
	await savedVersion(page, 6);
	await expect(page.getByTestId('selected-building')).toContainText('Open');
	await expectHeadlinesMatchEngine(page, id, 2);
});
