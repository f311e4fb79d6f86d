import { describe, expect, it } from 'vitest';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData } from '$lib/server/seed';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import { loadComparison } from '$lib/server/comparison';
import { openTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

describe('pilot costs in the comparison', async () => {
	it('charges a scenario’s one-off and running pilot costs, split by the partners who pay them', async () => {
		const db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		const s = await scenarios.create(db, TEST_ACTOR, P, { name: 'Shared centre', actions: [{ type: 'hub', siteRef: 'co-sale-waterside' }] });
		await pilots.createCost(db, TEST_ACTOR, P, s.id, { label: 'Set-up', kind: 'one_off', amountGbp: '60000', contributions: { 'trafford-council': '35000', 'voluntary-sector': '25000' } });
		await pilots.createCost(db, TEST_ACTOR, P, s.id, { label: 'Coordinator', kind: 'annual', amountGbp: '10000', contributions: { 'trafford-council': '10000' } });
		const c = await loadComparison(db, P, { linkIds: ['baseline', String(s.id)] });
		const row = (key: string) => c.rows.find((r) => r.key === key)!.values;
		// A hub with nothing moved in costs nothing: the money is the pilot's alone.
		expect(row('appraisal.oneOff.pilotGbp')).toEqual([0, 60_000]);
		expect(row('appraisal.oneOff.totalGbp')).toEqual([0, 60_000]);
		expect(row('appraisal.pilotRunningCostGbp')).toEqual([0, 10_000]);
		expect(row('appraisal.annualCashableSavingGbp')).toEqual([0, -10_000]);
		expect(row('partner.voluntary-sector.oneOffCostGbp')).toEqual([0, 25_000]);
		expect(row('partner.trafford-council.oneOffCostGbp')).toEqual([0, 35_000]);
		expect(row('partner.trafford-council.annualSavingGbp')).toEqual([0, -10_000]);
	});
});
