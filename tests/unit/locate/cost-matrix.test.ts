import { describe, expect, it } from 'vitest';
import { checkThreshold, distanceProblem, serviceProblem, visitCapacity, zoneWeights } from '../../../src/lib/engine/locate/cost-matrix';
import { haversineM } from '../../../src/lib/engine/geo/distance';
import type { EngineData, SiteInput, ZoneInput } from '../../../src/lib/engine/types';

const zone = (population: number, groups: ZoneInput['groups']): ZoneInput => ({
	code: 'z', lon: -2.3, lat: 53.4, population, groups, share65Plus: 0, imdDecile: null
});

describe('distanceProblem', () => {
	it('lays costs out demand-major in great-circle metres, scaled by circuity', async () => {
		const demand = [{ lon: -2.35, lat: 53.39 }, { lon: -2.3, lat: 53.45 }];
		const candidates = [{ lon: -2.32, lat: 53.43 }, { lon: -2.4, lat: 53.4 }, { lon: -2.3, lat: 53.45 }];
		const problem = distanceProblem(demand, new Float64Array([1, 2]), candidates, { circuity: 1.3 });
		expect(problem.cost).toHaveLength(6);
		expect(problem.cost[1 * 3 + 0]).toBeCloseTo(1.3 * haversineM(-2.3, 53.45, -2.32, 53.43), 6);
		expect(problem.cost[1 * 3 + 2]).toBe(0);
	});

	it('refuses a circuity below 1, mismatched weights and no candidates', async () => {
		const one = [{ lon: 0, lat: 0 }];
		expect(() => distanceProblem(one, new Float64Array([1]), one, { circuity: 0.5 })).toThrow('circuity must be a finite number ≥ 1, got 0.5.');
		expect(() => distanceProblem(one, new Float64Array([1, 2]), one)).toThrow('weights has 2 entries; expected one per demand point (1).');
		expect(() => distanceProblem(one, new Float64Array([1]), [])).toThrow('There are no candidate sites to choose from.');
	});
});

describe('zoneWeights', () => {
	it('counts group members factor times and leaves zones without the group alone', async () => {
		const weights = zoneWeights([zone(1000, { age65: 200 }), zone(500, {})], { age65: 2 });
		expect(Array.from(weights)).toEqual([1200, 500]);
	});
	it('names an unknown group or a factor below 1', async () => {
		expect(() => zoneWeights([zone(1, {})], { teenagers: 2 } as never)).toThrow('Unknown group "teenagers"');
		expect(() => zoneWeights([zone(1, {})], { age75: 0.5 })).toThrow('The weight for group age75 must be a finite number ≥ 1, got 0.5.');
	});
});

describe('serviceProblem', () => {
	it('names the services on offer when asked for one nobody offers', async () => {
		const data: EngineData = {
			zones: [zone(10, {})],
			sites: [{ ref: 'a', name: 'A', kind: 'library', lon: -2.3, lat: 53.4, giaM2: null, desks: null, visitCapacityPerWeek: null, annualRunningCostGbp: null, organisationId: null, services: [{ service: 'library', visitsPerWeek: null, spaceM2: null, staffFte: null }] }],
			organisations: []
		};
		expect(serviceProblem(data, 'library').candidates.map((s) => s.ref)).toEqual(['a']);
		expect(() => serviceProblem(data, 'dentist')).toThrow('No building offers the service "dentist"; services offered are library.');
		expect(() => serviceProblem(data, 'library', { candidateKinds: ['school'] })).toThrow('No buildings of kind "school"; kinds are library.');
	});
});

