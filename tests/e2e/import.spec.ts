import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axeViolations } from './axe';

/** Buildings the map has drawn, once it has drawn them. */
async function mapSiteCount(page: Page): Promise<number> {
	await page.goto('/');
	const map = page.locator('.estate-map');
	await expect(map).toHaveAttribute('data-rendered-sites', /\d+/, { timeout: 30_000 });
	return Number(await map.getAttribute('data-rendered-sites'));
}

/**
 * A spreadsheet as a partner might send it: two new buildings, and two headers Hubplan cannot
 * guess ("Site code", "Usable floor space"), so the user has to map them.
 */
async function twoSitesXlsx(suffix: string): Promise<{ file: string; names: string[] }> {
	const names = [`Sale Moor Hub ${suffix}`, `Partington Shops Hub ${suffix}`];
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('New buildings');
	sheet.addRow(['Site code', 'Building', 'Type', 'Longitude', 'Latitude', 'Usable floor space', 'Rent (£ per year)', 'Lease end']);
	sheet.addRow([`e2e-sale-moor-${suffix}`, names[0], 'community_hub', -2.3093, 53.4181, 420, 18000, new Date(Date.UTC(2031, 2, 31))]);
	sheet.addRow([`e2e-partington-${suffix}`, names[1], 'community_hub', -2.4262, 53.4199, 310, 12500, '30/09/2029']);
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-e2e-')), 'new-buildings.xlsx');
	await workbook.xlsx.writeFile(file);
	return { file, names };
}

test('the Import & export page has no axe violations', async ({ page }) => {
	await page.goto('/data');
	await expect(page.getByRole('heading', { level: 1, name: 'Import and export' })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);
});

