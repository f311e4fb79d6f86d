import { expect, test } from '@playwright/test';

/**
 * WCAG 1.4.10 Reflow: at 320 CSS px wide (1280 px at 400 % zoom) no page scrolls sideways. Wide
 * tables and the map scroll inside their own boxes; the menu, text and form fields wrap.
 */
test.use({ viewport: { width: 320, height: 720 } });

test('every page fits 320 px without scrolling sideways, and the menu stays whole', async ({ page }) => {
	await page.goto('/scenarios');
	const baseline = await page.getByRole('link', { name: "Today's estate" }).getAttribute('href');
	const pages = ['/', '/sites', '/zones', '/scenarios', baseline!, '/compare', '/optimise', '/data', '/about', '/criteria', '/decisions', '/decisions/new?ids=baseline,2', '/sites/lib-altrincham', '/zones/E01006074', '/sites/no-such-site'];
	for (const url of pages) {
		await page.goto(url);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		const { scrollWidth, clientWidth } = await page.evaluate(() => ({
			scrollWidth: document.documentElement.scrollWidth,
			clientWidth: document.documentElement.clientWidth
		}));
		expect(scrollWidth, `${url} is ${scrollWidth} px wide`).toBeLessThanOrEqual(clientWidth);
		// The header grows rather than clipping its links.
		const header = (await page.locator('.site-header').boundingBox())!;
		for (const link of await page.getByRole('navigation', { name: 'Main' }).getByRole('link').all()) {
			const box = (await link.boundingBox())!;
			expect(box.y + box.height, `${url}: "${await link.textContent()}" inside the header`).toBeLessThanOrEqual(header.y + header.height + 1);
		}
	}
});
