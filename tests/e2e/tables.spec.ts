import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { axeViolations } from './axe';

const rows = (page: Page) => page.locator('tbody tr');

/** Types into a filter, retrying until the page has hydrated and the count shows the result. */
async function filterUntil(page: Page, label: string, text: string, expected: string) {
	await expect(async () => {
		await page.getByLabel(label, { exact: true }).fill(text);
		await expect(page.getByTestId('row-count')).toHaveText(expected, { timeout: 1000 });
	}).toPass({ timeout: 20_000 });
}

/** Follows the "Download CSV" link and returns the file's lines. */
async function downloadCsv(page: Page): Promise<string[]> {
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download CSV/ }).click()]);
	const text = fs.readFileSync((await download.path())!, 'utf8');
	return text.trimEnd().split('\r\n');
}

test.describe('sites table', () => {
	test('pages through all 308 buildings and filters by kind, partner and text', async ({ page }) => {
		await page.goto('/sites');
		await expect(page.getByTestId('row-count')).toHaveText('Showing 1–50 of 308 buildings.');
		await expect(rows(page)).toHaveCount(50);
		const pages = page.getByRole('navigation', { name: 'Pages of the buildings table' });
		await expect(pages).toContainText('Page 1 of 7');
		await pages.getByRole('link', { name: 'Next page' }).click();
		await expect(page.getByTestId('row-count')).toHaveText('Showing 51–100 of 308 buildings.');
		await expect(page).toHaveURL(/\/sites\?page=2$/);
		await pages.getByRole('link', { name: 'Show all 308 on one page' }).click();
		await expect(rows(page)).toHaveCount(308);

		await expect(async () => {
			await page.getByLabel('Kind').selectOption({ label: 'Library' });
			await expect(page.getByTestId('row-count')).toHaveText('Showing 13 of 308 buildings.', { timeout: 1000 });
		}).toPass({ timeout: 20_000 });
		await expect(rows(page)).toHaveCount(13);
		await expect(page).toHaveURL(/kind=library/);

		// Libraries inside schools belong to the schools partner.
		await page.getByLabel('Partner').selectOption({ label: 'Trafford Council' });
		await expect(page).toHaveURL(/partner=/);
		await expect(page.getByTestId('row-count')).not.toHaveText('Showing 13 of 308 buildings.');
		const council = await rows(page).count();
		expect(council).toBeGreaterThan(0);
		expect(council).toBeLessThan(13);

		await page.getByLabel('Partner').selectOption({ label: 'All partners' });
		await page.getByLabel('Kind').selectOption({ label: 'All kinds' });
		// Text search also reads addresses: a pharmacy at "Library 405 Stockport Rd" joins the 13 libraries.
		await filterUntil(page, 'Search', 'library', 'Showing 14 of 308 buildings.');
		await expect(rows(page).filter({ hasText: 'Pelican Pharmacy' })).toHaveCount(1);
		// The search box kept the focus while the table followed it.
		await expect(page.getByLabel('Search', { exact: true })).toBeFocused();
	});

	test('works without JavaScript: filters through the Apply button, sorts and pages by links', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/sites');
		await page.getByLabel('Kind').selectOption({ label: 'Library' });
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(page.getByTestId('row-count')).toHaveText('Showing 13 of 308 buildings.');
		await page.getByRole('link', { name: /^Visits a week/ }).click();
		await expect(page.getByRole('columnheader', { name: /Visits a week/ })).toHaveAttribute('aria-sort', 'ascending');
		await expect(rows(page)).toHaveCount(13);
		await context.close();
	});

	test('sorts with the keyboard alone and says which way in aria-sort', async ({ page }) => {
		await page.goto('/sites?kind=library');
		await expect(page.getByTestId('row-count')).toHaveText('Showing 13 of 308 buildings.');
		const header = page.getByRole('columnheader', { name: /Visits a week/ });
		await expect(header).not.toHaveAttribute('aria-sort');

		await expect(async () => {
			await page.getByLabel('Search').focus();
			for (let i = 0; i < 30; i++) {
				await page.keyboard.press('Tab');
				if (await header.getByRole('link').evaluate((b) => b === document.activeElement)) break;
			}
			await page.keyboard.press('Enter');
			await expect(header).toHaveAttribute('aria-sort', 'ascending', { timeout: 1000 });
		}).toPass({ timeout: 20_000 });
		// The sort link keeps the focus, so pressing Enter again turns the order round.
		await expect(header.getByRole('link')).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(header).toHaveAttribute('aria-sort', 'descending');
		// Coppice Library has the largest catchment estimate: 2,374 visits a week.
		await expect(rows(page).first()).toContainText('Coppice Library');
		await expect(rows(page).first().locator('td').nth(8)).toContainText('2,374');
		await expect(rows(page).first().locator('td').nth(8)).toContainText('estimated');

		await page.getByRole('link', { name: /^Name/ }).press('Enter');
		await expect(page.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'ascending');
		await expect(rows(page).first()).toContainText('Altrincham Library');
	});

	test('downloads every row that matches as CSV, estimates marked', async ({ page }) => {
		await page.goto('/sites');
		await filterUntil(page, 'Search', 'library', 'Showing 14 of 308 buildings.');
		const lines = await downloadCsv(page);
		expect(lines[0]).toBe(
			'ref,name,kind,operator,partner,address,postcode,lsoa_code,lon,lat,gia_m2,gia_m2_estimated,annual_running_cost_gbp,running_cost_estimated,visits_per_week,visits_estimated'
		);
		expect(lines).toHaveLength(15);
		const altrincham = lines.find((l) => l.startsWith('lib-altrincham,'))!;
		expect(altrincham).toContain('Altrincham Library,Library,Trafford Council,Trafford Council,"2 Pott Street, Altrincham",WA14 1AH,E01006075');
		expect(altrincham).toMatch(/,600,true,60000,true,\d+,true$/);
		expect(lines.some((l) => l.startsWith('ph-fvg83,Pelican Pharmacy,'))).toBe(true);
	});

	test('a building page shows its facts with provenance and has no axe violations', async ({ page }) => {
		await page.goto('/sites/lib-altrincham');
		await expect(page.getByRole('heading', { name: 'Altrincham Library', level: 1 })).toBeVisible();
		const gia = page.getByRole('row', { name: /Gross internal area/ });
		await expect(gia).toContainText('600 m²');
		const badge = gia.getByRole('button', { name: 'Estimated' });
		await expect(badge).toHaveAccessibleDescription(/^Estimated: typical size for a library \(600 m²\)/);
		await expect(async () => {
			await badge.blur();
			await badge.focus();
			await expect(page.getByRole('tooltip', { name: /typical size for a library/ })).toBeVisible({ timeout: 1000 });
		}).toPass({ timeout: 20_000 });
		// The running cost is the sum of the rows above; it is an estimate because its facilities part is.
		const runningCost = page.getByRole('row', { name: /Running cost \(per year, sum of the above\)/ });
		await expect(runningCost.getByRole('button', { name: 'Estimated' })).toHaveAccessibleDescription(
			"Estimated: the total includes estimated facilities costs; each part's row says how."
		);
		await expect(page.getByRole('link', { name: 'Show on map' })).toHaveAttribute('href', '/?site=lib-altrincham');
		expect(await axeViolations(page)).toEqual([]);
	});

	test('an unknown building is a 404 that says so', async ({ page }) => {
		const response = await page.goto('/sites/no-such-site');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
		await expect(page.getByText('No building with ref "no-such-site"')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Go to the map' })).toHaveAttribute('href', '/');
		expect(await axeViolations(page)).toEqual([]);
	});

	test('has no axe violations', async ({ page }) => {
		await page.goto('/sites');
		expect(await axeViolations(page)).toEqual([]);
	});
});

