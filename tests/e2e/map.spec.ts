import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeViolations } from './axe';

/** Waits until the map has drawn and reports how many buildings it drew. */
async function renderedSites(page: Page): Promise<Locator> {
	const map = page.locator('.estate-map');
	await expect(map).toHaveAttribute('data-rendered-sites', /\d+/, { timeout: 30_000 });
	return map;
}

/** Pixel statistics of a screenshot of the map canvas, decoded in the browser. */
async function canvasPixels(page: Page) {
	const png = await page.locator('.estate-map canvas').screenshot();
	return page.evaluate(async (base64) => {
		const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
		const bitmap = await createImageBitmap(blob);
		const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
		const ctx = canvas.getContext('2d')!;
		ctx.drawImage(bitmap, 0, 0);
		const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
		const colours = new Set<number>();
		let background = 0;
		for (let i = 0; i < data.length; i += 4) {
			// Quantise to 32 levels per channel so antialiasing does not inflate the count.
			colours.add(((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3));
			// The offline background colour, #f4f2ec.
			if (Math.abs(data[i] - 0xf4) < 3 && Math.abs(data[i + 1] - 0xf2) < 3 && Math.abs(data[i + 2] - 0xec) < 3) background++;
		}
		return { distinct: colours.size, backgroundShare: background / (data.length / 4), digest: Array.from(data.filter((_, i) => i % 997 === 0)).join(',') };
	}, png.toString('base64'));
}

test('the map draws zones and all 308 buildings and shows the legend', async ({ page }) => {
	await page.goto('/');
	const map = await renderedSites(page);
	await expect(map).toHaveAttribute('role', 'region');
	await expect(map).toHaveAttribute('data-rendered-sites', '308');
	await expect(page.getByTestId('visible-count')).toHaveText('Showing 308 of 308 buildings.');

	const pixels = await canvasPixels(page);
	// A blank or single-colour canvas fails here: the zones alone use five classes of colour, and
	// Trafford fills roughly a third of the fitted view (the rest is background).
	expect(pixels.distinct).toBeGreaterThan(40);
	expect(pixels.backgroundShare).toBeGreaterThan(0.2);
	expect(pixels.backgroundShare).toBeLessThan(0.8);

	const legend = page.getByTestId('zone-legend');
	await expect(page.getByRole('heading', { name: 'Population density' })).toBeVisible();
	await expect(legend.locator('li')).toHaveCount(5);
	// Quintiles of residents per km² over Trafford's 139 zones (ONS mid-2024 ÷ LSOA area).
	await expect(legend.locator('li').first()).toHaveText('76 – 2,291');
	await expect(legend.locator('li').last()).toHaveText('6,518 – 16,706');
	await expect(page.getByText('Pale with a thick ring: visits are an estimate')).toBeVisible();
});

test('choosing an indicator recolours the zones and changes the legend', async ({ page }) => {
	await page.goto('/');
	await renderedSites(page);
	const before = await canvasPixels(page);

	await page.getByLabel('Colour zones by').selectOption({ label: 'Index of Multiple Deprivation 2025' });
	const legend = page.getByTestId('zone-legend');
	await expect(page.getByRole('heading', { name: 'Index of Multiple Deprivation 2025' })).toBeVisible();
	await expect(legend.locator('li')).toHaveCount(10);
	await expect(legend.locator('li').first()).toHaveText('1 (most deprived)');
	await expect(legend.locator('li').last()).toHaveText('10 (least deprived)');

	await expect.poll(async () => (await canvasPixels(page)).digest).not.toBe(before.digest);

	await page.getByLabel('Colour zones by').selectOption({ label: 'Households with no car or van' });
	await expect(page.getByRole('heading', { name: 'Households with no car or van' })).toBeVisible();
	await expect(legend.locator('li')).toHaveCount(5);
	await expect(legend.locator('li').last()).toContainText('55.9%');
});

test('filters by kind and partner change the buildings counted and drawn', async ({ page }) => {
	await page.goto('/');
	const map = await renderedSites(page);

	await page.getByRole('button', { name: 'Hide all kinds' }).click();
	await expect(page.getByTestId('visible-count')).toHaveText('Showing 0 of 308 buildings.');
	await page.getByRole('checkbox', { name: /^Library/ }).check();
	// The pack has 13 libraries in Trafford; the map must draw exactly those.
	await expect(page.getByTestId('visible-count')).toHaveText('Showing 13 of 308 buildings.');
	await expect(map).toHaveAttribute('data-rendered-sites', '13');

	await page.getByRole('checkbox', { name: /^GP practice/ }).press('Space');
	await expect(page.getByTestId('visible-count')).toHaveText('Showing 39 of 308 buildings.');
	await expect(map).toHaveAttribute('data-rendered-sites', '39');

	// Libraries run by schools belong to the schools partner, not the council.
	await page.getByRole('checkbox', { name: /^NHS/ }).uncheck();
	await expect(page.getByTestId('visible-count')).toHaveText('Showing 13 of 308 buildings.');
	await page.getByRole('checkbox', { name: /^Trafford Council/ }).uncheck();
	await expect(page.getByTestId('visible-count')).not.toHaveText('Showing 13 of 308 buildings.');
});

test('"Show on map" opens the building centred with its panel, provenance and focus handling', async ({ page }) => {
	await page.goto('/sites?q=Altrincham+Library');
	await page.getByRole('link', { name: 'Show on map for Altrincham Library', exact: true }).click();
	await expect(page).toHaveURL(/\?site=lib-altrincham$/);

	const panel = page.getByRole('region', { name: 'Altrincham Library' });
	const heading = panel.getByRole('heading', { name: 'Altrincham Library', level: 2 });
	await expect(heading).toBeFocused();
	const gia = panel.getByRole('row', { name: /Gross internal area/ });
	await expect(gia).toContainText('600 m²');
	const badge = gia.getByRole('button', { name: 'Estimated' });
	await expect(badge).toBeVisible();
	await expect(panel.getByRole('row', { name: /Facilities, utilities/ })).toContainText('£60,000');
	await expect(panel.getByRole('row', { name: /Tenure/ }).getByRole('button', { name: 'Recorded' })).toBeVisible();

	// The method shows on keyboard focus, not only on hover, and Escape dismisses it first.
	await badge.focus();
	const tooltip = page.getByRole('tooltip', { name: /typical size for a library \(600 m²\)/ });
	await expect(tooltip).toBeVisible();
	await expect(badge).toHaveAccessibleDescription(/Estimated: typical size for a library \(600 m²\)/);
	await page.keyboard.press('Escape');
	await expect(tooltip).toBeHidden();
	await expect(panel).toBeVisible();

	// Escape again closes the panel and focus goes back to the map.
	await page.keyboard.press('Escape');
	await expect(panel).toBeHidden();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.locator('.estate-map canvas')).toBeFocused();

	// The building sits in the middle of the map: clicking there opens it again.
	await renderedSites(page);
	const box = (await page.locator('.estate-map canvas').boundingBox())!;
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	await expect(page.getByRole('heading', { name: 'Altrincham Library', level: 2 })).toBeFocused();
	const kind = page.getByRole('region', { name: 'Altrincham Library' }).locator('dt', { hasText: 'Kind' }).locator('+ dd');
	await expect(kind).toHaveText('Library');
});

