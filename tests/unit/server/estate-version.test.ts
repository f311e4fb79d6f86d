import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDb } from '$lib/server/db';
import * as t from '$lib/server/db/schema';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData } from '$lib/server/seed';
import { contextLayerJson, estateVersion, listContextLayerNames, renewEstateVersion } from '$lib/server/estate';
import { byEstateVersion } from '$lib/server/estate-cache';

describe('the estate version', () => {
	const db = openDb(':memory:');
	ensureDemoData(db);

	it('is set by seeding, stays put while nothing changes, and is renewed on request', () => {
		const seeded = estateVersion(db, P);
		expect(seeded).toMatch(/^[0-9a-f-]{36}$/);
		expect(estateVersion(db, P)).toBe(seeded);
		const renewed = renewEstateVersion(db, P);
		expect(renewed).not.toBe(seeded);
		expect(estateVersion(db, P)).toBe(renewed);
	});

	it('is given to a database from before versions existed (stored as empty) on first read', () => {
		db.update(t.partnership).set({ estateVersion: '' }).where(eq(t.partnership.id, P)).run();
		const given = estateVersion(db, P);
		expect(given).toMatch(/^[0-9a-f-]{36}$/);
		expect(db.select().from(t.partnership).where(eq(t.partnership.id, P)).get()!.estateVersion).toBe(given);
	});

	it('names the partnership it cannot find', () => {
		expect(() => estateVersion(db, 'nowhere')).toThrow('No partnership "nowhere" in the database.');
	});

	it('keys the estate cache: a value is made once per version', () => {
		let made = 0;
		const make = () => ++made;
		expect([byEstateVersion(db, P, 'test', make), byEstateVersion(db, P, 'test', make)]).toEqual([1, 1]);
		renewEstateVersion(db, P);
		expect(byEstateVersion(db, P, 'test', make)).toBe(2);
	});
});

describe('context layers', () => {
	const db = openDb(':memory:');
	ensureDemoData(db);

	it('are listed by name without their GeoJSON, and one is served as the stored text', () => {
		const names = listContextLayerNames(db, P);
		expect(names).toContain('boundary');
		expect(names).toEqual([...names].sort());
		const stored = db.select().from(t.contextLayer).where(eq(t.contextLayer.name, 'boundary')).get()!;
		expect(JSON.parse(contextLayerJson(db, P, 'boundary')!)).toEqual(stored.geojson);
		expect(contextLayerJson(db, P, 'no-such-layer')).toBeNull();
	});
});
