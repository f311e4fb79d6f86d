import { describe, expect, it } from 'vitest';
import { formatGbpShort } from '$lib/compare/format';
import { formatValue } from '$lib/report/indicators';
import { niceTicks } from '$lib/compare/scale';
import { projectPoint, zoneOutlines } from '$lib/compare/outline';

describe('comparison formats', () => {
	it('writes pounds, counts, years and missing figures as a reader expects', () => {
		expect(formatValue('gbp', 894115.97)).toBe('£894,116');
		expect(formatValue('people', 1436.79)).toBe('1,437');
		expect(formatValue('year', 5)).toBe('Year 5');
		expect(formatValue('year', null)).toBe('Not within the period');
		expect(formatValue('text', null)).toBe('—');
		expect(formatGbpShort(-500000)).toBe('−£500k');
		expect(formatGbpShort(1_500_000)).toBe('£1.5m');
	});

	it('makes nice axis ticks that cover the data, including a flat series', () => {
		expect(niceTicks(-54746, 1406354, 5)).toEqual([-500000, 0, 500000, 1000000, 1500000]);
		expect(niceTicks(0, 0, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
	});

	it('projects zones into the map box, north up', () => {
		const square: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
		const o = zoneOutlines([square]);
		expect(o.paths[0].startsWith('M4,')).toBe(true);
		expect(projectPoint(o, 0, 1)).toEqual({ x: 4, y: 4 });
		expect(projectPoint(o, 1, 1).x).toBeCloseTo(296, 6);
		expect(projectPoint(o, 0, 0).y).toBeGreaterThan(projectPoint(o, 0, 1).y);
	});
});
