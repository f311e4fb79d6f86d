import { describe, expect, it } from 'vitest';
import { indicatorById, NO_DATA_COLOUR, VIRIDIS_10, zoneColour, zoneFillFor, ZONE_INDICATORS, type MapZone } from '../../../src/lib/map/indicators';

/** E01006074 (Trafford 025A, Bowdon) as the pack gives it. */
const bowdon: MapZone = {
	code: 'E01006074',
	name: 'Trafford 025A',
	wardName: 'Bowdon',
	centroid: [-2.37, 53.38],
	areaHa: 112.78,
	popTotal: 1634,
	pop65Plus: 339,
	pop75Plus: 201,
	imdDecile: 5,
	pctHouseholdsNoCar: 20.51,
	pctDisabled: 19.5,
	pctBadHealth: 6.52
};

function zone(code: string, popTotal: number, imdDecile: number | null): MapZone {
	return { ...bowdon, code, popTotal, imdDecile, areaHa: 100 };
}

describe('zone indicators', () => {
	it('computes density per km² and age shares from the mid-2024 estimates', () => {
		expect(indicatorById('density').value(bowdon)).toBeCloseTo(1634 / 1.1278, 6);
		expect(indicatorById('share65').value(bowdon)).toBeCloseTo((100 * 339) / 1634, 6);
		expect(indicatorById('share75').value(bowdon)).toBeCloseTo((100 * 201) / 1634, 6);
		expect(indicatorById('imd').value(bowdon)).toBe(5);
		expect(indicatorById('noCar').value(bowdon)).toBe(20.51);
	});

	it('has no value where a zone has no residents or no area', () => {
		expect(indicatorById('share65').value({ ...bowdon, popTotal: 0 })).toBeNull();
		expect(indicatorById('density').value({ ...bowdon, areaHa: 0 })).toBeNull();
	});

	it('names the accepted ids when asked for an unknown one', () => {
		expect(() => indicatorById('rainfall')).toThrow(/Unknown zone indicator "rainfall"; expected one of density, share65/);
	});

	it('every indicator states a unit and a source', () => {
		for (const i of ZONE_INDICATORS) {
			expect(i.unit).not.toBe('');
			expect(i.source).not.toBe('');
		}
	});
});

describe('zoneFillFor', () => {
	const zones = [1000, 2000, 3000, 4000, 5000].map((pop, i) => zone(`Z${i}`, pop, i === 4 ? null : i + 1));

	it('makes quintiles for a continuous indicator, dark for high values', () => {
		const fill = zoneFillFor(indicatorById('density'), zones);
		expect(fill.classes).toHaveLength(5);
		expect(fill.classes.at(-1)?.upper).toBe(5000);
		expect(zoneColour(fill, 'Z4')).toBe(VIRIDIS_10[0]);
		expect(zoneColour(fill, 'Z0')).toBe(VIRIDIS_10[9]);
	});

	it('uses the ten national IMD deciles, decile 1 darkest, and grey for no data', () => {
		const fill = zoneFillFor(indicatorById('imd'), zones);
		expect(fill.classes.map((c) => c.upper)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(fill.classes[0].label).toBe('1 (most deprived)');
		expect(zoneColour(fill, 'Z0')).toBe(VIRIDIS_10[0]);
		expect(zoneColour(fill, 'Z4')).toBe(NO_DATA_COLOUR);
	});

	it('copes with no zones', () => {
		expect(zoneFillFor(indicatorById('density'), []).classes).toEqual([]);
	});
});
