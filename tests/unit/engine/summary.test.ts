import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reachableOrder, reorder, summariseAccess } from '../../../src/lib/engine/access/summary';

describe('summariseAccess', () => {
	// Four zones: 100 people at 500 m, 300 at 1,000 m, 500 at 2,000 m, 100 with no site.
	const cost = Float64Array.of(1000, 500, NaN, 2000);
	const weight = Float64Array.of(300, 100, 100, 500);
	const s = summariseAccess(cost, reachableOrder(cost), weight, [1000, 5000], 'm');

	it('counts coverage against everyone, unreachable included', () => {
		expect(s.population).toBe(1000);
		expect(s.unreachable).toBe(100);
		expect(s.coverage).toEqual([
			{ thresholdM: 1000, population: 400, share: 0.4 },
			{ thresholdM: 5000, population: 900, share: 0.9 }
		]);
	});

	it('takes the mean and the lower weighted 90th percentile over the reachable', () => {
		// Mean = (100×500 + 300×1000 + 500×2000) ÷ 900 = 1,500.
		expect(s.meanDistanceM).toBe(1500);
		// 90 % of 900 = 810; cumulative weights 100, 400, 900 → first reaches 810 at 2,000 m.
		expect(s.p90DistanceM).toBe(2000);
		expect(s.meanMinutes).toBeNull();
	});

	it('lands exactly on a zone when the cumulative weight hits 90 % exactly', () => {
		const c = Float64Array.of(1, 2, 3);
		const w = Float64Array.of(0.45, 0.45, 0.1);
		expect(summariseAccess(c, reachableOrder(c), w, [1], 'min')).toMatchObject({ p90Minutes: 2, meanMinutes: 0.45 + 0.9 + 0.3, p90DistanceM: null });
	});
});

describe('reorder', () => {
	it('gives the same order as sorting afresh when some zones change', () => {
		const costArb = fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 20 }));
		fc.assert(
			fc.property(fc.array(fc.tuple(costArb, costArb, fc.boolean()), { minLength: 0, maxLength: 200 }), (rows) => {
				const oldCost = Float64Array.from(rows, ([a]) => a);
				const cost = Float64Array.from(rows, ([a, b, change]) => (change ? b : a));
				expect(reorder(reachableOrder(oldCost), oldCost, cost)).toEqual(reachableOrder(cost));
			})
		);
	});
});
