import { describe, expect, it } from 'vitest';
import { defaultParameters, evaluateScenario, GROUP_KEYS } from '../../../src/lib/engine';
import type { EngineData } from '../../../src/lib/engine';
import { site, zone } from './fixtures';

const params = defaultParameters();

describe('empty and degenerate inputs give defined results', () => {
	it('no zones and no sites: no services, nothing displaced, zero NPV', async () => {
		const r = evaluateScenario({ zones: [], sites: [], organisations: [] }, [], params);
		expect(r.services).toEqual([]);
		expect(r.zoneAccess).toEqual([]);
		expect(r.footfall.displacedVisitsPerWeek).toBe(0);
		expect(r.appraisal.npvGbp).toBe(0);
		expect(r.appraisal.paybackYear).toBe(0);
		expect(r.appraisal.cashFlows).toHaveLength(params.appraisal.periodYears + 1);
	});

	it('no zones: shares are 0, figures null, and closed visits are lost with a warning', async () => {
		const data: EngineData = { zones: [], sites: [site('a', -2.3, 53.4, ['library'])], organisations: [] };
		const r = evaluateScenario(data, [{ type: 'close', siteRef: 'a' }], params);
		expect(r.services[0]).toMatchObject({ population: 0, unreachable: 0, meanDistanceM: null, p90DistanceM: null });
		expect(r.services[0].coverage.map((c) => c.share)).toEqual([0, 0]);
		expect(r.footfall.lostVisitsPerWeek).toBe(100);
		expect(r.warnings.join(' ')).toMatch(/no zones/);
	});

	it('a requested service no site offers: everyone unreachable, figures null', async () => {
		const data: EngineData = { zones: [zone('z', -2.3, 53.4, 500)], sites: [], organisations: [] };
		const [s] = evaluateScenario(data, [], params, { services: ['library'] }).services;
		expect(s).toMatchObject({ service: 'library', population: 500, unreachable: 500, meanDistanceM: null, p90DistanceM: null });
		expect(s.coverage).toEqual([
			{ thresholdM: 1609.344, population: 0, share: 0 },
			{ thresholdM: 4828.032, population: 0, share: 0 }
		]);
	});

	it('zero population: shares 0 and no mean, but nearest distances still reported per zone', async () => {
		const data: EngineData = {
			zones: [zone('z', -2.3, 53.4, 0)],
			sites: [site('a', -2.3, 53.41, ['library'])],
			organisations: []
		};
		const r = evaluateScenario(data, [], params);
		expect(r.services[0]).toMatchObject({ population: 0, meanDistanceM: null, p90DistanceM: null });
		expect(r.zoneAccess[0].before[0]).toBeCloseTo(1111.95, 1);
		// With no one in the catchment, the closed site's visits come from the nearest zone.
		const closed = evaluateScenario(data, [{ type: 'close', siteRef: 'a' }], params);
		expect(closed.footfall.lostVisitsPerWeek + closed.footfall.shiftedToPhoneVisitsPerWeek + closed.footfall.shiftedToWebVisitsPerWeek).toBeCloseTo(100, 9);
	});

	it('a single zone: mean and p90 are its own distance', async () => {
		const data: EngineData = {
			zones: [zone('z', -2.3, 53.4, 10)],
			sites: [site('a', -2.3, 53.41, ['library']), site('b', -2.3, 53.42, ['library'])],
			organisations: []
		};
		const [s] = evaluateScenario(data, [], params).services;
		expect(s.meanDistanceM).toBe(s.p90DistanceM);
		expect(s.meanDistanceM).toBeCloseTo(1111.95, 1);
		expect(s.groups).toEqual({});
	});

	it('reports a group only when the zone data carries it', async () => {
		const data: EngineData = {
			zones: [zone('z', -2.3, 53.4, 10, { groups: { age65: 4, noCar: 1 } })],
			sites: [site('a', -2.3, 53.41, ['library'])],
			organisations: []
		};
		const [s] = evaluateScenario(data, [], params).services;
		expect(Object.keys(s.groups).sort()).toEqual(['age65', 'noCar']);
		expect(GROUP_KEYS).toContain('noCar');
		expect(s.groups.age65?.population).toBe(4);
	});

	it('rejects a site without valid coordinates and duplicate refs, naming them', async () => {
		const bad: EngineData = { zones: [], sites: [site('a', NaN, 53.4, ['library'])], organisations: [] };
		expect(() => evaluateScenario(bad, [], params)).toThrow("Site 'a' has invalid coordinates (NaN, 53.4)");
		const twice: EngineData = { zones: [], sites: [site('a', -2, 53, ['x']), site('a', -2, 53, ['x'])], organisations: [] };
		expect(() => evaluateScenario(twice, [], params)).toThrow("Duplicate site ref 'a' (items 0 and 1)");
	});

	it('rejects invalid parameters and matrix mode without a matrix, naming the problem', async () => {
		const p = defaultParameters();
		p.thresholdsM = [];
		expect(() => evaluateScenario({ zones: [], sites: [], organisations: [] }, [], p)).toThrow(/thresholdsM: Give at least one threshold/);
		const m = defaultParameters();
		m.distance.mode = 'matrix';
		expect(() => evaluateScenario({ zones: [], sites: [], organisations: [] }, [], m)).toThrow(/needs a travel-time matrix/);
	});
});
