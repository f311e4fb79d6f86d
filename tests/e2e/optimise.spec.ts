import { expect, test } from '@playwright/test';
import { axeViolations } from './axe';

test.describe('/optimise', () => {
	test('recommends library hubs in a worker, shows the proven gap, and passes axe', async ({ page }) => {
		await page.goto('/optimise');
		await expect(page.getByRole('heading', { level: 1, name: 'Recommend hubs' })).toBeVisible();
		await expect(page.getByLabel('Service', { exact: true })).toBeVisible();
		expect(await axeViolations(page)).toEqual([]);

		await page.getByLabel('Service', { exact: true }).selectOption('library');
		await page.getByLabel('Least travel: the shortest average trip for a given number of hubs').check();
		await page.getByLabel('Number of hubs', { exact: true }).fill('4');
		// Without HiGHS, the proof comes from the Lagrangian bound computed beside the search.
		await page.getByText('Search settings').click();
		await page.getByLabel('Check the answer with the exact solver (HiGHS)').uncheck();
		await page.getByRole('button', { name: 'Find hubs' }).click();

		const answer = page.getByTestId('optimise-answer');
		await expect(answer).toBeVisible();
		// Trafford has 13 libraries; the Lagrangian bound proves 4 of them optimal.
		await expect(answer.getByRole('table', { name: /Chosen hubs \(4\)/ }).locator('tbody tr')).toHaveCount(4);
		await expect(page.getByTestId('optimise-gap')).toContainText('This is the best possible answer for these settings: Hubplan proved that no other choice of buildings does better (proved by a bound worked out during the search).');
		await expect(answer).toContainText('13 buildings');
		// Issue 13: what was optimised, in words and km, not "Objective 275,178,997 resident-metres".
		await expect(page.getByTestId('optimise-objective')).toHaveText(/^Shortest average trip: \d+\.\d\d km; no choice of 4 hubs can make it shorter than \d+\.\d\d km$/);
		await expect(answer).not.toContainText('resident-');
		await expect(answer).not.toContainText('Lagrangian');
		expect(await axeViolations(page)).toEqual([]);
	});

	test('refuses more hubs than candidates, quoting the numbers', async ({ page }) => {
		await page.goto('/optimise');
		await page.getByLabel('Service', { exact: true }).selectOption('library');
		await page.getByLabel('Number of hubs', { exact: true }).fill('14');
		await page.getByRole('button', { name: 'Find hubs' }).click();
		await expect(page.getByRole('alert')).toContainText('You asked for 14 hubs, more than the 13 candidate buildings that may be chosen');
		await expect(page.locator('#field-k-error')).toBeVisible();
	});

	test('keeps a must-keep building, and proves the coverage answer without needing HiGHS', async ({ page }) => {
		await page.goto('/optimise');
		await page.getByLabel('Service', { exact: true }).selectOption('library');
		await page.getByText('Choose buildings that must stay or may not be chosen').click();
		await page.getByLabel('Role of Partington Library and Wellbeing Centre (lib-partington-and-wellbeing-centre)').selectOption('keep');
		await page.getByLabel('Most people within a distance, for a given number of hubs').check();
		await page.getByLabel('Number of hubs', { exact: true }).fill('3');
		await page.getByText('Search settings').click();
		await page.getByLabel('Check the answer with the exact solver (HiGHS)').check();
		await page.getByRole('button', { name: 'Find hubs' }).click();

		const answer = page.getByTestId('optimise-answer');
		// The search's own bound proves it, so HiGHS is not asked even though it was allowed.
		await expect(page.getByTestId('optimise-gap')).toContainText('This is the best possible answer for these settings: Hubplan proved that no other choice of buildings does better (proved by a bound worked out during the search).', { timeout: 45_000 });
		await expect(answer.getByRole('link', { name: 'Partington Library and Wellbeing Centre' })).toBeVisible();
		await expect(answer).not.toContainText('HiGHS');
	});

	test('finds the cheapest libraries that keep half of residents within a mile, proven by HiGHS, and passes axe', async ({ page }) => {
		await page.goto('/optimise');
		await page.getByLabel('Service', { exact: true }).selectOption('library');
		await page.getByLabel('Lowest running cost that keeps a share of residents within a distance').check();
		await expect(page.getByLabel('Number of hubs', { exact: true })).toHaveCount(0);
		await expect(page.getByText('in the open-data pack these are estimates')).toBeVisible();
		await page.getByLabel('Distance threshold (metres)').fill('1609');
		await page.getByLabel('Share of residents to reach (%)').fill('50');
		await page.getByText('Search settings').click();
		await page.getByLabel('Check the answer with the exact solver (HiGHS)').check();
		await page.getByRole('button', { name: 'Find hubs' }).click();

		const answer = page.getByTestId('optimise-answer');
		await expect(page.getByTestId('optimise-gap')).toContainText('This is the best possible answer for these settings: Hubplan proved that no other choice of buildings does better (checked by the exact solver HiGHS).', { timeout: 45_000 });
		// The same answer as `hubplan optimise --goal cheapest` on the Trafford pack (unit-tested there).
		await expect(answer.locator('.headline')).toContainText('4 hubs costing £200,500 a year keep 50.7 % of residents within 1.6 km (target 50 %)');
		const table = answer.getByRole('table', { name: /Chosen hubs \(4\)/ });
		await expect(table.getByRole('columnheader', { name: 'Annual running cost' })).toBeVisible();
		await expect(table.getByRole('row', { name: /Lostock Library/ })).toContainText('£24,000');
		expect(await axeViolations(page)).toEqual([]);
	});

	test('limits least travel by hub capacity from floor area, asks for the rate first, and passes axe', async ({ page }) => {
		await page.goto('/optimise');
		await page.getByLabel('Service', { exact: true }).selectOption('library');
		await page.getByLabel('Number of hubs', { exact: true }).fill('5');
		await page.getByLabel('Limit how much each hub can take').check();
		await expect(page.getByRole('radiogroup', { name: 'Limit each hub by' }).getByLabel('Floor area')).toBeChecked();
		await page.getByRole('button', { name: 'Find hubs' }).click();
		await expect(page.getByRole('alert')).toContainText('Enter the residents one m² of floor area can serve');
		await expect(page.locator('#field-residentsPerM2-error')).toBeVisible();

		await page.getByLabel('Residents one m² of floor area can serve').fill('50');
		await page.getByText('Search settings').click();
		await page.getByLabel('Check the answer with the exact solver (HiGHS)').check();
		await page.getByRole('button', { name: 'Find hubs' }).click();
		const answer = page.getByTestId('optimise-answer');
		await expect(page.getByTestId('optimise-gap')).toContainText('the exact solver HiGHS', { timeout: 45_000 });
		await expect(answer).toContainText('floor area × 50 residents per m²');
		const table = answer.getByRole('table', { name: /Chosen hubs \(5\)/ });
		await expect(table.getByRole('columnheader', { name: 'Capacity (residents)' })).toBeVisible();
		// Urmston Library: 1,957.47 m² × 50 = 97,874 residents at most.
		await expect(table.getByRole('row', { name: /Urmston Library/ })).toContainText('97,874');
		expect(await axeViolations(page)).toEqual([]);
	});

	test('offers visits per week as a hub limit, names the libraries without a visit capacity (the pack records none), and passes axe', async ({ page }) => {
		await page.goto('/optimise');
		await page.getByLabel('Service', { exact: true }).selectOption('library');
		await page.getByLabel('Limit how much each hub can take').check();
		const basis = page.getByRole('radiogroup', { name: 'Limit each hub by' });
		await expect(basis.getByRole('radio')).toHaveCount(2);
		await basis.getByLabel('Visits per week').check();
		// Visits need no rate, and the form says the areas' visits are an estimate.
		await expect(page.getByLabel('Residents one m² of floor area can serve')).toHaveCount(0);
		await expect(basis).toContainText('the visits it makes to this service today, an estimate');
		await page.getByRole('button', { name: 'Find hubs' }).click();

		const summary = page.getByRole('alert');
		await expect(summary).toContainText('No visit capacity per week is recorded for 13 buildings: Altrincham Library, Coppice Library, Hale Library and 10 more.');
		await expect(page.locator('#field-capacityBasis-error')).toBeVisible();
		await expect(page.getByTestId('optimise-answer')).toHaveCount(0);
		expect(await axeViolations(page)).toEqual([]);
		// The summary's link moves focus to the visits option it is about.
		await summary.getByRole('link').click();
		await expect(basis.getByLabel('Visits per week')).toBeFocused();
		// Floor area needs no visit figures.
		await basis.getByLabel('Floor area').check();
		await page.getByLabel('Residents one m² of floor area can serve').fill('50');
		await page.getByRole('button', { name: 'Find hubs' }).click();
		await expect(page.getByTestId('optimise-answer')).toContainText('floor area × 50 residents per m²', { timeout: 45_000 });
	});

	test('saves the answer as a scenario', async ({ page }) => {
		await page.goto('/optimise');
		await page.getByLabel('Service', { exact: true }).selectOption('library');
		await page.getByLabel('Number of hubs', { exact: true }).fill('3');
		await page.getByRole('button', { name: 'Find hubs' }).click();
		const name = `Optimised libraries e2e ${Date.now()}`;
		await page.getByLabel('Scenario name').fill(name);
		const preview = await page.getByTestId('scenario-preview').locator('li').allTextContents();
		// Three libraries are chosen; the other libraries hold nothing else, so they close.
		expect(preview.filter((line) => line.startsWith('Make '))).toHaveLength(3);
		expect(preview.some((line) => line.startsWith('Close '))).toBe(true);
		await page.getByRole('button', { name: 'Save as scenario' }).click();
		const link = page.getByRole('link', { name });
		await expect(link).toBeVisible();
		await link.click();
		await expect(page).toHaveURL(/\/scenarios\/\d+/);
		// The scenario does exactly what the preview listed, in order.
		await expect(page.getByTestId('action-list').locator('li')).toHaveText(preview);
	});

	test('cancels a long search and keeps the best answer found so far', async ({ page }) => {
		await page.goto('/optimise');
		await page.getByLabel('Buildings of these kinds:').check();
		for (const kind of ['Library', 'Pharmacy', 'School', 'Post office']) await page.getByLabel(kind, { exact: true }).check();
		await page.getByLabel('Number of hubs', { exact: true }).fill('30');
		// With capacities the first phase runs every step (no bound stops it early), so there is time to cancel.
		await page.getByLabel('Limit how much each hub can take').check();
		await page.getByLabel('Residents one m² of floor area can serve').fill('50');
		await page.getByText('Search settings').click();
		await page.getByLabel('Fresh starts of the search').fill('1000');
		await page.getByRole('button', { name: 'Find hubs' }).click();
		await expect(page.getByLabel('Search progress')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Best so far' })).toBeVisible();
		await page.getByRole('button', { name: 'Cancel' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Cancelled' })).toBeVisible();
		await expect(page.getByText(/^30 hubs, average trip/)).toBeVisible();
		await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
		expect(await axeViolations(page)).toEqual([]);
	});

	test('measures trips by a road estimate, and asks for a matrix before using travel times, and passes axe', async ({ page }) => {
		await page.goto('/optimise');
		await page.getByLabel('Service', { exact: true }).selectOption('library');
		const measure = page.getByRole('radiogroup', { name: 'Distance measure' });
		await expect(measure.getByRole('radio')).toHaveCount(3);
		await expect(measure.getByLabel('Straight line (metres)')).toBeChecked();

		// The test estate has no imported matrix: the form says so before anything runs.
		await page.getByLabel('Most people within a distance, for a given number of hubs').check();
		await measure.getByLabel('Travel time from the imported matrix (minutes)').check();
		await expect(page.getByLabel('Travel-time threshold (minutes)')).toHaveValue('15');
		await expect(page.getByLabel('Distance threshold (metres)')).toHaveCount(0);
		await page.getByLabel('Number of hubs', { exact: true }).fill('3');
		await page.getByRole('button', { name: 'Find hubs' }).click();
		await expect(page.getByRole('alert')).toContainText('No travel-time matrix has been imported.');
		await expect(page.locator('#field-distanceMode-error')).toBeVisible();
		expect(await axeViolations(page)).toEqual([]);

		await measure.getByLabel('Road estimate: straight line × a road factor (metres)').check();
		await expect(page.getByLabel('Distance threshold (metres)')).toHaveValue('1609');
		await expect(page.getByLabel('Road factor (road distance ÷ straight-line distance)')).toHaveValue('1.3');
		await page.getByText('Search settings').click();
		await page.getByLabel('Check the answer with the exact solver (HiGHS)').uncheck();
		await page.getByRole('button', { name: 'Find hubs' }).click();
		const answer = page.getByTestId('optimise-answer');
		await expect(answer).toContainText('road estimate: straight line × 1.3');
		await expect(answer.locator('.headline')).toContainText('within 1.6 km');
		expect(await axeViolations(page)).toEqual([]);
	});
});
