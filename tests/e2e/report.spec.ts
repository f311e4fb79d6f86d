import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './axe';

/**
 * The cabinet report of today's estate and the three worked examples: page 1 reads as a decision
 * summary, the summary of three options fits on two A4 pages in print, and neither the report nor
 * the comparison page scrolls sideways or clips a table at the widths people use.
 */

/** A4 at 96 CSS px per inch, less the report's @page margins (14 mm each side, 15 mm top, 18 mm bottom). */
const A4_CONTENT = { width: Math.floor(((210 - 28) / 25.4) * 96), height: Math.floor(((297 - 33) / 25.4) * 96) };
const WIDTHS = [1280, 1366, 1440, 390, 320];

async function reportLink(page: Page): Promise<string> {
	const all = (await (await page.request.get('/api/scenarios')).json()) as { id: number; example: string | null }[];
	const examples = all.filter((s) => s.example).map((s) => s.id);
	expect(examples).toHaveLength(3);
	return `ids=baseline,${examples.join(',')}`;
}

/** Elements outside a scrolling region that reach past the window's right edge (clipped or scrolling the page). */
async function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const out: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>('main *')) {
			if (el.closest('.scroll-region') || el.closest('.visually-hidden')) continue;
			const box = el.getBoundingClientRect();
			if (box.width > 0 && box.right > width + 1) out.push(`${el.tagName.toLowerCase()}.${el.className}: right edge ${Math.round(box.right)} px`);
		}
		return out.slice(0, 5);
	});
}

test('page 1 says what each option saves, who loses, which criteria fail and what is recommended', async ({ page }) => {
	// axe reads every cell of a 20-page report: tens of seconds on a busy machine.
	test.setTimeout(180_000);
	const ids = await reportLink(page);
	await page.goto(`/compare/print?${ids}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Service hub options: Trafford public estate partnership (demo)');
	const summary = page.getByRole('table', { name: 'The options at a glance' });
	await expect(summary.getByRole('columnheader')).toHaveText(['Today’s estate', 'Option A', 'Option B', 'Option C']);
	await expect(summary.getByRole('row', { name: /^Annual saving, cashable/ })).toContainText('£34,600');
	await expect(summary.getByRole('row', { name: /^Annual saving, cashable/ })).toContainText('£242,450');
	await expect(summary.getByRole('row', { name: /^People losing reach/ })).toContainText('53,225 beyond 3 miles of the nearest probation reporting');
	await expect(summary.getByRole('row', { name: /^Criteria failed or made worse/ })).toContainText('falls from 90.8% to 85.8%');
	await expect(page.locator('#recommendation')).toContainText('No recommendation recorded yet.');
	await expect(page.locator('#summary')).toContainText('Option C saves £207,850 more a year than option A');
	// Town names from the data on every small map.
	await expect(page.locator('figure.mini-map').first().locator('.places text')).toContainText(['Sale', 'Altrincham']);
	expect(await axeViolations(page)).toEqual([]);
	await page.screenshot({ path: 'test-results/report-page-1.png' });
});

test('the summary of three options fits on two A4 pages in print', async ({ page }) => {
	const ids = await reportLink(page);
	await page.setViewportSize(A4_CONTENT);
	await page.goto(`/compare/print?${ids}`);
	await page.emulateMedia({ media: 'print' });
	const height = await page.evaluate(() => {
		const top = document.querySelector('.report-doc')!.getBoundingClientRect().top;
		return document.querySelector('#summary')!.getBoundingClientRect().bottom - top;
	});
	expect(height, `summary ends ${Math.round(height)} px down; two A4 pages hold ${2 * A4_CONTENT.height} px`).toBeLessThanOrEqual(2 * A4_CONTENT.height);
	// And as Chromium paginates it: the title and summary alone print on at most two pages.
	await page.addStyleTag({ content: '.report-section:not(#summary) { display: none !important; }' });
	const pdf = await page.pdf({ preferCSSPageSize: true });
	const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
	expect(pages.length).toBeLessThanOrEqual(2);
});

// Each page is loaded once and resized through the widths, as a window is: its layout is CSS, so the
// browser lays it out as a fresh load at that width would, and each load works out four options.
test(`at ${WIDTHS.join(', ')} px neither the comparison nor the report scrolls sideways or clips a table`, async ({ page }) => {
	test.setTimeout(180_000);
	const ids = await reportLink(page);
	for (const url of [`/compare?${ids}`, `/compare/print?${ids}`]) {
		await page.setViewportSize({ width: WIDTHS[0], height: 900 });
		await page.goto(url);
		await expect(page.getByRole('table', { name: 'The options at a glance' })).toBeVisible();
		for (const width of WIDTHS) {
			await page.setViewportSize({ width, height: 900 });
			const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
			expect(scrollWidth, `${url} at ${width} px`).toBeLessThanOrEqual(clientWidth);
			expect(await overflowing(page), `${url} at ${width} px`).toEqual([]);
			// A table wider than the window scrolls inside a focusable, named region, never cut off.
			for (const region of await page.locator('.scroll-region:has(table)').all()) {
				await expect(region).toHaveAttribute('tabindex', '0');
				const clipped = await region.evaluate((el) => getComputedStyle(el).overflowX !== 'auto' && el.scrollWidth > el.clientWidth);
				expect(clipped).toBe(false);
			}
			if (url.startsWith('/compare/print') && (width === 1366 || width === 320)) expect(await axeViolations(page), `${url} at ${width} px`).toEqual([]);
		}
	}
});
