import { describe, expect, it } from 'vitest';
import { defaultParameters, evaluateScenario, haversineM, prepareEstate, METRES_PER_MILE } from '../../../src/lib/engine';
import { packData } from './fixtures';

const data = packData('trafford');
const estate = prepareEstate(data);

/** Share of population within `thresholdM` of the nearest site of `kind`, by brute force over all pairs. */
function bruteForceShare(kind: string, thresholdM: number): number {
	const sites = data.sites.filter((s) => s.kind === kind);
	let covered = 0;
	let total = 0;
	for (const z of data.zones) {
		const nearestM = Math.min(...sites.map((s) => haversineM(z.lon, z.lat, s.lon, s.lat)));
		total += z.population;
		if (nearestM <= thresholdM) covered += z.population;
	}
	return covered / total;
}

describe('Trafford open-data pack', () => {
	const result = evaluateScenario(estate, [], defaultParameters());
	const postOffice = result.services.find((s) => s.service === 'post_office')!;

	it('has the pack’s 139 zones, 308 sites and 15 kinds', () => {
		expect(data.zones).toHaveLength(139);
		expect(data.sites).toHaveLength(308);
		expect(result.services).toHaveLength(15);
	});

	it('gives the same 1-mile post office coverage as an all-pairs haversine count', () => {
		const expected = bruteForceShare('post_office', METRES_PER_MILE);
		expect(postOffice.coverage[0].thresholdM).toBe(METRES_PER_MILE);
		expect(postOffice.coverage[0].share).toBeCloseTo(expected, 12);
		// An urban borough with 27 post offices: most, but not all, residents live within a mile.
		expect(postOffice.coverage[0].share).toBeGreaterThan(0.6);
		expect(postOffice.coverage[0].share).toBeLessThan(1);
		console.log('Trafford post office coverage within 1 mile:', postOffice.coverage[0].share);
	});

	it('puts every Trafford resident within 3 miles of a post office', () => {
		expect(postOffice.coverage[1].share).toBeCloseTo(bruteForceShare('post_office', 3 * METRES_PER_MILE), 12);
		expect(postOffice.unreachable).toBe(0);
	});
});

describe('Greater Manchester open-data pack', () => {
	const gm = packData('greater-manchester');
	const gmEstate = prepareEstate(gm);

	it('finds each zone’s nearest open post office exactly after closing every other one', () => {
		const postOffices = gm.sites.filter((s) => s.kind === 'post_office');
		expect(postOffices.length).toBe(343);
		// Closing alternate post offices empties many zones' six-site lists, forcing index searches.
		const closed = postOffices.filter((_, i) => i % 2 === 0).map((s) => s.ref);
		const r = evaluateScenario(
			gmEstate,
			closed.map((siteRef) => ({ type: 'close' as const, siteRef })),
			defaultParameters(),
			{ services: ['post_office'] }
		);
		const open = postOffices.filter((s) => !closed.includes(s.ref));
		gm.zones.forEach((z, i) => {
			const brute = Math.min(...open.map((s) => haversineM(z.lon, z.lat, s.lon, s.lat)));
			expect(r.zoneAccess[0].after[i]).toBe(brute);
		});
		expect(r.services[0].coverage[0].share).toBeLessThan(r.services[0].baseline.coverage[0].share);
	});
});
