import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './axe';

async function expectNoAxeViolations(page: Page) {
	expect(await axeViolations(page)).toEqual([]);
}

async function addMilestone(page: Page, m: { title: string; owner?: string; start: string; end: string; status?: string }) {
	const form = page.locator('#milestone-form');
	await form.getByLabel('Title').fill(m.title);
	if (m.owner) await form.getByLabel('Owner (optional)').fill(m.owner);
	await form.getByLabel('Start date').fill(m.start);
	await form.getByLabel('End date').fill(m.end);
	if (m.status) await form.getByLabel('Status').selectOption({ label: m.status });
	await form.getByRole('button', { name: 'Add milestone' }).click();
	await expect(page.getByRole('table').first().getByRole('rowheader', { name: m.title, exact: true })).toBeVisible();
}

test('a partnership board records the St Albans pilot: milestones, Gantt, overdue flag and the cost split', async ({ page, request }) => {
	const created = await request.post('/api/scenarios', {
		data: { name: `St Albans shared service centre ${Date.now()}`, actions: [{ type: 'hub', siteRef: 'lib-sale' }] }
	});
	expect(created.status()).toBe(201);
	const scenario = await created.json();
	await page.goto(`/scenarios/${scenario.id}/pilot`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('St Albans shared service centre');
	await expectNoAxeViolations(page);

	// Refused: empty title and an end before the start. Messages by the fields and in the summary.
	const form = page.locator('#milestone-form');
	await form.getByLabel('Start date').fill('2012-02-01');
	await form.getByLabel('End date').fill('2012-01-01');
	await form.getByRole('button', { name: 'Add milestone' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Enter a title for the milestone.');
	await expect(summary).toContainText('End date (2012-01-01) must be the same as or after the start date (2012-02-01).');
	await expect(form.locator('#milestone-title-error')).toContainText('Enter a title');
	await expect(form.getByLabel('Start date')).toHaveValue('2012-02-01');
	await expectNoAxeViolations(page);
	await expect(page.getByText('No milestones yet.')).toBeVisible();

	await addMilestone(page, { title: 'Pilot', owner: 'Partnership board', start: '2011-10-01', end: '2012-03-31', status: 'On track' });
	await addMilestone(page, { title: 'Focus groups', start: '2011-10-01', end: '2012-01-31', status: 'Done' });
	await addMilestone(page, { title: 'Evaluation', start: '2012-01-01', end: '2012-02-29' });
	await addMilestone(page, { title: 'Costed delivery plan', start: '2012-04-01', end: '2012-04-30' });

	// The timeline lists the four in date order; all but the done one are long past: "Overdue" in words.
	const gantt = page.getByRole('figure');
	await expect(gantt.getByRole('listitem')).toHaveCount(4);
	await expect(gantt.getByRole('listitem').nth(0)).toContainText(/Focus groups\s*1 Oct 2011 – 31 Jan 2012\s*Done/);
	await expect(gantt.getByRole('listitem').nth(0)).not.toContainText('Overdue');
	await expect(gantt.getByRole('listitem').nth(1)).toContainText(/Pilot\s*1 Oct 2011 – 31 Mar 2012\s*On track\s*Overdue/);
	await expect(gantt.getByRole('listitem').nth(3)).toContainText(/Costed delivery plan\s*1 Apr 2012 – 30 Apr 2012\s*Not started\s*Overdue/);
	await expect(page.getByText('3 milestones have passed their end date')).toBeVisible();
	await expect(gantt).toContainText('Oct 2011');
	await expect(gantt).toContainText('Apr');

	// Edit: mark the evaluation done.
	await page.getByRole('link', { name: 'Edit Evaluation' }).click();
	await expect(page.getByRole('heading', { name: 'Edit milestone' })).toBeVisible();
	await form.getByLabel('Status').selectOption({ label: 'Done' });
	await form.getByLabel('Notes (optional)').fill('Report to the board in March');
	await form.getByRole('button', { name: 'Save milestone' }).click();
	await expect(page.getByRole('row', { name: /Evaluation/ })).toContainText('Report to the board in March');
	await expect(page.getByText('2 milestones have passed their end date')).toBeVisible();

	// Cost: a split that does not add up is refused with the gap, then the right split is saved.
	const costForm = page.locator('#cost-form');
	await costForm.getByLabel('What the cost is for').fill('First-year cost');
	await costForm.getByLabel('Cost (£)').fill('£60,000');
	await costForm.getByLabel('Trafford Council').fill('35000');
	await costForm.getByLabel('Voluntary and community sector').fill('20000');
	await costForm.getByRole('button', { name: 'Add cost' }).click();
	await expect(page.getByRole('alert')).toContainText("Partners' contributions add up to £55,000, which is £5,000 short of the cost of £60,000.");
	await expectNoAxeViolations(page);
	await costForm.getByLabel('Voluntary and community sector').fill('25000');
	await costForm.getByRole('button', { name: 'Add cost' }).click();
	const totals = page.getByRole('table', { name: 'Totals per partner' });
	await expect(totals.getByRole('row', { name: /Trafford Council/ })).toContainText(/£35,000\s*58%/);
	await expect(totals.getByRole('row', { name: /Voluntary and community sector/ })).toContainText(/£25,000\s*42%/);
	await expect(page.getByRole('row', { name: /Total/ }).first()).toContainText('£60,000');

	// Everything is still there after a reload.
	await page.reload();
	await expect(page.getByRole('figure').getByRole('listitem')).toHaveCount(4);
	await expect(totals.getByRole('row')).toHaveCount(3);
	await expectNoAxeViolations(page);

	// Delete asks first.
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Delete Costed delivery plan' }).click();
	await expect(page.getByRole('figure').getByRole('listitem')).toHaveCount(3);
});
