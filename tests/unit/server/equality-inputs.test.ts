import { describe, expect, it } from 'vitest';
import { t } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData } from '$lib/server/seed';
import * as criteria from '$lib/server/criteria';
import * as mitigations from '$lib/server/mitigations';
import * as scenarios from '$lib/server/scenarios';
import { loadEngineData } from '$lib/server/estate';
import { openTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

async function database() {
	const db = await openTestDb();
	await ensureDemoData(db, TEST_ACTOR);
	return db;
}

describe('the partnership’s own access criteria', async () => {
	it('refuses each bad field by name, writing nothing', async () => {
		const db = await database();
		let issues: { path: string; message: string }[] = [];
		try {
			await criteria.create(db, TEST_ACTOR, P, { name: ' ', service: 'spa', threshold: '-1', thresholdUnit: 'leagues', group: 'everyone', targetPercent: '120' });
		} catch (e) {
			issues = (e as criteria.CriterionInputError).issues;
		}
		expect(issues.map((i) => i.path)).toEqual(['name', 'service', 'threshold', 'thresholdUnit', 'group', 'targetPercent']);
		expect(issues.find((i) => i.path === 'targetPercent')?.message).toContain('"120"');
		expect((await db.select().from(t.accessCriterion))).toHaveLength(0);
	});

	it('stores miles as metres and a percentage as a share, and reaches the engine', async () => {
		const db = await database();
		const row = await criteria.create(db, TEST_ACTOR, P, { name: 'Libraries: 95 % of carers within 2 miles', service: 'library', threshold: '2', thresholdUnit: 'miles', group: 'carers.any', targetPercent: '95%' });
		expect((await loadEngineData(db, P)).criteria).toEqual([
			{ id: `own-${row.id}`, name: 'Libraries: 95 % of carers within 2 miles', source: 'Set by the partnership', service: 'library', thresholdM: 2 * 1609.344, group: 'carers.any', targetShare: 0.95 }
		]);
		expect(await criteria.remove(db, TEST_ACTOR, P, row.id)).toBe(true);
		expect(await criteria.remove(db, TEST_ACTOR, P, row.id)).toBe(false);
	});
});

describe('mitigations', async () => {
	it('are stored per option with what, owner and for whom, and refused for today’s estate', async () => {
		const db = await database();
		const option = await scenarios.create(db, TEST_ACTOR, P, { name: 'Close Hale', actions: [{ type: 'close', siteRef: 'lib-hale' }] });
		await expect(mitigations.create(db, TEST_ACTOR, P, option.id, { action: '', owner: 'x', forWhom: '' })).rejects.toThrow(/action: Enter what will be done.*forWhom/);
		const m = await mitigations.create(db, TEST_ACTOR, P, option.id, { action: 'Home library service', owner: 'Libraries team', forWhom: 'Housebound residents of Hale' });
		expect(await mitigations.list(db, P, option.id)).toMatchObject([{ action: 'Home library service', owner: 'Libraries team', forWhom: 'Housebound residents of Hale' }]);
		expect((await mitigations.listFor(db, P, [option.id, 999])).get(option.id)).toHaveLength(1);
		const baseline = await scenarios.ensureBaseline(db, P);
		await expect(mitigations.create(db, TEST_ACTOR, P, baseline.id, { action: 'x', owner: 'y', forWhom: 'z' })).rejects.toThrow(/needs no mitigations/);
		expect(await mitigations.remove(db, TEST_ACTOR, P, baseline.id, m.id)).toBe(false);
		expect(await mitigations.remove(db, TEST_ACTOR, P, option.id, m.id)).toBe(true);
	});
});
