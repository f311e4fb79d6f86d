import { expect, test } from '@playwright/test';
import { axeViolations } from './axe';
import { CONTEXT_LAYERS } from '../../src/lib/map/style';

/**
 * Issue 13: the map key did not explain the white ringed dots (stations), the dashed ward lines,
 * the rivers or Metrolink, and nothing could be switched off. And a new site needed typed
 * longitude and latitude.
 */

test('the map key names every context layer drawn, and its switches hide and show them by keyboard', async ({ page }) => {
	await page.goto('/');
	const map = page.locator('.estate-map');
	await expect(map).toHaveAttribute('data-rendered-sites', '308', { timeout: 30_000 });
	const key = page.getByTestId('context-key');
	await expect(key).toHaveRole('group');
	await expect(key).toHaveAccessibleName('Also on the map');
	for (const { label } of CONTEXT_LAYERS) await expect(key.getByRole('checkbox', { name: label })).toBeChecked();
	await expect(map).toHaveAttribute('data-hidden-context', '');

	const wards = key.getByRole('checkbox', { name: 'Ward boundaries' });
	await wards.focus();
	await page.keyboard.press('Space');
	await expect(wards).not.toBeChecked();
	await expect(map).toHaveAttribute('data-hidden-context', 'wards_2023');
	await key.getByRole('checkbox', { name: 'Railway stations' }).check();
	await key.getByRole('checkbox', { name: 'Metrolink stops' }).uncheck();
	await expect(map).toHaveAttribute('data-hidden-context', 'wards_2023 metrolink_stops');
	// Back to the wards by keyboard: Shift+Tab from the stops passes the stations, tram lines and boundary.
	for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Tab');
	await expect(wards).toBeFocused();
	await page.keyboard.press('Space');
	await expect(map).toHaveAttribute('data-hidden-context', 'metrolink_stops');
	expect(await axeViolations(page)).toEqual([]);
});

test('a new site can be put at a zone chosen from a list, without the map', async ({ page, request }) => {
	const created = await request.post('/api/scenarios', { data: { name: `Place by list ${Date.now()}` } });
	const id = (await created.json()).id;
	await page.goto(`/scenarios/${id}`);
	await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
	await page.getByText('Add a new site').click();
	const form = page.getByRole('form', { name: 'Add a new site' });
	const zone = (await (await request.get('/api/geo/zones/E01006074')).json()) as { centroidLon: number; centroidLat: number; name: string };
	const chooser = form.getByLabel('Put it at a building or zone');
	await chooser.selectOption('zone:E01006074');
	await expect(form.getByLabel('Longitude')).toHaveValue(zone.centroidLon.toFixed(5));
	await expect(form.getByLabel('Latitude')).toHaveValue(zone.centroidLat.toFixed(5));
	await chooser.selectOption('site:lib-altrincham');
	const altrincham = (await (await request.get('/api/geo/sites/lib-altrincham')).json()) as { site: { lon: number; lat: number } };
	await expect(form.getByLabel('Longitude')).toHaveValue(altrincham.site.lon.toFixed(5));

	await form.getByLabel('Name').fill('Town centre hub');
	await form.getByLabel('Library', { exact: true }).check();
	await form.getByRole('button', { name: 'Add the site' }).click();
	await expect(page.getByTestId('action-list')).toContainText('Add a new site, Town centre hub (community hub)');
	const stored = (await (await request.get(`/api/scenarios/${id}`)).json()) as { actions: { site: { lon: number; lat: number } }[] };
	expect(stored.actions[0].site.lon).toBeCloseTo(altrincham.site.lon, 5);
	expect(stored.actions[0].site.lat).toBeCloseTo(altrincham.site.lat, 5);
	expect(await axeViolations(page)).toEqual([]);
});
