import { describe, expect, it } from 'vitest';
import { defaultParameters, evaluateScenario, haversineM, prepareEstate, METRES_PER_MILE } from '../../../src/lib/engine';
import { packData } from './fixtures';

const data = await packData('trafford');
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

describe('Trafford open-data pack', async () => {
	const result = evaluateScenario(estate, [], defaultParameters());
	const postOffice = result.services.find((s) => s.service === 'post_office')!;

	it('has the pack’s 139 zones, 308 sites and 15 kinds (16 services with the council offices’ staff)', async () => {
		expect(data.zones).toHaveLength(139);
		expect(data.sites).toHaveLength(308);
		expect(result.services).toHaveLength(16);
	});

	it('gives the same 1-mile post office coverage as an all-pairs haversine count', async () => {
		const expected = bruteForceShare('post_office', METRES_PER_MILE);
		expect(postOffice.coverage[0].thresholdM).toBe(METRES_PER_MILE);
		expect(postOffice.coverage[0].share).toBeCloseTo(expected, 12);
		// An urban borough with 27 post offices: most, but not all, residents live within a mile.
		expect(postOffice.coverage[0].share).toBeGreaterThan(0.6);
		expect(postOffice.coverage[0].share).toBeLessThan(1);
		console.log('Trafford post office coverage within 1 mile:', postOffice.coverage[0].share);
	});

	it('puts every Trafford resident within 3 miles of a post office', async () => {
		expect(postOffice.coverage[1].share).toBeCloseTo(bruteForceShare('post_office', 3 * METRES_PER_MILE), 12);
		expect(postOffice.unreachable).toBe(0);
	});
});

describe('Greater Manchester open-data pack', async () => {
	const gm = await packData('greater-manchester');
	const gmEstate = prepareEstate(gm);

	it('finds each zone’s nearest open post office exactly after closing every other one', async () => {
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

describe('Trafford access by group', async () => {
	it('gives the most deprived residents’ 1-mile library coverage as an all-pairs count does', async () => {
		const r = evaluateScenario(estate, [], defaultParameters(), { services: ['library'] });
		const libraries = data.sites.filter((s) => s.kind === 'library');
		let covered = 0;
		let total = 0;
		for (const z of data.zones) {
			const w = z.groups.deprived ?? 0;
			total += w;
			if (Math.min(...libraries.map((s) => haversineM(z.lon, z.lat, s.lon, s.lat))) <= METRES_PER_MILE) covered += w;
		}
		const deprived = r.services[0].groups.deprived!;
		expect(deprived.population).toBe(total);
		expect(total).toBeGreaterThan(0);
		expect(deprived.coverage[0].share).toBeCloseTo(covered / total, 12);
		expect(Object.keys(r.services[0].groups).sort()).toEqual(['age65', 'age75', 'badHealth', 'deprived', 'disabled', 'noCar']);
	});
});

describe('determinism', async () => {
	it('gives byte-identical JSON for the same Trafford scenario on separately prepared estates', async () => {
		const libraries = data.sites.filter((s) => s.kind === 'library').map((s) => s.ref);
		const hub = data.sites.find((s) => s.kind === 'community_hub')!.ref;
		const actions = [
			{ type: 'close' as const, siteRef: libraries[1] },
			{ type: 'move' as const, fromSiteRef: libraries[2], toSiteRef: hub, service: 'library' },
			{ type: 'hub' as const, siteRef: hub }
		];
		const once = JSON.stringify(evaluateScenario(prepareEstate(await packData('trafford')), actions, defaultParameters()));
		const again = JSON.stringify(evaluateScenario(prepareEstate(await packData('trafford')), actions, defaultParameters()));
		expect(once).toBe(again);
		expect(JSON.parse(once).colocation[0].hubRef).toBe(hub);
	});
});