describe('serviceProblem distance modes', () => {
	const library = (ref: string, lon: number): SiteInput => ({
		ref, name: ref, kind: 'library', lon, lat: 53.4, giaM2: null, desks: null, visitCapacityPerWeek: null, annualRunningCostGbp: null,
		organisationId: null, services: [{ service: 'library', visitsPerWeek: null, spaceM2: null, staffFte: null }]
	});
	const area = (code: string, lon: number): ZoneInput => ({ code, lon, lat: 53.4, population: 100, groups: {}, share65Plus: 0, imdDecile: null });
	/**
	 * Areas x and y and libraries a, b, c on one line of latitude, 0.05° (3.3 km) apart: x a y b c.
	 * The matrix times a and b at 3.3 km per 10 minutes, but has no route from y to a; it lacks c,
	 * which the engine estimates at that median speed: x → c ≈ 40 minutes, y → c ≈ 20.
	 */
	const data: EngineData = {
		zones: [area('x', -2.4), area('y', -2.3)],
		sites: [library('a', -2.35), library('b', -2.25), library('c', -2.2)],
		organisations: [],
		matrix: { mode: 'public_transport', zoneCodes: ['x', 'y'], siteRefs: ['a', 'b'], minutes: [10, 30, -1, 10] }
	};

	it('times pairs from the matrix, estimates the building it lacks as the engine does, and prices a pair with no route above every time', async () => {
		const { problem, distance } = serviceProblem(data, 'library', { distanceMode: 'matrix' });
		expect(distance).toMatchObject({ mode: 'matrix', unit: 'min', circuity: null, matrixMode: 'public_transport', estimatedPairs: 2, noRoutePairs: 1 });
		const [xa, xb, xc, ya, yb, yc] = Array.from(problem.cost);
		expect([xa, xb, yb]).toEqual([10, 30, 10]);
		expect(xc).toBeCloseTo(40, 1);
		expect(yc).toBeCloseTo(20, 1);
		// No route from y to a: twice the longest time (x → c), so above every real trip.
		expect(distance.noRouteMinutes).toBe(2 * xc);
		expect(ya).toBe(distance.noRouteMinutes);
	});

	it('refuses matrix mode without a matrix, and a circuity outside road mode', async () => {
		const { matrix: _, ...plain } = data;
		expect(() => serviceProblem(plain, 'library', { distanceMode: 'matrix' })).toThrow(
			"Distance mode 'matrix' needs an imported travel-time matrix, and none has been imported; import one (zone, site, minutes) or use distance mode straight or road."
		);
		expect(() => serviceProblem(data, 'library', { distanceMode: 'matrix', circuity: 1.3 })).toThrow('A circuity (1.3) applies to distance mode road only, not matrix.');
	});

	it('scales metres by the engine’s road circuity (1.3) in road mode, and reads a bare circuity as road', async () => {
		const road = serviceProblem(data, 'library', { distanceMode: 'road' });
		expect(road.distance).toEqual({ mode: 'road', unit: 'm', circuity: 1.3, matrixMode: null, estimatedPairs: 0, noRoutePairs: 0, noRouteMinutes: null });
		expect(road.problem.cost[1]).toBeCloseTo(1.3 * haversineM(-2.4, 53.4, -2.25, 53.4), 6);
		expect(serviceProblem(data, 'library', { circuity: 1.5 }).distance).toMatchObject({ mode: 'road', circuity: 1.5 });
		expect(serviceProblem(data, 'library').distance).toMatchObject({ mode: 'straight', unit: 'm', circuity: null });
	});

	it('shares visits among the areas nearest each library by the same measure as the trips (matrix minutes here)', async () => {
		const visited: EngineData = {
			...data,
			sites: data.sites.map((site, i) => ({
				...site,
				visitCapacityPerWeek: 100,
				services: [{ ...site.services[0], visitsPerWeek: [50, 70, 30][i] }]
			}))
		};
		const { demand } = visitCapacity(visited, serviceProblem(visited, 'library', { distanceMode: 'matrix' }), 'library', []).problem.capacity!;
		// By the matrix, x's nearest library is a (10 min) and y's is b (10 min; no route to a). c is nobody's
		// nearest, so its 30 visits go to the area whose centre is nearest it, y: x 50, y 70 + 30.
		expect(Array.from(demand)).toEqual([50, 100]);
	});

	it('refuses a coverage threshold that would reach the pairs with no route', async () => {
		const built = serviceProblem(data, 'library', { distanceMode: 'matrix' });
		expect(() => checkThreshold(built, built.distance.noRouteMinutes! - 0.5)).not.toThrow();
		expect(() => checkThreshold(built, built.distance.noRouteMinutes!)).toThrow('would count the 1 zone–building pairs with no route');
		expect(() => checkThreshold(serviceProblem(data, 'library'), 1e9)).not.toThrow();
	});
});

