import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changedZones, reachableOrder, reorder, sortCosts, summariseAccess } from '../../../src/lib/engine/access/summary';

describe('summariseAccess', () => {
	// Four zones: 100 people at 500 m, 300 at 1,000 m, 500 at 2,000 m, 100 with no site.
	const cost = Float64Array.of(1000, 500, NaN, 2000);
	const weight = Float64Array.of(300, 100, 100, 500);
	const s = summariseAccess(cost, reachableOrder(cost), weight, [1000, 5000], 'm');

	it('counts coverage against everyone, unreachable included', async () => {
		expect(s.population).toBe(1000);
		expect(s.unreachable).toBe(100);
		expect(s.coverage).toEqual([
			{ thresholdM: 1000, population: 400, share: 0.4 },
			{ thresholdM: 5000, population: 900, share: 0.9 }
		]);
	});

	it('takes the mean and the lower weighted 90th percentile over the reachable', async () => {
		// Mean = (100×500 + 300×1000 + 500×2000) ÷ 900 = 1,500.
		expect(s.meanDistanceM).toBe(1500);
		// 90 % of 900 = 810; cumulative weights 100, 400, 900 → first reaches 810 at 2,000 m.
		expect(s.p90DistanceM).toBe(2000);
		expect(s.meanMinutes).toBeNull();
	});

	it('lands exactly on a zone when the cumulative weight hits 90 % exactly', async () => {
		const c = Float64Array.of(1, 2, 3);
		const w = Float64Array.of(0.45, 0.45, 0.1);
		expect(summariseAccess(c, reachableOrder(c), w, [1], 'min')).toMatchObject({ p90Minutes: 2, meanMinutes: 0.45 + 0.9 + 0.3, p90DistanceM: null });
	});
});

describe('reorder', () => {
	it('gives the same order as sorting afresh when some zones change', async () => {
		const costArb = fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 20 }));
		fc.assert(
			fc.property(fc.array(fc.tuple(costArb, costArb, fc.boolean()), { minLength: 0, maxLength: 200 }), (rows) => {
				const oldCost = Float64Array.from(rows, ([a]) => a);
				const cost = Float64Array.from(rows, ([a, b, change]) => (change ? b : a));
				expect(reorder(sortCosts(oldCost), cost, changedZones(oldCost, cost))).toEqual(reachableOrder(cost));
			})
		);
	});
});

describe('summariseAccess against its definitions', () => {
	it('matches direct sums and a sorted cumulative search on random zones', async () => {
		const zoneArb = fc.tuple(fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 50 })), fc.integer({ min: 0, max: 9 }));
		fc.assert(
			fc.property(fc.array(zoneArb, { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 4 }), (zones, thresholds) => {
				const cost = Float64Array.from(zones, ([c]) => c);
				const weight = Float64Array.from(zones, ([, w]) => w);
				const s = summariseAccess(cost, reachableOrder(cost), weight, thresholds, 'm');
				const reachable = zones.filter(([c]) => !Number.isNaN(c));
				const W = reachable.reduce((t, [, w]) => t + w, 0);
				thresholds.forEach((t, i) =>
					expect(s.coverage[i].population).toBe(reachable.filter(([c]) => c <= t).reduce((x, [, w]) => x + w, 0))
				);
				const sorted = [...reachable].sort((a, b) => a[0] - b[0]);
				let cum = 0;
				const p90 = W > 0 ? sorted.find(([, w]) => (cum += w) >= 0.9 * W)![0] : null;
				expect(s.p90DistanceM).toBe(p90);
				expect(s.meanDistanceM).toBe(W > 0 ? reachable.reduce((t, [c, w]) => t + c * w, 0) / W : null);
			})
		);
	});
});
