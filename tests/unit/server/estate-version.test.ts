import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { t } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData } from '$lib/server/seed';
import { contextLayerJson, estateVersion, listContextLayerNames, renewEstateVersion } from '$lib/server/estate';
import { byEstateVersion } from '$lib/server/estate-cache';
import { openTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

describe('the estate version', async () => {
	const db = await openTestDb();
	await ensureDemoData(db, TEST_ACTOR);

	it('is set by seeding, stays put while nothing changes, and is renewed on request', async () => {
		const seeded = await estateVersion(db, P);
		expect(seeded).toMatch(/^[0-9a-f-]{36}$/);
		expect(await estateVersion(db, P)).toBe(seeded);
		const renewed = await renewEstateVersion(db, P);
		expect(renewed).not.toBe(seeded);
		expect(await estateVersion(db, P)).toBe(renewed);
	});

	it('is given to a database from before versions existed (stored as empty) on first read', async () => {
		await db.update(t.partnership).set({ estateVersion: '' }).where(eq(t.partnership.id, P));
		const given = await estateVersion(db, P);
		expect(given).toMatch(/^[0-9a-f-]{36}$/);
		expect((await db.select().from(t.partnership).where(eq(t.partnership.id, P)))[0]!.estateVersion).toBe(given);
	});

	it('names the partnership it cannot find', async () => {
		await expect(estateVersion(db, 'nowhere')).rejects.toThrow('No partnership "nowhere" in the database.');
	});

	it('keys the estate cache: a value is made once per version', async () => {
		let made = 0;
		const make = async () => ++made;
		expect([await byEstateVersion(db, P, 'test', make), await byEstateVersion(db, P, 'test', make)]).toEqual([1, 1]);
		await renewEstateVersion(db, P);
		expect(await byEstateVersion(db, P, 'test', make)).toBe(2);
	});
});

describe('context layers', async () => {
	const db = await openTestDb();
	await ensureDemoData(db, TEST_ACTOR);

	it('are listed by name without their GeoJSON, and one is served as the stored text', async () => {
		const names = await listContextLayerNames(db, P);
		expect(names).toContain('boundary');
		expect(names).toEqual([...names].sort());
		const stored = (await db.select().from(t.contextLayer).where(eq(t.contextLayer.name, 'boundary')))[0]!;
		expect(JSON.parse((await contextLayerJson(db, P, 'boundary'))!)).toEqual(stored.geojson);
		expect(await contextLayerJson(db, P, 'no-such-layer')).toBeNull();
	});
});
