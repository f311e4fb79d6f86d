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

/** Zones whose cost differs between two answers (NaN, for no site, equals NaN), ascending. */
export function changedZones(oldCost: Float64Array, cost: Float64Array): Int32Array {
	const changed: number[] = [];
	for (let z = 0; z < cost.length; z++) {
		if (cost[z] === oldCost[z] || (Number.isNaN(cost[z]) && Number.isNaN(oldCost[z]))) continue;
		changed.push(z);
	}
	return Int32Array.from(changed);
}

/** A reachable order with what `reorder` needs to update it: the costs it sorts and each zone's place. */
export interface SortedCosts {
	cost: Float64Array;
	/** `reachableOrder(cost)`. */
	order: Int32Array;
	/** Each zone's index in `order`; −1 for an unreachable zone. */
	position: Int32Array;
}

/** `reachableOrder(cost)` with each zone's position in it. */
export function sortCosts(cost: Float64Array): SortedCosts {
	const order = reachableOrder(cost);
	const position = new Int32Array(cost.length).fill(-1);
	for (let k = 0; k < order.length; k++) position[order[k]] = k;
	return { cost, order, position };
}

/**
 * The same order as `reachableOrder(cost)`, got from an earlier sorted state when only the
 * `changed` zones (see `changedZones`) differ: drop their old places, sort just them, and insert
 * each where a binary search of the old order puts it. The runs of old order in between are copied
 * whole, so one closure costs a few comparisons per changed zone and a memory copy, not a
 * comparison per zone.
 */
export function reorder(old: SortedCosts, cost: Float64Array, changed: Int32Array): Int32Array {
	const dropped: number[] = [];
	const moved: number[] = [];
	for (const z of changed) {
		if (old.position[z] >= 0) dropped.push(old.position[z]);
		if (!Number.isNaN(cost[z])) moved.push(z);
	}
	dropped.sort((a, b) => a - b);
	moved.sort((a, b) => cost[a] - cost[b] || a - b);
	const out = new Int32Array(old.order.length - dropped.length + moved.length);
	let from = 0; // next old position to copy
	let k = 0; // next output position
	let d = 0; // next dropped position
	// Copies the old order from `from` up to (not including) `to`, leaving out dropped places.
	const copyTo = (to: number) => {
		for (; d < dropped.length && dropped[d] < to; d++) {
			out.set(old.order.subarray(from, dropped[d]), k);
			k += dropped[d] - from;
			from = dropped[d] + 1;
		}
		out.set(old.order.subarray(from, to), k);
		k += to - from;
		from = to;
	};
	for (const z of moved) {
		copyTo(insertionPoint(old, cost[z], z));
		out[k++] = z;
	}
	copyTo(old.order.length);
	return out;
}

/** The first place in the old order whose (cost, zone) comes after (c, z). */
function insertionPoint(old: SortedCosts, c: number, z: number): number {
	let low = 0;
	let high = old.order.length;
	while (low < high) {
		const mid = (low + high) >> 1;
		const y = old.order[mid];
		if (old.cost[y] < c || (old.cost[y] === c && y < z)) low = mid + 1;
		else high = mid;
	}
	return low;
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
	// One walk up the sorted order: a threshold's coverage is the cumulative weight just before
	// the first zone beyond it; p90 is the cost where the cumulative weight first reaches 90 %.
	// The walk visits most zones, out of memory order, for every weighting of every changed
	// service, so its loop is kept to one comparison per zone until something happens.
	const covered = thresholds.map(() => 0);
	const byThreshold = thresholds.map((_, i) => i).sort((a, b) => thresholds[a] - thresholds[b]);
	let next = 0;
	let limit = byThreshold.length ? thresholds[byThreshold[0]] : Infinity; // the next threshold up
	let p90 = NaN;
	let found = false;
	let cumulative = 0;
	// Tolerance so a cumulative sum that equals 90 % in exact arithmetic is not missed by rounding.
	const target = P90 * reachable * (1 - 1e-12);
	for (let k = 0; k < order.length; k++) {
		const z = order[k];
		const c = cost[z];
		while (c > limit) {
			covered[byThreshold[next++]] = cumulative;
			limit = next < byThreshold.length ? thresholds[byThreshold[next]] : Infinity;
		}
		if (found && next === byThreshold.length) break;
		const w = weight[z];
		if (w === 0) continue;
		cumulative += w;
		if (!found && cumulative >= target) {
			p90 = c;
			found = true;
		}
	}
	while (next < byThreshold.length) covered[byThreshold[next++]] = cumulative;
	const mean = reachable > 0 ? weightedCost / reachable : null;
	const quantile = found && reachable > 0 ? p90 : null;
	const coverage: CoverageFigure[] = thresholds.map((t, i) => ({
		...(unit === 'm' ? { thresholdM: t } : { thresholdMin: t }),
		population: covered[i],
		share: total > 0 ? covered[i] / total : 0
	}));
	return {
		population: total,
		unreachable,
		meanDistanceM: unit === 'm' ? mean : null,
		p90DistanceM: unit === 'm' ? quantile : null,
		meanMinutes: unit === 'min' ? mean : null,
		p90Minutes: unit === 'min' ? quantile : null,
		coverage
	};
}
