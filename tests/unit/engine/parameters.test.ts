import { describe, expect, it } from 'vitest';
import { assumptionsFor, defaultParameters, validateParameters } from '../../../src/lib/engine';

describe('parameters', () => {
	it('defaults are valid and carry their published sources', async () => {
		const p = defaultParameters();
		expect(validateParameters(p)).toEqual([]);
		const byKey = Object.fromEntries(assumptionsFor(p).map((a) => [a.key, a]));
		expect(byKey['thresholdsM[0]']).toMatchObject({ value: 1609.344, source: expect.stringMatching(/Post Office network access criteria/) });
		expect(byKey['appraisal.discountRate'].source).toMatch(/Green Book/);
		expect(byKey['appraisal.optimismBias']).toMatchObject({ value: 0.24, source: expect.stringMatching(/optimism bias, standard buildings/) });
		expect(byKey['appraisal.unitCostGbp.faceToFace']).toMatchObject({ value: 8.62, source: expect.stringMatching(/Socitm \(2011\)/) });
		expect(byKey['distance.circuity'].source).toBe('Hubplan planning assumption (configurable)');
		expect(byKey['appraisal.fitOutGbpPerM2'].source).toBe('Hubplan planning assumption (configurable)');
	});

	it('lists every parameter as an assumption', async () => {
		const keys = assumptionsFor(defaultParameters()).map((a) => a.key);
		for (const k of ['distance.mode', 'channelShift.baseShare', 'channelShift.phoneShare', 'appraisal.periodYears', 'appraisal.ictGbpPerHub', 'appraisal.dilapidationsGbpPerM2', 'appraisal.moveCostGbpPerService', 'thresholdsMin[1]'])
			expect(keys).toContain(k);
	});

	it('names each bad value and what is accepted', async () => {
		const p = defaultParameters();
		p.appraisal.fitOutGbpPerM2 = -5;
		p.channelShift.baseShare = 1.5;
		p.thresholdsMin = [];
		p.appraisal.periodYears = 0;
		p.appraisal.partnerSplit = 'agreed';
		p.appraisal.agreedShares = { a: 0.5, b: 0.4 };
		expect(validateParameters(p)).toEqual([
			{ path: 'thresholdsMin', message: 'Give at least one threshold.' },
			{ path: 'channelShift.baseShare', message: 'Must be a share between 0 and 1, got 1.5.' },
			{ path: 'appraisal.periodYears', message: 'Must be a whole number of years, 1 or more, got 0.' },
			{ path: 'appraisal.fitOutGbpPerM2', message: 'Must be 0 or more, got -5.' },
			{ path: 'appraisal.agreedShares', message: 'Agreed shares must add up to 1 (100 %), they add up to 0.9.' }
		]);
	});
});
