import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDb, type Db } from '$lib/server/db';
import * as t from '$lib/server/db/schema';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData } from '$lib/server/seed';
import * as partners from '$lib/server/partners';
import { PartnerInputError } from '$lib/server/partners';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import { MAX_NAME_CHARS } from '$lib/limits';
import { defaultParameters } from '$lib/engine/parameters';

function issuesOf(fn: () => unknown): Record<string, string> {
	try {
		fn();
	} catch (error) {
		if (error instanceof PartnerInputError) return Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
		throw error;
	}
	throw new Error('expected the change to be refused');
}

describe('partners', () => {
	let db: Db;
	beforeEach(() => {
		db = openDb(':memory:');
		ensureDemoData(db);
	});

	it('adds a partner that occupies nothing, with an id from its name, and lists it with no buildings', () => {
		const lsp = partners.add(db, P, { name: '  Trafford  Partnership ', kind: 'strategic_partnership' });
		expect(lsp).toMatchObject({ id: 'trafford:trafford-partnership', name: 'Trafford Partnership', kind: 'strategic_partnership' });
		const listed = partners.list(db, P).find((p) => p.id === lsp.id)!;
		expect(listed).toMatchObject({ buildings: 0, pilotShares: 0 });
		expect(partners.list(db, P).find((p) => p.id === 'trafford-council')!.buildings).toBeGreaterThan(10);
	});

	it('refuses an empty name, a name over the limit, a name already taken (any case) and an unknown kind', () => {
		expect(issuesOf(() => partners.add(db, P, { name: ' ', kind: 'council' }))).toEqual({ name: expect.stringContaining('Enter') });
		expect(issuesOf(() => partners.add(db, P, { name: 'x'.repeat(MAX_NAME_CHARS + 1), kind: 'council' })).name).toContain(`${MAX_NAME_CHARS} characters`);
		expect(issuesOf(() => partners.add(db, P, { name: 'post office ltd', kind: 'other' })).name).toContain('"Post Office Ltd"');
		expect(issuesOf(() => partners.add(db, P, { name: 'Oaklands College', kind: 'university' })).kind).toContain('"university"');
		expect(partners.list(db, P)).toHaveLength(11);
	});

	it('renames a partner keeping its id, so its buildings stay with it', () => {
		const before = partners.list(db, P).find((p) => p.id === 'voluntary-sector')!;
		partners.update(db, P, 'voluntary-sector', { name: 'Trafford voluntary and community sector', kind: 'voluntary' });
		const after = partners.list(db, P).find((p) => p.id === 'voluntary-sector')!;
		expect(after.name).toBe('Trafford voluntary and community sector');
		expect(after.buildings).toBe(before.buildings);
		// Renaming to its own name in another case is not a clash with itself.
		expect(partners.update(db, P, 'voluntary-sector', { name: 'TRAFFORD voluntary and community sector', kind: 'voluntary' }).name).toBe('TRAFFORD voluntary and community sector');
	});

	it('merges one partner into another in one go: buildings, pilot cost shares (summed on a shared line) and agreed shares move', () => {
		const cvs = partners.add(db, P, { name: 'Trafford CVS', kind: 'voluntary' });
		const scenario = scenarios.create(db, P, {
			name: 'Agreed split',
			parameters: { ...defaultParameters(), appraisal: { ...defaultParameters().appraisal, partnerSplit: 'agreed', agreedShares: { [cvs.id]: 0.25, 'voluntary-sector': 0.25, 'trafford-council': 0.5 } } }
		});
		const cost = pilots.createCost(db, P, scenario.id, { label: 'Pilot', amountGbp: '60000', contributions: { [cvs.id]: '10000', 'voluntary-sector': '15000', 'trafford-council': '35000' } });
		const hubs = db.select().from(t.site).where(eq(t.site.organisationId, 'voluntary-sector')).all();
		db.update(t.site).set({ organisationId: cvs.id }).where(eq(t.site.id, hubs[0].id)).run();

		const result = partners.merge(db, P, cvs.id, 'voluntary-sector');
		expect(result).toMatchObject({ removedName: 'Trafford CVS', buildings: 1, pilotShares: 1, scenarios: 1 });
		expect(db.select().from(t.organisation).where(eq(t.organisation.id, cvs.id)).all()).toEqual([]);
		expect(db.select().from(t.site).where(eq(t.site.organisationId, 'voluntary-sector')).all()).toHaveLength(hubs.length);
		const shares = pilots.listCosts(db, P, scenario.id).find((c) => c.id === cost.id)!.contributions;
		expect(shares.map((c) => [c.organisationId, c.amountGbp])).toEqual([['trafford-council', 35000], ['voluntary-sector', 25000]]);
		const saved = scenarios.get(db, P, scenario.id);
		expect(saved.parameters.appraisal.agreedShares).toEqual({ 'voluntary-sector': 0.5, 'trafford-council': 0.5 });
		expect(saved.version).toBe(scenario.version + 1);
	});

	it('refuses to merge a partner into itself or into one that does not exist, changing nothing', () => {
		expect(issuesOf(() => partners.merge(db, P, 'dwp', 'dwp')).into).toContain('itself');
		expect(issuesOf(() => partners.merge(db, P, 'dwp', 'nobody')).id).toContain('"nobody"');
		expect(partners.list(db, P).find((p) => p.id === 'dwp')!.buildings).toBeGreaterThan(0);
	});
});