test.describe('zones table', () => {
	test('lists the 139 zones with real values and filters by ward', async ({ page }) => {
		await page.goto('/zones?page=all');
		await expect(page.getByTestId('row-count')).toHaveText('Showing 139 of 139 zones.');
		await expect(rows(page)).toHaveCount(139);
		const bowdon = rows(page).filter({ hasText: 'E01006074' });
		await expect(bowdon.locator('td').nth(2)).toHaveText('Bowdon');
		await expect(bowdon.locator('td').nth(3)).toHaveText('1,634');
		await expect(bowdon.locator('td').nth(7)).toHaveText('5');
		await filterUntil(page, 'Search', 'Bowdon', 'Showing 7 of 139 zones.');
	});

	test('sorts by IMD decile, most deprived first', async ({ page }) => {
		await page.goto('/zones');
		await page.getByRole('link', { name: /Index of Multiple Deprivation/ }).click();
		await expect(page.getByRole('columnheader', { name: /Index of Multiple Deprivation/ })).toHaveAttribute('aria-sort', 'ascending');
		// Trafford has six zones in England's most deprived decile.
		await expect(rows(page).nth(5).locator('td').nth(7)).toHaveText('1');
		await expect(rows(page).nth(6).locator('td').nth(7)).toHaveText('2');
	});

	test('downloads the filtered zones as CSV', async ({ page }) => {
		await page.goto('/zones');
		await filterUntil(page, 'Search', 'Bowdon', 'Showing 7 of 139 zones.');
		const lines = await downloadCsv(page);
		expect(lines).toHaveLength(8);
		expect(lines[0]).toMatch(/^Zone,Name,Ward,Residents \(mid-2024\),Population density/);
		expect(lines.find((l) => l.startsWith('E01006074,'))).toMatch(/^E01006074,Trafford 025A,Bowdon,1634,1448\.84,20\.75,12\.3,5,20\.51,19\.5,6\.52$/);
	});

	test('a zone page shows its profile and has no axe violations', async ({ page }) => {
		await page.goto('/zones/E01006074');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trafford 025A (E01006074)');
		await expect(page.locator('dt', { hasText: 'Residents' }).locator('+ dd')).toContainText('1,634');
		await expect(page.locator('dt', { hasText: /^IMD decile$/ }).locator('+ dd')).toContainText('5');
		expect(await axeViolations(page)).toEqual([]);
	});

	test('has no axe violations', async ({ page }) => {
		await page.goto('/zones');
		expect(await axeViolations(page)).toEqual([]);
	});
});
