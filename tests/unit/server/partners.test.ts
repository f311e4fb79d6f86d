import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { t } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID as P } from '$lib/server/seed';
import * as partners from '$lib/server/partners';
import { PartnerInputError } from '$lib/server/partners';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import { MAX_NAME_CHARS } from '$lib/limits';
import { defaultParameters } from '$lib/engine/parameters';
import { openDemoTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

async function issuesOf(fn: () => Promise<unknown>): Promise<Record<string, string>> {
	try {
		await fn();
	} catch (error) {
		if (error instanceof PartnerInputError) return Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
		throw error;
	}
	throw new Error('expected the change to be refused');
}

describe('partners', async () => {
	let db: Db;
	beforeEach(async () => {
		db = await openDemoTestDb();
	});

	it('adds a partner that occupies nothing, with an id from its name, and lists it with no buildings', async () => {
		const lsp = await partners.add(db, TEST_ACTOR, P, { name: '  Trafford  Partnership ', kind: 'strategic_partnership' });
		expect(lsp).toMatchObject({ id: 'trafford:trafford-partnership', name: 'Trafford Partnership', kind: 'strategic_partnership' });
		const listed = (await partners.list(db, P)).find((p) => p.id === lsp.id)!;
		expect(listed).toMatchObject({ buildings: 0, pilotShares: 0 });
		expect((await partners.list(db, P)).find((p) => p.id === 'trafford-council')!.buildings).toBeGreaterThan(10);
	});

	it('refuses an empty name, a name over the limit, a name already taken (any case) and an unknown kind', async () => {
		expect(await issuesOf(() => partners.add(db, TEST_ACTOR, P, { name: ' ', kind: 'council' }))).toEqual({ name: expect.stringContaining('Enter') });
		expect((await issuesOf(() => partners.add(db, TEST_ACTOR, P, { name: 'x'.repeat(MAX_NAME_CHARS + 1), kind: 'council' }))).name).toContain(`${MAX_NAME_CHARS} characters`);
		expect((await issuesOf(() => partners.add(db, TEST_ACTOR, P, { name: 'post office ltd', kind: 'other' }))).name).toContain('"Post Office Ltd"');
		expect((await issuesOf(() => partners.add(db, TEST_ACTOR, P, { name: 'Oaklands College', kind: 'university' }))).kind).toContain('"university"');
		expect(await partners.list(db, P)).toHaveLength(11);
	});

	it('renames a partner keeping its id, so its buildings stay with it', async () => {
		const before = (await partners.list(db, P)).find((p) => p.id === 'voluntary-sector')!;
		await partners.update(db, TEST_ACTOR, P, 'voluntary-sector', { name: 'Trafford voluntary and community sector', kind: 'voluntary' });
		const after = (await partners.list(db, P)).find((p) => p.id === 'voluntary-sector')!;
		expect(after.name).toBe('Trafford voluntary and community sector');
		expect(after.buildings).toBe(before.buildings);
		// Renaming to its own name in another case is not a clash with itself.
		expect((await partners.update(db, TEST_ACTOR, P, 'voluntary-sector', { name: 'TRAFFORD voluntary and community sector', kind: 'voluntary' })).name).toBe('TRAFFORD voluntary and community sector');
	});

	it('merges one partner into another in one go: buildings, pilot cost shares (summed on a shared line) and agreed shares move', async () => {
		const cvs = await partners.add(db, TEST_ACTOR, P, { name: 'Trafford CVS', kind: 'voluntary' });
		const scenario = await scenarios.create(db, TEST_ACTOR, P, {
			name: 'Agreed split',
			parameters: { ...defaultParameters(), appraisal: { ...defaultParameters().appraisal, partnerSplit: 'agreed', agreedShares: { [cvs.id]: 0.25, 'voluntary-sector': 0.25, 'trafford-council': 0.5 } } }
		});
		const cost = await pilots.createCost(db, TEST_ACTOR, P, scenario.id, { label: 'Pilot', amountGbp: '60000', contributions: { [cvs.id]: '10000', 'voluntary-sector': '15000', 'trafford-council': '35000' } });
		const hubs = await db.select().from(t.site).where(eq(t.site.organisationId, 'voluntary-sector'));
		await db.update(t.site).set({ organisationId: cvs.id }).where(eq(t.site.id, hubs[0].id));

		const result = await partners.merge(db, TEST_ACTOR, P, cvs.id, 'voluntary-sector');
		expect(result).toMatchObject({ removedName: 'Trafford CVS', buildings: 1, pilotShares: 1, scenarios: 1 });
		expect((await db.select().from(t.organisation).where(eq(t.organisation.id, cvs.id)))).toEqual([]);
		expect((await db.select().from(t.site).where(eq(t.site.organisationId, 'voluntary-sector')))).toHaveLength(hubs.length);
		const shares = (await pilots.listCosts(db, P, scenario.id)).find((c) => c.id === cost.id)!.contributions;
		expect(shares.map((c) => [c.organisationId, c.amountGbp])).toEqual([['trafford-council', 35000], ['voluntary-sector', 25000]]);
		const saved = await scenarios.get(db, P, scenario.id);
		expect(saved.parameters.appraisal.agreedShares).toEqual({ 'voluntary-sector': 0.5, 'trafford-council': 0.5 });
		expect(saved.version).toBe(scenario.version + 1);
	});

	it('refuses to merge a partner into itself or into one that does not exist, changing nothing', async () => {
		expect((await issuesOf(() => partners.merge(db, TEST_ACTOR, P, 'dwp', 'dwp'))).into).toContain('itself');
		expect((await issuesOf(() => partners.merge(db, TEST_ACTOR, P, 'dwp', 'nobody'))).id).toContain('"nobody"');
		expect((await partners.list(db, P)).find((p) => p.id === 'dwp')!.buildings).toBeGreaterThan(0);
	});
});
