import { expect, test } from '@playwright/test';
import { axeViolations } from './axe';

test.describe('partners, without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('adds a funder that occupies nothing, refuses a blank name with an error summary, renames and merges', async ({ page }) => {
		const stamp = Date.now();
		await page.goto('/partners');
		await expect(page.getByRole('heading', { name: 'Partners', level: 1 })).toBeVisible();

		const add = page.getByRole('form', { name: 'Add a partner' });
		await add.getByRole('button', { name: 'Add partner' }).click();
		await expect(page.getByRole('alert')).toContainText('Enter the partner’s name');

		const funder = `Local Strategic Partnership ${stamp}`;
		await page.getByRole('form', { name: 'Add a partner' }).getByLabel('Name').fill(funder);
		await page.getByRole('form', { name: 'Add a partner' }).getByLabel('Kind of body').selectOption({ label: 'Local strategic partnership (funder)' });
		await page.getByRole('button', { name: 'Add partner' }).click();
		await expect(page.getByRole('status')).toHaveText(`Added “${funder}”.`);
		const row = page.getByRole('row', { name: new RegExp(funder) });
		await expect(row.getByRole('cell').nth(1)).toHaveText('0');

		await row.getByRole('link', { name: `Rename ${funder}` }).click();
		await page.getByRole('form', { name: `Rename ${funder}` }).getByLabel('Name').fill(`${funder} (renamed)`);
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('status')).toHaveText(`Saved “${funder} (renamed)”.`);

		const merge = page.getByRole('form', { name: 'Merge two partners' });
		await merge.getByLabel('Merge this partner').selectOption({ label: `${funder} (renamed)` });
		await merge.getByLabel('into this one (kept)').selectOption({ label: 'Trafford Council' });
		await merge.getByRole('button', { name: 'Merge' }).click();
		await expect(page.getByRole('status')).toContainText(`Merged “${funder} (renamed)” into “Trafford Council”`);
		await expect(page.getByRole('row', { name: new RegExp(funder) })).toHaveCount(0);
	});
});

test('the partners page and its error summary pass axe', async ({ page }) => {
	await page.goto('/partners');
	await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
	expect(await axeViolations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Merge' }).click();
	await expect(page.getByRole('alert')).toContainText('Choose the partner to merge away.');
	expect(await axeViolations(page)).toEqual([]);
});

test('post offices have names a person can tell apart in the sites table and the workspace search', async ({ page }) => {
	await page.goto('/sites?page=all');
	await expect(page.getByRole('link', { name: 'Post Office, Old Trafford (M32 8GS)', exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Post Office', exact: true })).toHaveCount(0);
});
