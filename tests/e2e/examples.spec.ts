import { expect, test, type Page } from '@playwright/test';
import { evaluateScenario, type EngineData, type PilotCostInput, type ScenarioAction, type ScenarioParameters } from '../../src/lib/engine';
import { formatGbp } from '../../src/lib/format';
import { formatValue } from '../../src/lib/report/indicators';
import { axeViolations } from './axe';

interface StoredScenario {
	id: number;
	name: string;
	example: string | null;
	actions: ScenarioAction[];
	parameters: ScenarioParameters;
}

/** The St Albans example's pilot as seeded (examples.ts): £60,000 one-off. */
const PILOTS: Record<string, PilotCostInput[]> = {
	'st-albans': [{ label: 'Shared service centre pilot', kind: 'one_off', amountGbp: 60000, contributions: [] }]
};

async function examples(page: Page): Promise<StoredScenario[]> {
	const all = (await (await page.request.get('/api/scenarios')).json()) as StoredScenario[];
	return all.filter((s) => s.example);
}

async function engineFor(page: Page, s: StoredScenario) {
	const data = (await (await page.request.get('/api/engine-data')).json()) as EngineData;
	return evaluateScenario(data, s.actions, s.parameters, { pilotCosts: PILOTS[s.example!] ?? [] });
}

test('the three worked examples are listed with an Example badge', async ({ page }) => {
	const list = await examples(page);
	expect(list.map((s) => s.example)).toEqual(['st-albans', 'post-office', 'birmingham']);
	await page.goto('/scenarios');
	for (const s of list) {
		await expect(page.locator(`[data-testid="scenario-row"][data-id="${s.id}"]`).getByText('Example', { exact: true })).toBeVisible();
	}
	expect(await axeViolations(page)).toEqual([]);
});

for (const [index, key] of ['st-albans', 'post-office', 'birmingham'].entries()) {
	test(`opening the ${key} example shows the engine’s numbers in its workspace and its comparison`, async ({ page }) => {
		test.setTimeout(120_000);
		const s = (await examples(page))[index];
		expect(s.example).toBe(key);
		const result = await engineFor(page, s);
		await page.goto('/scenarios');
		await page.getByRole('link', { name: s.name, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText(s.name);
		await expect(page.getByTestId('example-notice')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Duplicate to edit' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
		// The impact panel (the engine in the browser, pilot costs included) shows the engine's figures.
		await expect(page.getByTestId('annual-saving-cashable')).toHaveText(formatGbp(result.appraisal.annualCashableSavingGbp));
		await expect(page.getByTestId('annual-saving-non-cashable')).toHaveText(formatGbp(result.appraisal.annualNonCashableSavingGbp));
		await expect(page.getByTestId('one-off-cost')).toHaveText(formatGbp(result.appraisal.oneOff.totalGbp));
		await expect(page.getByTestId('npv-cashable')).toHaveText(formatGbp(result.appraisal.npvCashableGbp));

		await page.getByRole('link', { name: 'Compare with today’s estate' }).click();
		const cell = (row: string) => page.locator(`table.comparison tr[data-key="${row}"] td`).nth(1);
		await expect(cell('appraisal.annualCashableSavingGbp')).toContainText(formatValue('gbp', result.appraisal.annualCashableSavingGbp));
		await expect(cell('appraisal.annualNonCashableSavingGbp')).toContainText(formatValue('gbp', result.appraisal.annualNonCashableSavingGbp));
		await expect(cell('appraisal.oneOff.totalGbp')).toContainText(formatValue('gbp', result.appraisal.oneOff.totalGbp));
		await expect(cell('appraisal.npvCashableGbp')).toContainText(formatValue('gbp', result.appraisal.npvCashableGbp));
		await expect(cell('appraisal.oneOff.pilotGbp')).toContainText(formatValue('gbp', key === 'st-albans' ? 60000 : 0));
	});
}

test('the hand-worked headline figures are what the pages show', async ({ page }) => {
	const [stAlbans, postOffice, birmingham] = await examples(page);
	const cashable = async (id: number) => {
		await page.goto(`/compare?ids=baseline,${id}`);
		return page.locator('table.comparison tr[data-key="appraisal.annualCashableSavingGbp"] td').nth(1);
	};
	await expect(await cashable(stAlbans.id)).toContainText(formatValue('gbp', 34600));
	await expect(await cashable(postOffice.id)).toContainText(formatValue('gbp', -10400));
	await expect(await cashable(birmingham.id)).toContainText(formatValue('gbp', 242450));
});

test('"Duplicate to edit" opens an editable copy of an example, its pilot included', async ({ page }) => {
	const [stAlbans] = await examples(page);
	await page.goto(`/scenarios/${stAlbans.id}/pilot`);
	await expect(page.getByTestId('example-notice')).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Duplicate to edit' }).click();
	await page.waitForURL((url) => /\/scenarios\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${stAlbans.id}`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Copy of shared service centre at Sale Waterside (St Albans-style)');
	await expect(page.getByTestId('example-notice')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
	await page.getByRole('link', { name: 'Pilot and milestones' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: 'Trafford Partnership (Local Strategic Partnership): £25,000' })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Trafford Council: £35,000' })).toBeVisible();
});
