import { describe, expect, it } from 'vitest';
import { distanceProblem, serviceProblem, zoneWeights } from '../../../src/lib/engine/locate/cost-matrix';
import { haversineM } from '../../../src/lib/engine/geo/distance';
import type { EngineData, ZoneInput } from '../../../src/lib/engine/types';

const zone = (population: number, groups: ZoneInput['groups']): ZoneInput => ({
	code: 'z', lon: -2.3, lat: 53.4, population, groups, share65Plus: 0, imdDecile: null
});

describe('distanceProblem', () => {
	it('lays costs out demand-major in great-circle metres, scaled by circuity', () => {
		const demand = [{ lon: -2.35, lat: 53.39 }, { lon: -2.3, lat: 53.45 }];
		const candidates = [{ lon: -2.32, lat: 53.43 }, { lon: -2.4, lat: 53.4 }, { lon: -2.3, lat: 53.45 }];
		const problem = distanceProblem(demand, new Float64Array([1, 2]), candidates, { circuity: 1.3 });
		expect(problem.cost).toHaveLength(6);
		expect(problem.cost[1 * 3 + 0]).toBeCloseTo(1.3 * haversineM(-2.3, 53.45, -2.32, 53.43), 6);
		expect(problem.cost[1 * 3 + 2]).toBe(0);
	});

	it('refuses a circuity below 1, mismatched weights and no candidates', () => {
		const one = [{ lon: 0, lat: 0 }];
		expect(() => distanceProblem(one, new Float64Array([1]), one, { circuity: 0.5 })).toThrow('circuity must be a finite number ≥ 1, got 0.5.');
		expect(() => distanceProblem(one, new Float64Array([1, 2]), one)).toThrow('weights has 2 entries; expected one per demand point (1).');
		expect(() => distanceProblem(one, new Float64Array([1]), [])).toThrow('There are no candidate sites to choose from.');
	});
});

describe('zoneWeights', () => {
	it('counts group members factor times and leaves zones without the group alone', () => {
		const weights = zoneWeights([zone(1000, { age65: 200 }), zone(500, {})], { age65: 2 });
		expect(Array.from(weights)).toEqual([1200, 500]);
	});
	it('names an unknown group or a factor below 1', () => {
		expect(() => zoneWeights([zone(1, {})], { teenagers: 2 } as never)).toThrow('Unknown group "teenagers"');
		expect(() => zoneWeights([zone(1, {})], { age75: 0.5 })).toThrow('The weight for group age75 must be a finite number ≥ 1, got 0.5.');
	});
});

describe('serviceProblem', () => {
	it('names the services on offer when asked for one nobody offers', () => {
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
