import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { t } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID as P } from '$lib/server/seed';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import { PilotInputError } from '$lib/server/pilots';
import { openDemoTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

/** The issues a refused change reports, as { path: message }. */
async function issuesOf(fn: () => Promise<unknown>): Promise<Record<string, string>> {
	try {
		await fn();
	} catch (error) {
		if (error instanceof PilotInputError) return Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
		throw error;
	}
	throw new Error('expected the change to be refused');
}

describe('pilot milestones', async () => {
	let db: Db;
	let scenarioId: number;
	beforeEach(async () => {
		db = await openDemoTestDb();
		scenarioId = (await scenarios.create(db, TEST_ACTOR, P, { name: 'Shared service centre pilot' })).id;
	});

	it('stores the St Albans milestones and lists them by start date', async () => {
		await pilots.createMilestone(db, TEST_ACTOR, P, scenarioId, { title: 'Costed delivery plan', startDate: '2012-04-01', endDate: '2012-04-30' });
		await pilots.createMilestone(db, TEST_ACTOR, P, scenarioId, {
			title: 'Pilot',
			owner: 'Partnership board',
			startDate: '2011-10-01',
			endDate: '2012-03-31',
			status: 'on_track',
			hubSiteRef: 'lib-sale'
		});
		const list = await pilots.listMilestones(db, P, scenarioId);
		expect(list.map((m) => m.title)).toEqual(['Pilot', 'Costed delivery plan']);
		expect(list[0]).toMatchObject({ owner: 'Partnership board', status: 'on_track', hubSiteRef: 'lib-sale' });
		expect(list[1]).toMatchObject({ status: 'not_started', hubSiteRef: null, owner: '' });
	});

	it('refuses an empty title, an end before the start, a date that is not a date and an unknown building, writing nothing', async () => {
		const issues = await issuesOf(() =>
			pilots.createMilestone(db, TEST_ACTOR, P, scenarioId, { title: '  ', startDate: '2011-02-30', endDate: 'next spring', hubSiteRef: 'nowhere' })
		);
		expect(Object.keys(issues).sort()).toEqual(['endDate', 'hubSiteRef', 'startDate', 'title']);
		expect(issues.startDate).toContain('"2011-02-30" is not a real date');
		expect(issues.hubSiteRef).toContain('"nowhere"');
		const reversed = await issuesOf(() => pilots.createMilestone(db, TEST_ACTOR, P, scenarioId, { title: 'Evaluation', startDate: '2012-02-01', endDate: '2012-01-01' }));
		expect(reversed).toEqual({ endDate: 'End date (2012-01-01) must be the same as or after the start date (2012-02-01).' });
		expect(await pilots.listMilestones(db, P, scenarioId)).toEqual([]);
	});

	it('edits and deletes a milestone; a bad edit leaves the stored one as it was', async () => {
		const m = await pilots.createMilestone(db, TEST_ACTOR, P, scenarioId, { title: 'Focus groups', startDate: '2011-10-01', endDate: '2012-01-31' });
		await issuesOf(() => pilots.updateMilestone(db, TEST_ACTOR, P, scenarioId, m.id, m.version, { title: 'Changed', startDate: '2011-10-01', endDate: '2011-09-01' }));
		expect((await pilots.getMilestone(db, P, scenarioId, m.id)).title).toBe('Focus groups');
		const done = await pilots.updateMilestone(db, TEST_ACTOR, P, scenarioId, m.id, m.version, { ...m, notes: 'All four held', status: 'done', hubSiteRef: '' });
		expect(done).toMatchObject({ status: 'done', notes: 'All four held', title: 'Focus groups', version: m.version + 1 });
		await pilots.deleteMilestone(db, TEST_ACTOR, P, scenarioId, m.id);
		expect(await pilots.listMilestones(db, P, scenarioId)).toEqual([]);
		await expect(pilots.deleteMilestone(db, TEST_ACTOR, P, scenarioId, m.id)).rejects.toThrow(/No milestone with id/);
	});

	it('refuses an edit made to an older version of a milestone (a lost update), keeping the newer one', async () => {
		const m = await pilots.createMilestone(db, TEST_ACTOR, P, scenarioId, { title: 'Focus groups', startDate: '2011-10-01', endDate: '2012-01-31' });
		const theirs = await pilots.updateMilestone(db, TEST_ACTOR, P, scenarioId, m.id, m.version, { ...m, hubSiteRef: '', owner: 'Board' });
		let refused: unknown;
		try {
			await pilots.updateMilestone(db, TEST_ACTOR, P, scenarioId, m.id, m.version, { ...m, hubSiteRef: '', title: 'Mine' });
		} catch (error) {
			refused = error;
		}
		expect(refused).toBeInstanceOf(pilots.PilotConflictError);
		expect((refused as pilots.PilotConflictError<pilots.Milestone>).current).toEqual(theirs);
		expect(await pilots.getMilestone(db, P, scenarioId, m.id)).toEqual(theirs);
	});

	it('calls a milestone overdue when its end date has passed and it is not done', async () => {
		expect(pilots.isOverdue({ endDate: '2012-03-31', status: 'on_track' }, '2012-04-01')).toBe(true);
		expect(pilots.isOverdue({ endDate: '2012-03-31', status: 'done' }, '2012-04-01')).toBe(false);
		expect(pilots.isOverdue({ endDate: '2012-03-31', status: 'late' }, '2012-03-31')).toBe(false);
	});

	it('goes when its scenario is deleted', async () => {
		await pilots.createMilestone(db, TEST_ACTOR, P, scenarioId, { title: 'Pilot', startDate: '2011-10-01', endDate: '2012-03-31' });
		await scenarios.remove(db, TEST_ACTOR, P, scenarioId);
		expect((await db.select().from(t.milestone))).toEqual([]);
	});
});

describe('pilot costs', async () => {
	let db: Db;
	let scenarioId: number;
	beforeEach(async () => {
		db = await openDemoTestDb();
		scenarioId = (await scenarios.create(db, TEST_ACTOR, P, { name: 'Shared service centre pilot' })).id;
	});

	it('stores the £60,000 first-year cost split £25,000 / £35,000 and totals it per partner', async () => {
		await pilots.createCost(db, TEST_ACTOR, P, scenarioId, {
			label: 'First-year cost',
			amountGbp: '£60,000',
			contributions: { 'voluntary-sector': '25000', 'trafford-council': '£35,000', nhs: '' }
		});
		await pilots.createCost(db, TEST_ACTOR, P, scenarioId, { label: 'Evaluation', amountGbp: '1000.50', contributions: { 'trafford-council': '1000.50' } });
		const costs = await pilots.listCosts(db, P, scenarioId);
		expect(costs[0]).toMatchObject({ label: 'First-year cost', amountGbp: 60000 });
		expect(costs[0].contributions.map((c) => [c.organisationId, c.amountGbp])).toEqual([
			['trafford-council', 35000],
			['voluntary-sector', 25000]
		]);
		expect(pilots.partnerTotals(costs).map((x) => [x.organisationId, x.amountGbp])).toEqual([
			['trafford-council', 36000.5],
			['voluntary-sector', 25000]
		]);
	});

	it('says by how much the contributions miss the cost, and writes nothing', async () => {
		const short = await issuesOf(() =>
			pilots.createCost(db, TEST_ACTOR, P, scenarioId, { label: 'First-year cost', amountGbp: '60000', contributions: { 'trafford-council': '35000', 'voluntary-sector': '20000' } })
		);
		expect(short.contributions).toBe("Partners' contributions add up to £55,000, which is £5,000 short of the cost of £60,000.");
		const over = await issuesOf(() =>
			pilots.createCost(db, TEST_ACTOR, P, scenarioId, { label: 'First-year cost', amountGbp: '60000', contributions: { 'trafford-council': '65000' } })
		);
		expect(over.contributions).toContain('£5,000 more than the cost');
		expect((await db.select().from(t.pilotCost))).toEqual([]);
		expect((await db.select().from(t.pilotContribution))).toEqual([]);
	});

	it('refuses negative amounts, text that is not money and unknown partners', async () => {
		const issues = await issuesOf(() =>
			pilots.createCost(db, TEST_ACTOR, P, scenarioId, { label: '', amountGbp: '-60000', contributions: { 'trafford-council': 'lots', 'no-such-body': '5' } })
		);
		expect(issues.label).toMatch(/Enter what the cost is for/);
		expect(issues.amountGbp).toBe('Cost cannot be negative, got -60000.');
		expect(issues['contribution.trafford-council']).toContain('"lots" is not an amount in pounds');
		expect(issues['contribution.no-such-body']).toBe('No partner with id "no-such-body".');
		expect((await issuesOf(() => pilots.createCost(db, TEST_ACTOR, P, scenarioId, { label: 'x', amountGbp: '10', contributions: { nhs: '£-10' } })))['contribution.nhs']).toMatch(/cannot be negative/);
	});

	it('replaces the split on edit in one transaction: a bad edit keeps the old line and contributions', async () => {
		const cost = await pilots.createCost(db, TEST_ACTOR, P, scenarioId, { label: 'First-year cost', amountGbp: '60000', contributions: { 'trafford-council': '60000' } });
		await issuesOf(() => pilots.updateCost(db, TEST_ACTOR, P, scenarioId, cost.id, cost.version, { label: 'First-year cost', amountGbp: '60000', contributions: { 'trafford-council': '10' } }));
		expect(await pilots.listCosts(db, P, scenarioId)).toEqual([cost]);
		const edited = await pilots.updateCost(db, TEST_ACTOR, P, scenarioId, cost.id, cost.version, {
			label: 'First-year cost',
			amountGbp: '60000',
			contributions: { 'trafford-council': '35000', 'voluntary-sector': '25000' }
		});
		expect(edited.contributions).toHaveLength(2);
		await pilots.deleteCost(db, TEST_ACTOR, P, scenarioId, cost.id);
		expect((await db.select().from(t.pilotContribution).where(eq(t.pilotContribution.pilotCostId, cost.id)))).toEqual([]);
	});

	it('refuses an edit made to an older version of a cost line, keeping the newer one and its split', async () => {
		const cost = await pilots.createCost(db, TEST_ACTOR, P, scenarioId, { label: 'First-year cost', amountGbp: '60000', contributions: { 'trafford-council': '60000' } });
		const theirs = await pilots.updateCost(db, TEST_ACTOR, P, scenarioId, cost.id, cost.version, { label: 'First-year cost', amountGbp: '50000', contributions: { 'trafford-council': '50000' } });
		expect(theirs.version).toBe(cost.version + 1);
		await expect(pilots.updateCost(db, TEST_ACTOR, P, scenarioId, cost.id, cost.version, { label: 'Mine', amountGbp: '10', contributions: { 'trafford-council': '10' } })).rejects.toThrow(
			pilots.PilotConflictError
		);
		expect(await pilots.listCosts(db, P, scenarioId)).toEqual([theirs]);
	});

	it('keeps pilots of one scenario out of another', async () => {
		const other = (await scenarios.create(db, TEST_ACTOR, P, { name: 'Other' })).id;
		const cost = await pilots.createCost(db, TEST_ACTOR, P, scenarioId, { label: 'x', amountGbp: '10', contributions: { nhs: '10' } });
		expect(await pilots.listCosts(db, P, other)).toEqual([]);
		await expect(pilots.deleteCost(db, TEST_ACTOR, P, other, cost.id)).rejects.toThrow(/No pilot cost/);
	});
});
