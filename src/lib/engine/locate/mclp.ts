/**
 * Maximal covering location problem (Church & ReVelle, 1974): open k candidates so that the
 * demand weight within `thresholdCost` of an open candidate is largest.
 *
 *     maximise Σ_i w_i z_i
 *     subject to z_i ≤ Σ_{j ∈ N_i} y_j ∀i;  Σ_j y_j = k;  y ∈ {0, 1}, 0 ≤ z ≤ 1
 *     where N_i = { j : c_ij ≤ threshold }
 *
 * It is a p-median on the 0/1 matrix "is demand i outside the threshold of j" (Hillsman, 1984),
 * so the same swap search solves it: uncovered weight is minimised.
 */
import { solveMinSum } from './interchange';
import { totalWeight, type LocateOptions, type LocationProblem } from './problem';

export interface CoverageResult {
	/** Open candidates, ascending indices. */
	open: number[];
	/** Demand weight within the threshold of an open candidate. */
	coveredWeight: number;
	totalWeight: number;
	/** coveredWeight / totalWeight (0 when the total is 0). */
	coveredShare: number;
	starts: number;
}

/**
 * Best k candidates for maximal coverage within `thresholdCost` (same units as the matrix).
 *
 * @example
 * const problem = { cost: new Float64Array([100, 900, 900, 100, 900, 100]), demandCount: 3, candidateCount: 2, weights: new Float64Array([5, 1, 1]) };
 * solveMaxCoverage(problem, 1, 500).open; // [0]: covers 5 rather than 2
 */
export function solveMaxCoverage(
	problem: LocationProblem,
	k: number,
	thresholdCost: number,
	options: LocateOptions = {}
): CoverageResult {
	const outside = outsideMatrix(problem, thresholdCost);
	const result = solveMinSum(outside, k, options);
	const total = totalWeight(problem);
	const covered = total - result.objective;
	return {
		open: result.open,
		coveredWeight: covered,
		totalWeight: total,
		coveredShare: total > 0 ? covered / total : 0,
		starts: result.starts
	};
}

/** The 0/1 "outside the threshold" matrix with the same weights. */
export function outsideMatrix(problem: LocationProblem, thresholdCost: number): LocationProblem {
	if (!(thresholdCost >= 0) || !Number.isFinite(thresholdCost))
		throw new Error(`The coverage threshold must be a finite number ≥ 0, got ${thresholdCost}.`);
	const cost = new Float64Array(problem.cost.length);
	for (let t = 0; t < cost.length; t++) cost[t] = problem.cost[t] <= thresholdCost ? 0 : 1;
	return { ...problem, cost };
}
