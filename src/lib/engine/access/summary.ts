/**
 * Population-weighted access figures from per-zone nearest-site costs.
 *
 * - Coverage at threshold t: Σ w_z over zones whose cost c_z ≤ t; share = that ÷ Σ w_z over all
 *   zones (unreachable people count in the denominator); 0 when Σ w_z = 0.
 * - Unreachable: Σ w_z over zones with no open site offering the service.
 * - Mean: Σ w_z c_z ÷ Σ w_z over reachable zones.
 * - 90th percentile: the lower weighted quantile over reachable zones: sort zones by cost and take
 *   the smallest cost c* such that the weight of zones costing ≤ c* is at least 90 % of the
 *   reachable weight. No interpolation, so p90 is always some zone's actual cost. Both are null
 *   when no one is reachable. Zones with zero weight never affect mean or quantile.
 */
import type { AccessSummary, CoverageFigure } from '../types';

/** The quantile reported as "p90". */
export const P90 = 0.9;

/**
 * Zone indices with a finite cost, in ascending cost (ties by zone index): the order the
 * quantile needs, shared by every weighting of the same costs.
 */
export function reachableOrder(cost: Float64Array): Int32Array {
	const order: number[] = [];
	for (let z = 0; z < cost.length; z++) if (!Number.isNaN(cost[z])) order.push(z);
	order.sort((a, b) => cost[a] - cost[b] || a - b);
	return Int32Array.from(order);
}

/**
 * The same order as `reachableOrder(cost)`, got faster from the order of earlier costs when only
 * some zones changed: drop the changed zones from the old order, sort just them, and merge.
 */
export function reorder(oldOrder: Int32Array, oldCost: Float64Array, cost: Float64Array): Int32Array {
	const changed: number[] = [];
	const isChanged = new Uint8Array(cost.length);
	for (let z = 0; z < cost.length; z++) {
		if (cost[z] === oldCost[z] || (Number.isNaN(cost[z]) && Number.isNaN(oldCost[z]))) continue;
		isChanged[z] = 1;
		if (!Number.isNaN(cost[z])) changed.push(z);
	}
	if (changed.length > cost.length / 8) return reachableOrder(cost);
	changed.sort((a, b) => cost[a] - cost[b] || a - b);
	const out = new Int32Array(oldOrder.length - countChanged(oldOrder, isChanged) + changed.length);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < oldOrder.length || j < changed.length) {
		while (i < oldOrder.length && isChanged[oldOrder[i]]) i++;
		if (i >= oldOrder.length && j >= changed.length) break;
		const a = i < oldOrder.length ? oldOrder[i] : -1;
		const b = j < changed.length ? changed[j] : -1;
		if (b < 0 || (a >= 0 && (cost[a] < cost[b] || (cost[a] === cost[b] && a < b)))) {
			out[k++] = a;
			i++;
		} else {
			out[k++] = b;
			j++;
		}
	}
	return out;
}

function countChanged(order: Int32Array, isChanged: Uint8Array): number {
	let n = 0;
	for (const z of order) n += isChanged[z];
	return n;
}

/**
 * Weighted access summary for one weighting (population or a group).
 *
 * @example
 * summariseAccess(Float64Array.of(100, 3000), Int32Array.of(0, 1), Float64Array.of(1, 1), [1609.344], 'm');
 * // → population 2, coverage [{ thresholdM: 1609.344, population: 1, share: 0.5 }], mean 1550, p90 3000
 */
export function summariseAccess(
	cost: Float64Array,
	order: Int32Array,
	weight: Float64Array,
	thresholds: number[],
	unit: 'm' | 'min'
): AccessSummary {
	let total = 0;
	let unreachable = 0;
	let reachable = 0;
	let weightedCost = 0;
	for (let z = 0; z < weight.length; z++) {
		const w = weight[z];
		total += w;
		if (Number.isNaN(cost[z])) unreachable += w;
		else {
			reachable += w;
			weightedCost += w * cost[z];
		}
	}
	// One pass up the sorted order: a threshold's coverage is the cumulative weight just before
	// the first zone beyond it; p90 is the cost where the cumulative weight first reaches 90 %.
	const covered = thresholds.map(() => 0);
	const byThreshold = thresholds.map((_, i) => i).sort((a, b) => thresholds[a] - thresholds[b]);
	let next = 0;
	let p90: number | null = null;
	let cumulative = 0;
	// Tolerance so a cumulative sum that equals 90 % in exact arithmetic is not missed by rounding.
	const target = P90 * reachable * (1 - 1e-12);
	for (let k = 0; k < order.length; k++) {
		const z = order[k];
		while (next < byThreshold.length && cost[z] > thresholds[byThreshold[next]]) covered[byThreshold[next++]] = cumulative;
		if (p90 !== null && next === byThreshold.length) break;
		const w = weight[z];
		if (w === 0) continue;
		cumulative += w;
		if (p90 === null && cumulative >= target) p90 = cost[z];
	}
	while (next < byThreshold.length) covered[byThreshold[next++]] = cumulative;
	const mean = reachable > 0 ? weightedCost / reachable : null;
	if (reachable === 0) p90 = null;
	const coverage: CoverageFigure[] = thresholds.map((t, i) => ({
		...(unit === 'm' ? { thresholdM: t } : { thresholdMin: t }),
		population: covered[i],
		share: total > 0 ? covered[i] / total : 0
	}));
	return {
		population: total,
		unreachable,
		meanDistanceM: unit === 'm' ? mean : null,
		p90DistanceM: unit === 'm' ? p90 : null,
		meanMinutes: unit === 'min' ? mean : null,
		p90Minutes: unit === 'min' ? p90 : null,
		coverage
	};
}
