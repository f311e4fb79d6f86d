import { expect, test } from '@playwright/test';
import { axeViolations } from './axe';

test('the About page shows the attribution, every estimate method and the sources', async ({ page }) => {
	await page.goto('/about');
	await expect(page.getByRole('heading', { name: 'Attribution' })).toBeVisible();
	await expect(page.getByText('Contains OS data © Crown copyright and database right 2018–2025.')).toBeVisible();
	await expect(page.getByText('Metrolink lines © OpenStreetMap contributors, available under the Open Database Licence (ODbL).')).toBeVisible();

	// The rates come from src/lib/server/estimates.ts, not from copies in the page.
	await expect(page.getByText('£100 per m² a year')).toBeVisible();
	await expect(page.getByText('3.70 visits per resident a year')).toBeVisible(); // 204.3m ÷ 55.27m
	await expect(page.getByText('3.75 face-to-face appointments per patient a year')).toBeVisible(); // 367.4 ÷ 63.7 × 0.65
	const typical = page.getByRole('table', { name: /Typical floor area/ });
	await expect(typical.getByRole('row', { name: /^Library/ })).toContainText('600');
	await expect(typical.getByRole('row', { name: /^Hospital/ })).toContainText('20,000');

	const sources = page.getByRole('table', { name: 'Sources of the open-data pack' });
	// One row per key of data/open-data-sources.json, the Census equality tables among them.
	await expect(sources.locator('tbody tr')).toHaveCount(45);
	await expect(sources.getByRole('row', { name: /ons_census2021_ts077_msoa_trafford/ })).toContainText('sexual orientation');
	await expect(sources.getByRole('row', { name: /mhclg_iod2025/ })).toContainText('Ministry of Housing, Communities and Local Government');
});

test('the About page has no axe violations', async ({ page }) => {
	await page.goto('/about');
	expect(await axeViolations(page)).toEqual([]);
});