describe('visitCapacity', () => {
	const library = (ref: string, lon: number, visitsPerWeek: number | null, visitCapacityPerWeek: number | null): SiteInput => ({
		ref, name: ref.toUpperCase(), kind: 'library', lon, lat: 53.4, giaM2: null, desks: null, visitCapacityPerWeek, annualRunningCostGbp: null,
		organisationId: null, services: [{ service: 'library', visitsPerWeek, spaceM2: null, staffFte: null }]
	});
	const area = (code: string, lon: number, population: number): ZoneInput => ({ code, lon, lat: 53.4, population, groups: {}, share65Plus: 0, imdDecile: null });
	/**
	 * On one line of latitude: areas w (1,000 residents) at −2.40 and v (3,000) at −2.36 nearest library a
	 * (−2.39, 400 visits a week); area m (2,000) at −2.30 nearest b (−2.31, 500 visits); area e (no
	 * residents) at −2.20 nearest c (−2.21, 100 visits). A jobcentre's visits belong to another service.
	 */
	function estate(over: Partial<Record<'a' | 'b' | 'c', [number | null, number | null]>> = {}): EngineData {
		const figures = { a: [400, 600], b: [500, 500], c: [100, 300], ...over };
		const jobcentre = library('jcp', -2.3, 900, 1000);
		return {
			zones: [area('w', -2.4, 1000), area('v', -2.36, 3000), area('m', -2.3, 2000), area('e', -2.2, 0)],
			sites: [
				library('a', -2.39, ...(figures.a as [number, number])),
				library('b', -2.31, ...(figures.b as [number, number])),
				library('c', -2.21, ...(figures.c as [number, number])),
				{ ...jobcentre, kind: 'jobcentre', services: [{ ...jobcentre.services[0], service: 'jobcentre' }] }
			],
			organisations: []
		};
	}

	it('gives each area the visits it makes today, split by population among each library’s nearest areas, keeping the total', async () => {
		const data = estate();
		const built = visitCapacity(data, serviceProblem(data, 'library'), 'library', []);
		const { capacity, demand } = built.problem.capacity!;
		// a's 400 split 1,000 : 3,000 between w and v; b's 500 all to m; c's catchment has no residents,
		// so its 100 go to the area whose centre is nearest it, e (as closures attribute them).
		expect(Array.from(demand)).toEqual([100, 300, 500, 100]);
		expect(demand.reduce((sum, x) => sum + x, 0)).toBe(400 + 500 + 100);
		expect(Array.from(capacity)).toEqual([600, 500, 300]);
		// The residents still weigh the trips; only the capacities are in visits.
		expect(Array.from(built.problem.weights)).toEqual([1000, 3000, 2000, 0]);
	});

	it('says when the service has no visit figures at all, or names the sites without them', async () => {
		const none = estate({ a: [null, 600], b: [null, 500], c: [null, 300] });
		expect(() => visitCapacity(none, serviceProblem(none, 'library'), 'library', [])).toThrow(
			'The service "library" has no visit figures: none of its 3 current sites records visits per week. Import them (an estimate is fine) or limit hubs by floor area.'
		);
		const partly = estate({ b: [null, 500] });
		expect(() => visitCapacity(partly, serviceProblem(partly, 'library'), 'library', [])).toThrow(
			'No visits per week to the service "library" are recorded for 1 current site: B (b). Record them (an estimate is fine) or limit hubs by floor area.'
		);
		// Jobcentres as candidates for a service nobody offers: there are no visits to share.
		const data = estate();
		expect(() => visitCapacity(data, serviceProblem(data, 'dentist', { candidateKinds: ['library'] }), 'dentist', [])).toThrow(
			'No building offers the service "dentist" today, so there are no visits per week to share among zones; limit hubs by floor area instead.'
		);
	});

	it('takes the recorded visits of the other services a building hosts off its capacity, as the load check counts them', async () => {
		const data = estate();
		// a also hosts a jobcentre counter (250 a week) and b a post office with more visits than room.
		data.sites[0].services.push({ service: 'jobcentre', visitsPerWeek: 250, spaceM2: null, staffFte: null });
		data.sites[1].services.push({ service: 'post_office', visitsPerWeek: 800, spaceM2: null, staffFte: null });
		data.sites[2].services.push({ service: 'post_office', visitsPerWeek: null, spaceM2: null, staffFte: null });
		const { capacity, demand } = visitCapacity(data, serviceProblem(data, 'library'), 'library', []).problem.capacity!;
		expect(Array.from(capacity)).toEqual([600 - 250, 0, 300]);
		// The library's own visits are demand to place, not taken off.
		expect(demand.reduce((sum, x) => sum + x, 0)).toBe(400 + 500 + 100);
	});

	it('names the candidates without a visit capacity, unless they are must-close', async () => {
		const data = estate({ c: [100, null] });
		const built = serviceProblem(data, 'library');
		expect(() => visitCapacity(data, built, 'library', [])).toThrow(
			'No visit capacity per week is recorded for 1 candidate building: C (c). Record one (an estimate is fine) or mark them must-not-choose.'
		);
		expect(Array.from(visitCapacity(data, built, 'library', [2]).problem.capacity!.capacity)).toEqual([600, 500, NaN]);
	});
});
