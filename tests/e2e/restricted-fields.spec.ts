import { expect, test, type Page } from '@playwright/test';
import { signedInAs } from './accounts';
import { axeViolations } from './axe';

/**
 * A data manager (here the admin every test server's requests act as) marks the facilities cost
 * restricted. Admins and editors still see it; a viewer sees "restricted" on the building's page
 * and in the sites CSV. The restriction is lifted at the end, so other specs see the pack as is.
 */
const SITE = '/sites/lib-altrincham';
const FACILITIES = 'Facilities, utilities and maintenance (per year)';

async function setRestricted(page: Page, labels: string[]) {
	await page.goto('/data');
	// The upload button is enabled once the page is live, so the form saves through use:enhance.
	await expect(page.getByRole('button', { name: 'Upload and check' })).toBeEnabled();
	const form = page.getByRole('group', { name: 'Fields viewers may not see' });
	for (const box of await form.getByRole('checkbox').all()) await box.setChecked(false);
	for (const label of labels) await form.getByLabel(`Restrict ${label}`, { exact: true }).check();
	await page.getByRole('button', { name: 'Save restricted fields' }).click();
}

const factCell = (page: Page, label: string) => page.getByRole('row', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) }).getByRole('cell').first();

async function altrinchamCsvRow(page: Page): Promise<Record<string, string>> {
	const text = await (await page.request.get('/sites.csv?q=lib-altrincham')).text();
	const [header, row] = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
	// The row's first columns (ref, name, kind …) hold no commas for this building; the figures come last.
	const names = header.split(',');
	const cells = row.split(',');
	return Object.fromEntries(names.map((name, i) => [name, cells[cells.length - names.length + i]]));
}

test.describe.serial('restricted fields', () => {
	test('a data manager marks the facilities cost restricted; the form passes axe and keeps the choice', async ({ page }) => {
		await setRestricted(page, ['Facilities and utilities costs']);
		await expect(page.getByRole('status').filter({ hasText: 'Viewers now see facilities and utilities costs as “restricted”.' })).toBeVisible();
		await page.reload();
		await expect(page.getByLabel('Restrict Facilities and utilities costs', { exact: true })).toBeChecked();
		await expect(page.getByLabel('Restrict Rent', { exact: true })).not.toBeChecked();
		expect(await axeViolations(page)).toEqual([]);
	});

	test('the data manager still sees the value on the site page and in the sites CSV', async ({ page }) => {
		await page.goto(SITE);
		await expect(factCell(page, FACILITIES)).toHaveText(/^£[\d,]+$/);
		await expect(factCell(page, 'Running cost (per year, sum of the above)')).toHaveText(/^£[\d,]+$/);
		expect((await altrinchamCsvRow(page)).annual_running_cost_gbp).toMatch(/^\d+(\.\d+)?$/);
	});

	test.describe('a viewer', () => {
		test.use({ storageState: signedInAs('viewer') });

		test('sees "restricted" in place of the facilities and running costs on the site page and in the sites CSV', async ({ page }) => {
			await page.goto(SITE);
			await expect(factCell(page, FACILITIES)).toHaveText('restricted');
			await expect(factCell(page, 'Running cost (per year, sum of the above)')).toHaveText('restricted');
			expect((await altrinchamCsvRow(page)).annual_running_cost_gbp).toBe('restricted');
			// The raw export is a data manager's; a viewer is refused it outright.
			expect((await page.request.get('/api/export/sites.csv')).status()).toBe(403);
		});
	});

	test('the data manager lifts the restriction', async ({ page }) => {
		await setRestricted(page, []);
		await expect(page.getByRole('status').filter({ hasText: 'No field is restricted: viewers see every value.' })).toBeVisible();
	});
});
