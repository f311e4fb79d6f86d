import { expect, test, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import { axeViolations } from './axe';

async function expectNoAxeViolations(page: Page) {
	expect(await axeViolations(page)).toEqual([]);
}

test.describe('saving a comparison with a recommendation and freezing it for cabinet', () => {
	const stamp = Date.now();
	const optionName = `Close Hale and Woodsend ${stamp}`;
	const recommendation = `Close both libraries (${stamp}).`;
	let optionId: number;

	test.beforeAll(async ({ request }) => {
		const response = await request.post('/api/scenarios', {
			data: { name: optionName, actions: [{ type: 'close', siteRef: 'lib-hale' }, { type: 'close', siteRef: 'lib-woodsend' }] }
		});
		expect(response.status()).toBe(201);
		optionId = (await response.json()).id;
	});

	test('save, edit (a stale edit is refused), freeze, reopen unchanged after the scenario changes, download DOCX', async ({ page, browser, request }) => {
		test.setTimeout(180_000);
		await page.goto(`/compare?ids=baseline,${optionId}`);
		await page.getByRole('link', { name: 'Save this comparison with a recommendation' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Save a comparison with a recommendation' })).toBeVisible();
		await expect(page.locator('[data-hydrated="true"]')).toBeVisible();
		await expectNoAxeViolations(page);

		// Keyboard only: a refused save names the field, then the form is completed and sent with Enter.
		await page.getByLabel('Title').fill(`Libraries for cabinet ${stamp}`);
		await page.getByRole('textbox', { name: 'Recommendation' }).fill(recommendation);
		await page.getByLabel('Title').press('Enter');
		await expect(page.getByRole('alert')).toContainText('Enter the name of the person making the recommendation.');
		await expectNoAxeViolations(page);
		await page.getByLabel('Recommended by').focus();
		await page.keyboard.type('Priya Shah, Head of Libraries');
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.type('Fewest people lose a library within a mile for the saving.');
		await page.getByLabel('Recommended by').press('Enter');

		await expect(page.getByRole('heading', { level: 1, name: `Libraries for cabinet ${stamp}` })).toBeVisible();
		await expect(page.getByRole('textbox', { name: 'Recommendation' })).toHaveValue(recommendation);
		await expect(page.getByLabel('Rationale')).toHaveValue('Fewest people lose a library within a mile for the saving.');
		await expectNoAxeViolations(page);
		const savedUrl = page.url();

		// A second tab edits first; this tab's save is refused and shows theirs beside ours.
		const other = await browser.newPage({ baseURL: new URL(savedUrl).origin });
		await other.goto(savedUrl);
		await expect(other.locator('[data-hydrated="true"]')).toBeVisible();
		await other.getByLabel('Rationale').fill('Changed in another tab.');
		await other.getByRole('button', { name: 'Save the recommendation' }).click();
		await expect(other.getByRole('status')).toContainText('Saved the recommendation (version 2)');
		await other.close();
		await page.getByRole('textbox', { name: 'Recommendation' }).fill(`${recommendation} Revised.`);
		await page.getByRole('button', { name: 'Save the recommendation' }).click();
		await expect(page.getByTestId('conflict')).toContainText('Changed in another tab.');
		await expect(page.getByTestId('conflict')).toContainText(`${recommendation} Revised.`);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Re-apply my change on top' }).click();
		await expect(page.getByRole('status')).toContainText('Saved the recommendation (version 3)');

		// The printable report carries the recommendation, on live figures, and says so on every page.
		await page.getByRole('link', { name: 'Printable report with this recommendation' }).click();
		await expect(page.getByText(`${recommendation} Revised.`)).toBeVisible();
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Back to the saved comparison' }).click();

		// Freeze, by keyboard: the date field and Enter.
		await page.getByLabel('Date of the cabinet meeting').fill('2027-01-14');
		const started = Date.now();
		await page.getByLabel('Date of the cabinet meeting').press('Enter');
		await expect(page.getByTestId('presented')).toContainText('As presented to cabinet on 14 Jan 2027');
		console.log(`freeze, from the button to the record page: ${Date.now() - started} ms`);
		await expect(page.getByText(`${recommendation} Revised.`)).toBeVisible();
		await expect(page.getByText('Unchanged since it was frozen')).toBeVisible();
		// Every printed page is headed with the date (a page-margin box; Chromium 131 and later draw it).
		const printHeader = await page.evaluate(() => [...document.querySelectorAll('style')].map((s) => s.textContent).find((css) => css?.includes('@top-center')));
		expect(printHeader).toMatch(/@page \{ size: A4;.*@top-center \{ content: "As presented to cabinet on 14 Jan 2027 · Decision record \d+"/);
		await expectNoAxeViolations(page);
		const recordUrl = page.url();
		const tables = async () => page.locator('table.report-table').allInnerTexts();
		const frozenTables = await tables();
		await expect(page.locator('main')).toContainText(`Option A: ${optionName}`);

		// The scenario changes; the record does not.
		const option = await (await request.get(`/api/scenarios/${optionId}`)).json();
		const patched = await request.patch(`/api/scenarios/${optionId}`, { data: { op: 'patch', baseVersion: option.version, actions: [{ type: 'close', siteRef: 'lib-hale' }] } });
		expect(patched.status()).toBe(200);
		await page.reload();
		expect(await tables()).toEqual(frozenTables);

		// Nothing in the app edits or deletes a record.
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			const response = await request.fetch(recordUrl, { method, form: { presentedOn: '2030-01-01' } });
			expect(response.status(), method).toBeGreaterThanOrEqual(400);
		}
		await page.reload();
		await expect(page.getByTestId('presented')).toContainText('As presented to cabinet on 14 Jan 2027');
		expect(await tables()).toEqual(frozenTables);

		// The Word download carries the frozen recommendation and the cabinet date.
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as Word (.docx)' }).click()]);
		expect(download.suggestedFilename()).toMatch(/^decision-record-\d+-cabinet-2027-01-14-libraries-for-cabinet-\d+\.docx$/);
		const zip = await JSZip.loadAsync(await readFile(await download.path()));
		expect(await zip.file('word/document.xml')!.async('string')).toContain(`${recommendation} Revised.`);

		// Listed on the decisions page, reached from the main navigation.
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decisions' }).click();
		await expect(page.getByTestId('record-row').filter({ hasText: `Libraries for cabinet ${stamp}` })).toContainText('14 Jan 2027');
		await expectNoAxeViolations(page);
	});

	test('a record that does not exist is a 404, and the report page offers its Word download', async ({ page, request }) => {
		expect((await request.get('/decisions/records/999999')).status()).toBe(404);
		await page.goto(`/compare/print?ids=baseline,${optionId}`);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as Word (.docx)' }).click()]);
		expect(download.suggestedFilename()).toMatch(/^service-hub-options-.*\.docx$/);
	});
});
