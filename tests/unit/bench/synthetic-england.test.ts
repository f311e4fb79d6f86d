import { describe, expect, it } from 'vitest';
import { and, count, eq, like } from 'drizzle-orm';
import { openDb, t } from '$lib/server/db';
import { ENGLAND_SCALE, syntheticEngland } from '../../bench/synthetic-england';
import { loadSyntheticEstate } from '../../bench/synthetic-england-load';

describe('the synthetic England-scale estate', () => {
	it('has England\'s 33,755 zones, 25,000 sites and 10 partnerships, the same for the same seed', () => {
		const estate = syntheticEngland();
		expect(estate).toHaveLength(ENGLAND_SCALE.partnerships);
		expect(estate.reduce((n, p) => n + p.zoneCount, 0)).toBe(33_755);
		expect(estate.reduce((n, p) => n + p.siteCount, 0)).toBe(25_000);
		expect(syntheticEngland()[7].sitesCsv).toBe(estate[7].sitesCsv);
		expect(syntheticEngland({ seed: 7 })[7].sitesCsv).not.toBe(estate[7].sitesCsv);
		// Zone codes are unique across the whole estate and never a real ONS code (E99 is no ONS prefix).
		const codes = estate.flatMap((p) => [...p.zonesGeojson.matchAll(/"code":"(E99\d{6})"/g)].map((m) => m[1]));
		expect(new Set(codes).size).toBe(33_755);
	});

	it('says it is synthetic in every partnership, zone and site name', () => {
		for (const p of syntheticEngland({ zones: 30, sites: 20, partnerships: 2 })) {
			expect(p.name).toMatch(/^Synthetic .*not real/);
			const zones = JSON.parse(p.zonesGeojson).features as { properties: { name: string } }[];
			expect(zones.every((z) => z.properties.name.startsWith('Synthetic zone'))).toBe(true);
			expect(p.sitesCsv.split('\n').slice(1, -1).every((line) => line.split(',')[1].startsWith('Synthetic '))).toBe(true);
		}
	});

	it('imports through the real import path with no problems, every row added', async () => {
		const db = await openDb(':memory:');
		const estate = syntheticEngland({ seed: 3, zones: 90, sites: 60, partnerships: 3 });
		const loaded = await loadSyntheticEstate(db, estate);
		expect(loaded.rows).toEqual({ zones: 90, sites: 60, services: estate.reduce((n, p) => n + p.serviceCount, 0) });
		for (const p of estate) {
			// Every site stands in one of its partnership's zones, so the import placed each in one.
			const [placed] = await db
				.select({ n: count() })
				.from(t.site)
				.where(and(eq(t.site.partnershipId, p.id), like(t.site.lsoaCode, 'E99%')));
			expect(placed.n).toBe(p.siteCount);
		}
	});
});
