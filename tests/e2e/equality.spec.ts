import { expect, test, type Page } from '@playwright/test';
import { defaultParameters, evaluateScenario, type EngineData, type EvaluationResult, type ScenarioAction } from '../../src/lib/engine';
import { criterionCell, describeFlag, flaggedGroups } from '../../src/lib/equality/view';
import { formatCount } from '../../src/lib/format';
import { axeViolations } from './axe';

async function expectNoAxeViolations(page: Page) {
	expect(await axeViolations(page)).toEqual([]);
}

// Six post offices across Altrincham, Urmston, Partington and Hale: some people lose a branch
// within a mile, and some groups more than their share.
const CLOSE_SIX: ScenarioAction[] = ['po-7cd8974d', 'po-d5a0e405', 'po-b6ce0e31', 'po-83d0633f', 'po-25b4a8d2', 'po-bd4e50d0'].map((siteRef) => ({
	type: 'close',
	siteRef
}));

test.describe('equality impact and access criteria', () => {
	const name = `Close six post offices ${Date.now()}`;
	let id: string;
	let data: EngineData;
	let engine: EvaluationResult;

	test.beforeAll(async ({ request }) => {
		const response = await request.post('/api/scenarios', { data: { name, actions: CLOSE_SIX } });
		expect(response.status()).toBe(201);
		id = String((await response.json()).id);
		data = (await (await request.get('/api/engine-data')).json()) as EngineData;
		engine = evaluateScenario(data, CLOSE_SIX, defaultParameters());
	});

	test('the workspace shows the engine’s criteria and equality figures', async ({ page }) => {
		await page.goto(`/scenarios/${id}`);
		const criteria = page.getByTestId('criteria');
		await expect(criteria).toBeVisible();
		for (const c of engine.criteria) {
			const cells = criteria.locator(`tr[data-criterion="${c.id}"] td`);
			await expect(cells.nth(1)).toHaveText(criterionCell(c.before, c.passBefore));
			await expect(cells.nth(2)).toHaveText(criterionCell(c.after, c.passAfter));
		}
		const oneMile = engine.criteria.find((c) => c.id === 'po-1-mile')!;
		expect(oneMile.passBefore).toBe(true);
		expect(oneMile.passAfter).toBe(false);

		const flags = flaggedGroups(engine.equality).filter((f) => f.service === 'post_office');
		expect(flags.length).toBeGreaterThan(0);
		await expect(page.getByTestId('equality-flags-post_office').locator('li')).toHaveText(flags.map(describeFlag));

		await page.getByText('Every group: post office counter').click();
		const female = engine.equality.find((e) => e.service === 'post_office' && e.group === 'female')!;
		const row = page.getByTestId('equality-post_office').locator('tr[data-group="sex.female"] td');
		await expect(row.nth(1)).toHaveText(formatCount(female.lost[0].people));
		await expect(row.nth(3)).toHaveText(formatCount(female.lost[1].people));
		await expect(page.getByTestId('equality-gaps')).toContainText('Pregnancy and maternity');
		await expectNoAxeViolations(page);
	});

	test('the comparison shows the same criteria and flags, and the mitigations recorded', async ({ page }) => {
		await page.goto(`/scenarios/${id}/mitigations`);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Add mitigation' }).click();
		await expect(page.getByRole('alert')).toContainText('Enter what will be done');
		await expect(page.getByLabel('Owner')).toHaveAttribute('aria-invalid', 'true');
		await expectNoAxeViolations(page);
		await page.getByLabel('What will be done').fill('Outreach counter at Partington library two days a week');
		await page.getByLabel('Owner').fill('Post Office Ltd');
		await page.getByLabel('For whom').fill('Residents of Partington without a car');
		await page.getByRole('button', { name: 'Add mitigation' }).click();
		await expect(page.getByTestId('mitigations')).toContainText('Outreach counter at Partington library');

		await page.goto(`/compare?ids=baseline,${id}`);
		const cells = (key: string) => page.locator(`table.comparison tr[data-key="${key}"] td`);
		for (const c of engine.criteria) await expect(cells(`criteria.${c.id}`).nth(1)).toHaveText(criterionCell(c.after, c.passAfter));
		const flag = flaggedGroups(engine.equality)[0];
		await expect(cells('equality.flagged').nth(1)).toContainText(flag.label);
		await expect(cells(`equality.${flag.service}.${flag.thresholdLabel}.${flag.characteristic}.${flag.group}`).nth(1)).toHaveText(formatCount(flag.people));
		await expect(cells('mitigations').nth(1)).toContainText('Outreach counter at Partington library');
		await expectNoAxeViolations(page);

		await page.goto(`/scenarios/${id}`);
		await expect(page.getByTestId('workspace-mitigations')).toContainText('Outreach counter at Partington library');
	});

	test('a partnership’s own criterion is checked, stored and tested in every option', async ({ page }) => {
		await page.goto('/criteria');
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Add criterion' }).click();
		await expect(page.getByRole('alert')).toContainText('Enter a name for the criterion');
		await expectNoAxeViolations(page);
		await page.getByLabel('Name').fill('Post offices: 95 % of women within 1 mile');
		await page.getByLabel('Service').selectOption('post_office');
		await page.getByLabel('Distance or time').fill('1');
		await page.getByLabel('Who').selectOption('sex.female');
		await page.getByLabel('Share that must be within reach (%)').fill('95');
		await page.getByRole('button', { name: 'Add criterion' }).click();
		await expect(page.getByTestId('own-criteria')).toContainText('Post offices: 95 % of women within 1 mile');

		const withOwn = evaluateScenario((await (await page.request.get('/api/engine-data')).json()) as EngineData, CLOSE_SIX, defaultParameters());
		const own = withOwn.criteria.find((c) => c.name === 'Post offices: 95 % of women within 1 mile')!;
		await page.goto(`/scenarios/${id}`);
		const cells = page.getByTestId('criteria').locator(`tr[data-criterion="${own.id}"] td`);
		await expect(cells.nth(1)).toHaveText(criterionCell(own.before, own.passBefore));
		await expect(cells.nth(2)).toHaveText(criterionCell(own.after, own.passAfter));
	});
});
