import { expect, test } from '@playwright/test';
import { axeViolations } from './axe';

test('a scenario edit shows in its history; restoring an earlier version is a new version; the audit log and its CSV list both', async ({ page }) => {
	const name = `Audit trail ${Date.now()}`;
	await page.goto('/scenarios');
	await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
	await page.getByLabel('Name').first().fill(name);
	await page.getByRole('button', { name: 'Create scenario' }).click();
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
	const scenarioUrl = new URL(page.url()).pathname;

	// Rename it on the scenarios page (version 2).
	await page.goto('/scenarios');
	await page.getByRole('link', { name: `Rename or describe ${name}` }).click();
	await page.locator('#edit-name').fill(`${name} (renamed)`);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('link', { name: `${name} (renamed)`, exact: true })).toBeVisible();

	// Its history, reached from the workspace by keyboard-usable links.
	await page.goto(scenarioUrl);
	await page.getByRole('link', { name: 'History' }).click();
	await expect(page.getByRole('heading', { name: `History: ${name} (renamed)` })).toBeVisible();
	const versions = page.getByTestId('revisions').locator('tbody tr');
	await expect(versions).toHaveCount(2);
	await expect(versions.nth(0)).toContainText(`Renamed from "${name}" to "${name} (renamed)"`);
	await expect(versions.nth(0).getByRole('listitem')).toHaveText(new RegExp(`^Name:\\s*${name}\\s*→\\s*changed to\\s*${name} \\(renamed\\)$`));
	await expect(versions.nth(0)).toContainText('Current');
	expect(await axeViolations(page)).toEqual([]);

	const restore = page.getByRole('button', { name: 'Restore version 1' });
	await restore.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('restored')).toHaveText('Version 1 restored as version 3.');
	await expect(versions).toHaveCount(3);
	await expect(versions.nth(0)).toContainText('Reverted to version 1');
	await expect(page.getByRole('heading', { name: `History: ${name}`, exact: true })).toBeVisible();

	// The partnership's log, filtered to scenarios, newest first.
	await page.goto('/audit?kind=scenario');
	await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
	const rows = page.getByRole('table').locator('tbody tr');
	await expect(rows.nth(0)).toContainText(`Scenario "${name}", version 3: Reverted to version 1`);
	await expect(rows.nth(0)).toContainText('Reverted');
	await expect(rows.nth(1)).toContainText(`Renamed from "${name}" to "${name} (renamed)"`);
	expect(await axeViolations(page)).toEqual([]);

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download CSV/ }).click()]);
	expect(download.suggestedFilename()).toBe('hubplan-audit-log.csv');
	const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
	const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
	expect(lines[0]).toBe('When (UTC),Who,From address,What,Action,What happened,Before → after');
	expect(lines[1]).toContain(`Scenario "${name}", version 3: Reverted to version 1`.replace(/"/g, '""'));
	expect(lines.slice(1).every((l) => l.includes('Scenario'))).toBe(true);
});

test("a building's page lists the changes to it", async ({ page }) => {
	await page.goto('/sites/lib-hale');
	await expect(page.getByRole('heading', { name: 'Changes to this building' })).toBeVisible();
	await expect(page.getByTestId('site-changes')).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);
});
