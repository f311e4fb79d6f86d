/**
 * p-median (Hakimi, 1964; ReVelle & Swain, 1970): open k candidates so that the weighted sum of
 * each demand point's cost to its nearest open candidate is smallest.
 *
 *     minimise Σ_i Σ_j w_i c_ij x_ij
 *     subject to Σ_j x_ij = 1 ∀i;  x_ij ≤ y_j ∀i,j;  Σ_j y_j = k;  x, y ∈ {0, 1}
 *
 * Solved heuristically by {@link solveMinSum}, which stops as soon as the Lagrangian lower bound
 * (lagrangian.ts) proves its answer; {@link ./exact} certifies the answer with HiGHS.
 */
import { solveMinSum } from './interchange';
import { pMedianLowerBound } from './lagrangian';
import type { LocateOptions, LocationProblem, SearchBound } from './problem';

export interface PMedianResult {
	/** Open candidates, ascending indices. */
	open: number[];
	/** Σ_i w_i · (cost to nearest open candidate), in the matrix's units × weight. */
	objective: number;
	/** Weighted mean cost per unit of demand weight (0 when the total weight is 0). */
	meanCost: number;
	starts: number;
	/** Proven lower bound on the objective (Lagrangian). */
	lowerBound: SearchBound;
}

/**
 * Best k candidates for the p-median objective.
 *
 * @example
 * const problem = { cost: new Float64Array([0, 4, 4, 0, 3, 1]), demandCount: 3, candidateCount: 2, weights: new Float64Array([1, 1, 2]) };
 * solvePMedian(problem, 1).open; // [1]: 4 + 0 + 2 × 1 = 6 beats 0 + 4 + 2 × 3 = 10
 */
export function solvePMedian(problem: LocationProblem, k: number, options: LocateOptions = {}): PMedianResult {
	const whole = wholeObjective(problem);
	const result = solveMinSum(problem, k, options, (objective) => {
		const { bound } = pMedianLowerBound(problem, k, { mustKeep: options.mustKeep, mustClose: options.mustClose, upperBound: objective });
		// With whole costs and weights every objective is whole, so the bound rounds up.
		return whole ? Math.ceil(bound - 1e-9 * Math.max(1, Math.abs(bound))) : bound;
	});
	let weight = 0;
	for (let i = 0; i < problem.demandCount; i++) weight += problem.weights[i];
	return {
		open: result.open,
		objective: result.objective,
		meanCost: weight > 0 ? result.objective / weight : 0,
		starts: result.starts,
		lowerBound: { ...result.bound!, value: Math.min(result.bound!.value, result.objective) }
	};
}

/** True when every weight and cost is a whole number (e.g. OR-Library), so objectives are whole. */
function wholeObjective(problem: LocationProblem): boolean {
	return problem.weights.every(Number.isInteger) && problem.cost.every(Number.isInteger);
}
