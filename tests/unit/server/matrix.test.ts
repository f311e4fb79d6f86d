import { describe, expect, it } from 'vitest';
import { defaultParameters, evaluateScenario } from '$lib/engine';
import { loadEngineData } from '$lib/server/estate';
import { prepareImport } from '$lib/server/import';
import * as scenarios from '$lib/server/scenarios';
import { ScenarioInputError } from '$lib/server/scenarios';
import { demoDb, fixture, NOW } from '../import/helpers';
import { TEST_ACTOR } from '../../support/actor';

describe('an imported travel-time matrix', async () => {
	it('cannot be chosen before one is imported', async () => {
		const { db, partnershipId } = await demoDb();
		const parameters = defaultParameters();
		parameters.distance.mode = 'matrix';
		expect((await loadEngineData(db, partnershipId)).matrix).toBeUndefined();
		try {
			await scenarios.create(db, TEST_ACTOR, partnershipId, { name: 'By public transport', parameters });
			expect.unreachable();
		} catch (error) {
			expect((error as ScenarioInputError).issues).toEqual([
				expect.objectContaining({ path: 'parameters.distance.mode', message: expect.stringContaining('No travel-time matrix has been imported') })
			]);
		}
	});

	it('reaches the engine once imported, and access is then measured in its minutes', async () => {
		const { db, partnershipId } = await demoDb();
		const prepared = await prepareImport(db, partnershipId, { kind: 'matrix', file: fixture('matrix-long.csv'), options: { now: NOW } });
		expect(prepared.plan.problems).toEqual([]);
		await prepared.commit(TEST_ACTOR);

		const data = await loadEngineData(db, partnershipId);
		expect(data.matrix).toEqual({
			mode: 'public_transport',
			zoneCodes: ['E01006074', 'E01006075'],
			siteRefs: ['lib-altrincham', 'lib-coppice'],
			minutes: [12.5, 31, 6, 28]
		});
		const parameters = defaultParameters();
		parameters.distance.mode = 'matrix';
		expect((await scenarios.create(db, TEST_ACTOR, partnershipId, { name: 'By public transport', parameters })).parameters.distance.mode).toBe('matrix');

		// E01006075 is 6 minutes from Altrincham Library. Once it closes, the nearest library is one the
		// matrix does not cover, timed from the matrix's own median speed (under Coppice's 28 minutes).
		const zone = data.zones.findIndex((z) => z.code === 'E01006075');
		const result = evaluateScenario(data, [{ type: 'close', siteRef: 'lib-altrincham' }], parameters, { services: ['library'] });
		const library = result.zoneAccess.find((z) => z.service === 'library')!;
		expect(library.unit).toBe('min');
		expect(library.before[zone]).toBe(6);
		expect(library.after[zone]).toBeGreaterThan(6);
		expect(library.after[zone]).toBeLessThan(28);
		expect(result.warnings.join(' ')).toMatch(/not in the travel-time matrix|estimated/i);
	});
});
