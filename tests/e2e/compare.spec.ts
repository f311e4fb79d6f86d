import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { defaultParameters, evaluateScenario, type EngineData, type EvaluationResult, type ScenarioAction } from '../../src/lib/engine';
import { formatValue } from '../../src/lib/report/indicators';
import { ATTRIBUTION_LINES } from '../../src/lib/attribution';
import { axeViolations } from './axe';

async function expectNoAxeViolations(page: Page) {
	expect(await axeViolations(page)).toEqual([]);
}

const CLOSE_HALE: ScenarioAction[] = [{ type: 'close', siteRef: 'lib-hale' }];
const CLOSE_BOTH: ScenarioAction[] = [...CLOSE_HALE, { type: 'close', siteRef: 'lib-woodsend' }];

test.describe('comparing options', () => {
	const stamp = Date.now();
	const names = [`Close Hale ${stamp}`, `Close Hale and Woodsend ${stamp}`];
	let ids: string[];
	let engine: EvaluationResult[];

	test.beforeAll(async ({ request }) => {
		ids = ['baseline'];
		for (const [i, actions] of [CLOSE_HALE, CLOSE_BOTH].entries()) {
			const response = await request.post('/api/scenarios', { data: { name: names[i], actions } });
			expect(response.status()).toBe(201);
			ids.push(String((await response.json()).id));
		}
		const data = (await (await request.get('/api/engine-data')).json()) as EngineData;
		engine = [[], CLOSE_HALE, CLOSE_BOTH].map((actions) => evaluateScenario(data, actions, defaultParameters()));
	});

	/** The cells of one table row (by its data-key), one per scenario. */
	const cells = (page: Page, key: string) => page.locator(`table.comparison tr[data-key="${key}"] td`);

	test("the side-by-side table shows the engine's numbers, and the link reopens it", async ({ page }) => {
		await page.goto(`/compare?ids=${ids.join(',')}`);
		await expect(page.getByRole('columnheader', { name: names[1] })).toBeVisible();
		const expectRow = async (key: string, values: (number | null)[], format: 'gbp' | 'count' | 'year') => {
			for (const [i, v] of values.entries()) await expect(cells(page, key).nth(i)).toContainText(formatValue(format === 'count' ? 'people' : format, v));
		};
		await expectRow('appraisal.annualNetSavingGbp', engine.map((r) => r.appraisal.annualNetSavingGbp), 'gbp');
		await expectRow('appraisal.oneOff.totalGbp', engine.map((r) => r.appraisal.oneOff.totalGbp), 'gbp');
		await expectRow('appraisal.npvGbp', engine.map((r) => r.appraisal.npvGbp), 'gbp');
		await expectRow('appraisal.paybackYear', engine.map((r) => r.appraisal.paybackYear), 'year');
		await expectRow('footfall.displacedVisitsPerWeek', engine.map((r) => r.footfall.displacedVisitsPerWeek), 'count');
		const library = engine.map((r) => r.services.find((s) => s.service === 'library')!);
		await expectRow('access.library.0.all', library.map((s) => s.baseline.coverage[0].population - s.coverage[0].population), 'count');
		await expectRow('access.library.0.age75', library.map((s) => s.baseline.groups.age75!.coverage[0].population - s.groups.age75!.coverage[0].population), 'count');
		expect(library[2].baseline.coverage[0].population - library[2].coverage[0].population).toBeGreaterThan(0);
		await expect(cells(page, 'appraisal.npvGbp').nth(1)).toContainText('estimated');
		await expect(page.getByText('Figures marked estimated rest on estimated floor areas')).toBeVisible();

		// Charts with their table alternatives, and one small map per option.
		await expect(page.getByRole('img', { name: /Cumulative discounted cash flow/ })).toBeVisible();
		await page.getByText('Cash flow as a table').click();
		const cashTable = page.getByRole('table', { name: 'Cumulative discounted cash flow by year, £' });
		const lastYear = engine[2].appraisal.cashFlows.at(-1)!;
		await expect(cashTable.getByRole('row', { name: new RegExp(`^${lastYear.year} `) })).toContainText(formatValue('gbp', lastYear.cumulativeDiscountedGbp));
		await expect(page.getByRole('img', { name: /Coverage by group: Library/ })).toBeVisible();
		await expect(page.locator('figure.mini-map')).toHaveCount(3);
		await expect(page.locator('figure.mini-map').nth(0)).toContainText('Nobody is further from the nearest library than today.');
		await expect(page.locator('figure.mini-map').nth(2)).toContainText('Closed (Hale Library, Woodsend Library)');
		await expectNoAxeViolations(page);

		// The shareable link is the page's own address and reopens the same comparison.
		const link = await page.getByLabel('Link to this comparison').inputValue();
		expect(link).toContain(`/compare?ids=${ids.join(',')}`);
		await page.goto(link);
		await expect(cells(page, 'appraisal.npvGbp').nth(2)).toContainText(formatValue('gbp', engine[2].appraisal.npvGbp));
	});

	test('the checkbox form asks for two to four and then gives the shareable link', async ({ page }) => {
		await page.goto('/compare');
		await expectNoAxeViolations(page);
		await page.getByLabel("Today's estate").check();
		await page.getByRole('button', { name: 'Compare' }).click();
		await expect(page.getByRole('alert')).toContainText('Choose between 2 and 4 scenarios to compare; only 1 was chosen.');
		await expectNoAxeViolations(page);
		await page.getByLabel(names[0], { exact: true }).check();
		await page.getByLabel(names[1], { exact: true }).check();
		await page.getByRole('button', { name: 'Compare' }).click();
		await expect(page).toHaveURL(new RegExp(`/compare\\?ids=${ids.join(',')}(&|$)`));
		await expect(page.getByRole('columnheader', { name: names[1] })).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(0);
	});

	test('the XLSX download holds the numbers as numbers with £ formats; the CSV starts with a BOM', async ({ page, request }) => {
		await page.goto(`/compare?ids=${ids.join(',')}`);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Excel/ }).click()]);
		expect(download.suggestedFilename()).toBe(`hubplan-comparison-${ids.join('-')}.xlsx`);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
		const sheet = book.getWorksheet('Comparison')!;
		expect(sheet.getRow(4).values).toEqual([undefined, 'Section', 'Measure', "Today's estate", names[0], names[1], 'Estimated for']);
		const rowFor = (measure: string) => {
			let found: ExcelJS.Row | undefined;
			sheet.eachRow((r) => {
				if (!found && r.getCell(2).value === measure) found = r;
			});
			if (!found) throw new Error(`no row "${measure}" in the workbook`);
			return found;
		};
		for (const [measure, pick] of [
			['Net present value (NPV), cashable (£)', (r: EvaluationResult) => r.appraisal.npvCashableGbp],
			['NPV with non-cashable savings (£)', (r: EvaluationResult) => r.appraisal.npvGbp],
			['Annual cashable saving (running costs, rent, fees) (£)', (r: EvaluationResult) => r.appraisal.annualCashableSavingGbp],
			['Annual non-cashable saving (channel shift, staff time) (£)', (r: EvaluationResult) => r.appraisal.annualNonCashableSavingGbp],
			['Annual net saving (both) (£)', (r: EvaluationResult) => r.appraisal.annualNetSavingGbp],
			['One-off cost (with optimism bias and pilot) (£)', (r: EvaluationResult) => r.appraisal.oneOff.totalGbp]
		] as const) {
			const row = rowFor(measure);
			engine.forEach((r, i) => expect(row.getCell(3 + i).value).toBeCloseTo(pick(r), 6));
			expect(row.getCell(4).numFmt).toContain('£');
		}
		const library = engine[2].services.find((s) => s.service === 'library')!;
		expect(rowFor('People no longer within 1 mile').getCell(5).value).toBe(library.baseline.coverage[0].population - library.coverage[0].population);

		const csv = await request.get(`/api/compare/csv?ids=${ids.join(',')}`);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const bytes = await csv.body();
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect((await request.get('/api/compare/xlsx?ids=baseline')).status()).toBe(400);
	});

	test('the printable cabinet report renders the summary, charts, maps, assumptions and attribution on A4', async ({ page }) => {
		await page.goto(`/compare?ids=${ids.join(',')}`);
		await page.getByRole('link', { name: 'Printable cabinet report' }).click();
		await expect(page).toHaveURL(/\/compare\/print\?ids=/);
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Service hub options: Trafford public estate partnership (demo)');
		const summary = page.getByRole('table', { name: 'The options at a glance' });
		await expect(summary.getByRole('row', { name: /^Net present value, cashable/ })).toContainText(`${formatValue('gbp', engine[1].appraisal.npvCashableGbp)} over 10 years`);
		await expect(page.getByText(ATTRIBUTION_LINES[0])).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Appendix A: assumptions and their sources' })).toBeVisible();
		await expect(page.getByRole('cell', { name: 'HM Treasury Green Book: social time preference rate, 3.5 %' })).toBeVisible();
		await expect(page.getByText('Figures marked estimated rest on estimated floor areas')).toBeVisible();
		await expect(page.locator('figure.mini-map')).toHaveCount(3);
		// The chart tables print open; nothing interactive is printed.
		await expect(page.getByRole('table', { name: 'Cumulative discounted cash flow by year, £' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
		await expect(page.getByText('Cash flow as a table')).toBeHidden();
		const pdf = await page.pdf({ preferCSSPageSize: true });
		expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
		await page.emulateMedia({ media: 'screen' });
		await expectNoAxeViolations(page);
	});
});
