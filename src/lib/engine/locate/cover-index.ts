/**
 * The sparse form every coverage goal (most covered, fewest hubs, cheapest hubs) searches and
 * bounds on: which candidates reach which demand within the threshold, read from the cost matrix
 * once. Demand points reached by exactly the same allowed candidates are one "class" with their
 * weights summed (they are interchangeable in every coverage objective), and demand no allowed
 * candidate reaches, or with no weight, is left out: it can never change which set is best. On
 * the Greater Manchester pack this turns 1,702 zones into a few hundred classes. Building it
 * checks every cost as it reads it, so the coverage goals pass over the matrix only once.
 */
import { checkCosts, type LocationProblem } from './problem';

export interface CoverIndex {
	/** Candidates in the original numbering; only allowed ones reach any class. */
	candidateCount: number;
	classCount: number;
	/** Summed demand weight per class, each > 0. */
	classWeight: Float64Array;
	/** Classes each candidate reaches, CSR: `covers[coverStart[j] .. coverStart[j + 1])`. */
	coverStart: Int32Array;
	covers: Int32Array;
	/** Allowed candidates reaching each class, CSR likewise. */
	reachStart: Int32Array;
	reach: Int32Array;
	/** Weight of all demand, and of the demand some allowed candidate reaches. */
	totalWeight: number;
	reachableWeight: number;
	/** True when every class weight is a whole number, so covered weights are whole too. */
	wholeWeights: boolean;
}

/**
 * Build the index for `thresholdCost` (inclusive, in the matrix's units) over `allowed`. Throws
 * {@link checkCosts}'s error for the first cost that is not finite and ≥ 0, as checkProblem does.
 *
 * @example
 * coverIndex(problem, 1609, [0, 1, 2]).classCount; // ≤ problem.demandCount
 */
export function coverIndex(problem: LocationProblem, thresholdCost: number, allowed: readonly number[]): CoverIndex {
	if (!(thresholdCost >= 0) || !Number.isFinite(thresholdCost))
		throw new Error(`The coverage threshold must be a finite number ≥ 0, got ${thresholdCost}.`);
	const { cost, demandCount: n, candidateCount: m, weights } = problem;
	const isAllowed = new Uint8Array(m);
	for (const j of allowed) isAllowed[j] = 1;
	// Classes' reach lists end to end in `pool` (class c at poolStart[c] .. poolStart[c + 1]), found
	// again through an open-addressing hash table of their lists: typed arrays, no per-row objects.
	let pool = new Int32Array(Math.max(16, 2 * n));
	const poolStart = new Int32Array(n + 1);
	const weightOf = new Float64Array(n);
	const slots = new Int32Array(1 << Math.ceil(Math.log2(2 * n + 2))).fill(-1);
	const mask = slots.length - 1;
	let classCount = 0;
	let totalWeight = 0;
	const row = new Int32Array(m);
	const blocksEnd = m - (m % 4);
	for (let i = 0; i < n; i++) {
		const w = weights[i];
		totalWeight += w;
		const base = i * m;
		// Most costs exceed the threshold, so the row is read four at a time with one test per
		// four, and four running sums (independent, so the CPU adds them in parallel) catch a NaN
		// or infinite cost without a test per cost: about twice as fast as testing each cost, and
		// this loop is most of the coverage goals' fixed work.
		let sum0 = 0;
		let sum1 = 0;
		let sum2 = 0;
		let sum3 = 0;
		let size = 0;
		let j = 0;
		for (; j < blocksEnd; j += 4) {
			const c0 = cost[base + j];
			const c1 = cost[base + j + 1];
			const c2 = cost[base + j + 2];
			const c3 = cost[base + j + 3];
			sum0 += c0;
			sum1 += c1;
			sum2 += c2;
			sum3 += c3;
			if (c0 <= thresholdCost || c1 <= thresholdCost || c2 <= thresholdCost || c3 <= thresholdCost)
				size = collectWithin(problem, thresholdCost, isAllowed, base, j, j + 4, row, size);
		}
		for (; j < m; j++) sum0 += cost[base + j];
		size = collectWithin(problem, thresholdCost, isAllowed, base, blocksEnd, m, row, size);
		// A sum of huge finite costs can overflow as well; checkCosts then finds nothing wrong.
		if (!(sum0 + sum1 + sum2 + sum3 < Infinity)) checkCosts(problem, base, base + m);
		let hash = 0;
		for (let t = 0; t < size; t++) hash = (Math.imul(hash, 31) + row[t] + 1) | 0;
		if (size === 0 || w <= 0) continue;
		let slot = hash & mask;
		for (; slots[slot] >= 0; slot = (slot + 1) & mask) if (sameList(pool, poolStart[slots[slot]], poolStart[slots[slot] + 1], row, size)) break;
		if (slots[slot] >= 0) {
			weightOf[slots[slot]] += w;
			continue;
		}
		const start = poolStart[classCount];
		if (start + size > pool.length) {
			const grown = new Int32Array(2 * (start + size));
			grown.set(pool);
			pool = grown;
		}
		pool.set(row.subarray(0, size), start);
		poolStart[classCount + 1] = start + size;
		weightOf[classCount] = w;
		slots[slot] = classCount++;
	}
	const reachStart = poolStart.slice(0, classCount + 1);
	const reach = pool.slice(0, reachStart[classCount]);
	const coverStart = new Int32Array(m + 1);
	for (let t = 0; t < reach.length; t++) coverStart[reach[t] + 1]++;
	for (let j = 0; j < m; j++) coverStart[j + 1] += coverStart[j];
	const covers = new Int32Array(reach.length);
	const filled = coverStart.slice(0, m);
	for (let c = 0; c < classCount; c++) for (let t = reachStart[c]; t < reachStart[c + 1]; t++) covers[filled[reach[t]]++] = c;
	const weightArray = weightOf.slice(0, classCount);
	return {
		candidateCount: m,
		classCount,
		classWeight: weightArray,
		coverStart,
		covers,
		reachStart,
		reach,
		totalWeight,
		reachableWeight: weightArray.reduce((sum, w) => sum + w, 0),
		wholeWeights: weightArray.every(Number.isInteger)
	};
}

/**
 * Append to `row` (which holds `size` items) the allowed candidates among `from .. to` within the
 * threshold of the demand point whose costs start at `base`; returns the new size. A cost within
 * the threshold is not NaN, so only its sign needs testing.
 */
function collectWithin(
	problem: LocationProblem,
	thresholdCost: number,
	isAllowed: Uint8Array,
	base: number,
	from: number,
	to: number,
	row: Int32Array,
	size: number
): number {
	for (let j = from; j < to; j++) {
		const c = problem.cost[base + j];
		if (c <= thresholdCost) {
			if (!(c >= 0)) checkCosts(problem, base, base + problem.candidateCount);
			if (isAllowed[j]) row[size++] = j;
		}
	}
	return size;
}

/** Is `pool[from .. to)` the same list as `row[0 .. size)`? */
function sameList(pool: Int32Array, from: number, to: number, row: Int32Array, size: number): boolean {
	if (to - from !== size) return false;
	for (let t = 0; t < size; t++) if (pool[from + t] !== row[t]) return false;
	return true;
}
