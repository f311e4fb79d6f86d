import { describe, expect, it } from 'vitest';
import { defaultParameters, evaluateScenario } from '../../../src/lib/engine';
import type { EngineData } from '../../../src/lib/engine';
import { site, zone } from './fixtures';

/** Two zones, two libraries, and a matrix in which the farther library is the quicker one. */
function matrixEstate(): EngineData {
	return {
		zones: [zone('z1', -2.3, 53.4, 100), zone('z2', -2.2, 53.4, 300)],
		sites: [site('near', -2.3, 53.401, ['library']), site('far', -2.2, 53.401, ['library'])],
		organisations: [],
		matrix: {
			mode: 'public_transport',
			zoneCodes: ['z1', 'z2'],
			siteRefs: ['near', 'far'],
			// z1: near 20 min, far 12 min; z2: near no route, far 40 min.
			minutes: [20, 12, NaN, 40]
		}
	};
}

const params = () => {
	const p = defaultParameters();
	p.distance.mode = 'matrix';
	return p;
};

describe('travel-time matrix mode', () => {
	it('uses the matrix minutes, not distance, and minute thresholds', async () => {
		const r = evaluateScenario(matrixEstate(), [], params());
		expect(r.zoneAccess[0]).toMatchObject({ unit: 'min', before: [12, 40] });
		const [library] = r.services;
		expect(library.coverage).toEqual([
			{ thresholdMin: 15, population: 100, share: 0.25 },
			{ thresholdMin: 30, population: 100, share: 0.25 }
		]);
		// Mean (100 × 12 + 300 × 40) ÷ 400 = 33; p90 = 40.
		expect(library).toMatchObject({ meanMinutes: 33, p90Minutes: 40, meanDistanceM: null });
	});

	it('treats a "no route" entry as unreachable', async () => {
		const r = evaluateScenario(matrixEstate(), [{ type: 'close', siteRef: 'far' }], params());
		expect(r.zoneAccess[0].after).toEqual([20, null]);
		expect(r.services[0].unreachable).toBe(300);
	});

	it('estimates a new site’s minutes from the matrix’s median straight-line speed, with a warning', async () => {
		const r = evaluateScenario(
			matrixEstate(),
			[{ type: 'add', site: { ref: 'new', name: 'New', kind: 'library', lon: -2.2, lat: 53.4, giaM2: null, annualRunningCostGbp: null, services: [{ service: 'library', visitsPerWeek: null, spaceM2: null, staffFte: null }] } }],
			params()
		);
		// The new library stands on z2's centroid: 0 m, so 0 minutes.
		expect(r.zoneAccess[0].after[1]).toBe(0);
		expect(r.warnings.join(' ')).toMatch(/1 site is not in the travel-time matrix; their times are estimated/);
	});

	it('rejects a matrix of the wrong size, naming the sizes', async () => {
		const data = matrixEstate();
		data.matrix!.minutes = [1, 2, 3];
		expect(() => evaluateScenario(data, [], params())).toThrow(/has 3 entries; 2 zones × 2 sites needs 4/);
	});
});