test('keyboard users open any building or zone from the map page and get focus back', async ({ page }) => {
	await page.goto('/');
	await renderedSites(page);
	await page.getByLabel("Open a building's details").selectOption({ label: 'Coppice Library (Library)' });
	const open = page.getByRole('button', { name: 'Open', exact: true }).first();
	await open.press('Enter');
	const heading = page.getByRole('heading', { name: 'Coppice Library', level: 2 });
	await expect(heading).toBeFocused();
	await expect(page).toHaveURL(/\?site=lib-coppice$/);
	// Its floor area is recorded in the council register, so no "Estimated" badge there.
	await expect(page.getByRole('row', { name: /Gross internal area/ }).getByRole('button', { name: 'Recorded' })).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(heading).toBeHidden();
	await expect(open).toBeFocused();

	await page.getByLabel("Open a zone's profile").selectOption('E01006074');
	await page.getByRole('button', { name: 'Open', exact: true }).nth(1).press('Enter');
	await expect(page.getByRole('heading', { name: 'Trafford 025A (E01006074)', level: 2 })).toBeFocused();
});

test('a zone opens its profile with its population, deprivation and ward', async ({ page }) => {
	await page.goto('/?zone=E01006074');
	const panel = page.getByRole('region', { name: 'Trafford 025A (E01006074)' });
	await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
	await expect(panel.locator('dt', { hasText: 'Residents' }).locator('+ dd')).toContainText('1,634');
	await expect(panel.locator('dt', { hasText: 'Ward' }).locator('+ dd')).toHaveText('Bowdon (E05015241)');
	await expect(panel.locator('dt', { hasText: 'IMD decile' }).locator('+ dd')).toContainText('5');
	await expect(panel.getByRole('row', { name: /Aged 65 and over/ })).toContainText('339');
	await panel.getByRole('button', { name: /Close/ }).click();
	await expect(panel).toBeHidden();
});

test('the map page has no axe violations, with and without a panel open', async ({ page }) => {
	await page.goto('/');
	await renderedSites(page);
	expect(await axeViolations(page)).toEqual([]);
	await page.goto('/?site=lib-altrincham');
	await expect(page.getByRole('row', { name: /Gross internal area/ })).toContainText('600 m²');
	expect(await axeViolations(page)).toEqual([]);
});

test('the data attribution is on the map page', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByText('Contains OS data © Crown copyright and database right 2018–2025.').first()).toBeVisible();
	await expect(page.getByRole('link', { name: 'Sources, licences and how estimates are made' })).toHaveAttribute('href', '/about');
});
