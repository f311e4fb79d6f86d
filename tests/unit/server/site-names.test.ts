import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { t } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData, seedPack } from '$lib/server/seed';
import { applyDistinctNames, distinctNames } from '$lib/server/site-names';
import { openTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

const lower = (names: string[]) => names.map((n) => n.trim().toLowerCase());
const allDistinct = (names: string[]) => new Set(lower(names)).size === names.length;

describe('distinct building names', async () => {
	it('qualifies shared names by place and postcode, adds the ref only where those are shared too, and leaves unique names alone', async () => {
		const names = distinctNames([
			{ ref: 'po-1', name: 'Post Office', place: 'Stretford', postcode: 'M32 0AB' },
			{ ref: 'po-2', name: 'Post Office', place: 'Sale', postcode: 'M33 7XZ' },
			{ ref: 'po-3', name: 'post office ', place: 'Sale', postcode: 'M33 7XZ' },
			{ ref: 'po-4', name: 'Post Office', place: null, postcode: null },
			{ ref: 'lib-sale', name: 'Sale Library', place: 'Sale', postcode: 'M33 7ZF' }
		]);
		expect(Object.fromEntries(names)).toEqual({
			'po-1': 'Post Office, Stretford (M32 0AB)',
			'po-2': 'Post Office, Sale (M33 7XZ) [po-2]',
			'po-3': 'post office, Sale (M33 7XZ) [po-3]',
			'po-4': 'Post Office [po-4]'
		});
		expect(distinctNames([{ ref: 'a', name: 'A', place: null, postcode: null }]).size).toBe(0);
		expect(distinctNames([]).size).toBe(0);
	});

	it('gives every Trafford building a distinct name, the post offices from their built-up area and nearest postcode, marked as derived', async () => {
		const db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		const sites = await db.select().from(t.site).where(eq(t.site.partnershipId, P));
		expect(sites).toHaveLength(308);
		expect(allDistinct(sites.map((s) => s.name))).toBe(true);
		const po = sites.find((s) => s.ref === 'po-0c5900ef')!;
		expect(po.name).toBe('Post Office, Old Trafford (M32 8GS)');
		expect(po.provenance.name).toMatchObject({ basis: 'derived' });
		expect(po.attributes.name_in_source).toBe('Post Office');
		const renamed = sites.filter((s) => s.provenance.name);
		expect(renamed).toHaveLength(48);
		// A building with a name of its own keeps it, with no derived mark.
		expect(sites.find((s) => s.ref === 'lib-altrincham')).toMatchObject({ name: 'Altrincham Library', provenance: expect.not.objectContaining({ name: expect.anything() }) });
	});

	it('brings an older database up to date on start, once: nothing lost, nothing duplicated, the second start changes nothing', async () => {
		const db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		// As an older version left it: every post office called "Post Office".
		await db.update(t.site).set({ name: 'Post Office' }).where(eq(t.site.kind, 'post_office'));
		expect(await ensureDemoData(db, TEST_ACTOR)).toContain('27 buildings given names they no longer share');
		const once = await db.select({ ref: t.site.ref, name: t.site.name }).from(t.site);
		expect(await ensureDemoData(db, TEST_ACTOR)).not.toContain('names');
		expect((await db.select({ ref: t.site.ref, name: t.site.name }).from(t.site))).toEqual(once);
		expect(once).toHaveLength(308);
		expect(await applyDistinctNames(db, P)).toBe(0);
	});

	it("gives Greater Manchester's 1,762 buildings distinct names too (the CLI's --data path), by ward where the pack has no built-up areas", async () => {
		const db = await openTestDb();
		await seedPack(db, TEST_ACTOR, 'data/greater-manchester', { id: 'gm', name: 'gm', areaCode: null });
		const sites = await db.select().from(t.site).where(eq(t.site.partnershipId, 'gm'));
		expect(sites).toHaveLength(1762);
		expect(allDistinct(sites.map((s) => s.name))).toBe(true);
		expect(sites.find((s) => s.ref === 'po-2d6b7fa1')!.name).toMatch(/^Post Office, Breightmet/);
	});
});