test('an XLSX of two new sites goes through the mapping screen and appears in the tables and on the map', async ({ page }) => {
	const before = await mapSiteCount(page);
	const suffix = String(Date.now());
	const { file, names } = await twoSitesXlsx(suffix);

	await page.goto('/data');
	await page.getByLabel('Sites and estate facts').check();
	await page.getByLabel('File (CSV, XLSX or GeoJSON)').setInputFiles(file);
	await page.getByRole('button', { name: 'Upload and check' }).click();

	// The ref column was not guessed: the error summary says so and takes focus.
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('no column is mapped to "Site reference (stable id)"');
	await expect(page.getByRole('table', { name: /Problems found/ })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	// Guessed mappings are shown; the user maps the two it could not guess.
	await expect(page.getByLabel('Name', { exact: true })).toHaveValue('1');
	await expect(page.getByLabel('Rent', { exact: true })).toHaveValue('6');
	await page.getByLabel('Site reference (stable id)').selectOption({ label: 'Site code' });
	await page.getByLabel('Gross internal area').selectOption({ label: 'Usable floor space' });
	await page.getByRole('button', { name: 'Check again' }).click();

	await expect(page.getByRole('heading', { name: /Check your import: new-buildings.xlsx/ })).toBeFocused();
	await expect(page.getByText('There is a problem')).toHaveCount(0);
	const added = page.getByRole('table', { name: 'Rows to add' });
	await expect(added.getByRole('row')).toHaveCount(3);
	await expect(added).toContainText(names[0]);
	await expect(added).toContainText(names[1]);
	await page.getByRole('button', { name: 'Import 2 new and 0 changed' }).click();

	await expect(page.getByRole('status').filter({ hasText: 'Import complete' })).toContainText('new-buildings.xlsx: 2 added, 0 changed, 0 removed.');
	const recent = page.locator('section', { has: page.getByRole('heading', { name: 'Recent imports' }) }).getByRole('table');
	await expect(recent.getByRole('row').nth(1)).toContainText('new-buildings.xlsx');

	await page.goto(`/sites?q=${encodeURIComponent(suffix)}`);
	for (const name of names) await expect(page.getByRole('link', { name, exact: true })).toBeVisible();

	await page.goto(`/sites/e2e-sale-moor-${suffix}`);
	await expect(page.getByRole('heading', { level: 1, name: names[0] })).toBeVisible();
	await expect(page.getByText('£18,000').first()).toBeVisible();
	// Imported figures say where they came from (shown on hover/focus of each figure).
	await expect(page.getByText(/^Recorded: new-buildings\.xlsx \(imported \d{4}-\d{2}-\d{2}\)$/).first()).toBeAttached();

	expect(await mapSiteCount(page)).toBe(before + 2);
});

test('hostile uploads are answered with their problems, and the server keeps serving', async ({ request, baseURL }) => {
	test.setTimeout(180_000);
	const { deepGeoJson, servicesCsv, xfdSitesXlsx, xlsx } = await import('../unit/import/hostile-inputs');
	const uploads: { kind: string; name: string; bytes: Uint8Array; problem: RegExp | null }[] = [
		// Once ran the heap out and took the server down: now read as its six used columns.
		{ kind: 'sites', name: 'xfd.xlsx', bytes: xfdSitesXlsx(20_000), problem: null },
		{ kind: 'sites', name: 'liar.xlsx', bytes: xlsx(`<worksheet><sheetData>${' '.repeat(10_000_000)}</sheetData></worksheet>`, { declaredSize: 1000 }), problem: /inflates to more than the 1,000 bytes its zip directory declares/ },
		{ kind: 'zones', name: 'deep.geojson', bytes: deepGeoJson(100_000), problem: /the JSON nests 100,004 levels deep/ },
		{ kind: 'services', name: 'million.csv', bytes: servicesCsv(1_000_000, ['lib-hale']), problem: /the file has 1,000,000 data rows, over the limit/ }
	];
	for (const upload of uploads) {
		const response = await request.post('/api/import', {
			headers: { origin: baseURL! },
			multipart: { kind: upload.kind, file: { name: upload.name, mimeType: 'application/octet-stream', buffer: Buffer.from(upload.bytes) } }
		});
		expect(response.status(), upload.name).toBe(200);
		const { plan } = await response.json();
		if (upload.problem) expect(plan.problems[0].problem).toMatch(upload.problem);
		else expect({ problems: plan.problems, rowCount: plan.rowCount, headers: plan.headers }).toEqual({ problems: [], rowCount: 20_000, headers: ['ref', 'name', 'kind', 'lon', 'lat', 'note'] });
		expect((await request.get('/sites')).status()).toBe(200);
	}
});

test('a sites file naming an unknown partner offers to add it in the review step, and imports once agreed', async ({ page }) => {
	const suffix = String(Date.now());
	const file = path.join(os.tmpdir(), `partners-${suffix}.csv`);
	fs.writeFileSync(file, `Site ref,Name,Type,Longitude,Latitude,Partner\noak-${suffix},Oaklands outreach ${suffix},college,-2.3204,53.4248,Oaklands College ${suffix}\n`);
	await page.goto('/data');
	await page.getByLabel('Sites and estate facts').check();
	await page.getByLabel('File (CSV, XLSX or GeoJSON)').setInputFiles(file);
	await page.getByRole('button', { name: 'Upload and check' }).click();

	const partners = page.getByRole('table', { name: 'Partners the file names that Hubplan does not know yet' });
	await expect(partners).toContainText(`Oaklands College ${suffix}`);
	const importButton = page.getByRole('button', { name: 'Import 1 new and 0 changed' });
	await expect(importButton).toBeDisabled();
	expect(await axeViolations(page)).toEqual([]);
	await page.getByLabel(/Add this new partner/).check();
	await importButton.click();
	await expect(page.getByRole('status').filter({ hasText: 'Import complete' })).toContainText('1 added');

	await page.goto('/partners');
	await expect(page.getByRole('row', { name: new RegExp(`Oaklands College ${suffix}`) }).getByRole('cell').nth(1)).toHaveText('1');
});
