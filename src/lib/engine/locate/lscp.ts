/**
 * Fewest facilities to cover a target share of demand within a threshold: the location set
 * covering problem (Toregas, Swain, ReVelle & Bergman, 1971) relaxed to a share, as planners ask
 * it ("the fewest hubs that keep 90 % of residents within a mile").
 *
 *     minimise Σ_j y_j
 *     subject to Σ_i w_i z_i ≥ target · Σ_i w_i;  z_i ≤ Σ_{j ∈ N_i} y_j ∀i;  y ∈ {0, 1}, 0 ≤ z ≤ 1
 *
 * Heuristic: greedy covering (Chvátal, 1979) gives a feasible count; then maximal coverage with
 * one hub fewer is tried until it falls short of the target. The Lagrangian lower bound of
 * cover-bounds.ts (unit opening costs) says when no fewer can do, so the search stops there.
 */
import { coverCostLowerBound } from './cover-bounds';
import { coverIndex, type CoverIndex } from './cover-index';
import { CoverState } from './cover-state';
import { MaxCoverSearch, maxCoverage } from './mclp';
import { checkProblemBesideCosts, type CandidateSets, type LocateOptions, type LocationProblem, type SearchBound } from './problem';

export interface SetCoverResult {
	/** Open candidates, ascending indices; its length is the answer. */
	open: number[];
	coveredWeight: number;
	totalWeight: number;
	coveredShare: number;
	/** Proven lower bound on the number of hubs. */
	lowerBound: SearchBound;
	/** Maximal-coverage searches run while shrinking the greedy answer. */
	searches: number;
}

/**
 * Fewest candidates covering at least `targetShare` (0–1) of the demand weight within
 * `thresholdCost`. Throws before searching if even every allowed candidate falls short.
 *
 * @example
 * const problem = { cost: new Float64Array([100, 900, 900, 100]), demandCount: 2, candidateCount: 2, weights: new Float64Array([3, 1]) };
 * solveSetCover(problem, 500, 0.7).open; // [0]: 3 of 4 = 75 % ≥ 70 %
 */
export function solveSetCover(
	problem: LocationProblem,
	thresholdCost: number,
	targetShare: number,
	options: LocateOptions = {}
): SetCoverResult {
	// coverIndex checks the costs as it reads them.
	const sets = checkProblemBesideCosts(problem, options);
	const index = coverIndex(problem, thresholdCost, sets.allowed);
	const needed = coverageNeeded(index, thresholdCost, targetShare, sets.allowed.length);
	let best = new MaxCoverSearch(index, sets, sets.allowed.length).greedyUntil(needed);
	const started = performance.now();
	const lowerBound = fewestLowerBound(index, sets, needed, best.length);
	const boundSeconds = (performance.now() - started) / 1000;
	let searches = 0;
	for (let k = best.length - 1; k >= Math.max(1, lowerBound, sets.mustKeep.length); k--) {
		const attempt = maxCoverage(index, sets, k, options, needed);
		searches++;
		if (attempt.coveredWeight < needed) break;
		best = attempt.open;
	}
	const state = new CoverState(index);
	state.load(best);
	const covered = state.covered;
	return {
		open: best,
		coveredWeight: covered,
		totalWeight: index.totalWeight,
		coveredShare: covered / index.totalWeight,
		lowerBound: { value: Math.min(lowerBound, best.length), seconds: boundSeconds },
		searches
	};
}

/** Proven lower bound on the hub count: the cost bound of cover-bounds.ts with every cost 1. */
function fewestLowerBound(index: CoverIndex, sets: CandidateSets, needed: number, upperBound: number): number {
	const unit = new Float64Array(index.candidateCount).fill(1);
	const free = sets.allowed.filter((j) => !sets.mustKeep.includes(j));
	return coverCostLowerBound(index, unit, sets.mustKeep, free, needed, upperBound).bound;
}

/**
 * The weight a target share needs (less a hair, so float noise in sums never fails an exact hit),
 * after checking the target and that the allowed candidates can reach it at all; throws before
 * any search, quoting the share every allowed candidate together reaches. Shared by the goals
 * with a coverage floor (fewest hubs, cheapest hubs).
 */
export function coverageNeeded(index: CoverIndex, thresholdCost: number, targetShare: number, allowedCount: number): number {
	if (!(targetShare > 0 && targetShare <= 1))
		throw new Error(`The coverage target must be a share above 0 and at most 1, got ${targetShare}.`);
	const total = index.totalWeight;
	if (!(total > 0)) throw new Error('The demand weights sum to 0, so there is nothing to cover.');
	const needed = targetShare * total * (1 - 1e-12);
	if (index.reachableWeight < needed)
		throw new Error(
			`No set of candidates can cover ${formatShare(targetShare)} of demand within ${thresholdCost}: ` +
				`all ${allowedCount} allowed candidates together cover ${formatShare(index.reachableWeight / total)} ` +
				`(${round(index.reachableWeight)} of ${round(total)}).`
		);
	return needed;
}

function formatShare(share: number): string {
	return `${(share * 100).toFixed(1)} %`;
}

function round(value: number): string {
	return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
