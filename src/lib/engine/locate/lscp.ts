/**
 * Fewest facilities to cover a target share of demand within a threshold: the location set
 * covering problem (Toregas, Swain, ReVelle & Bergman, 1971) relaxed to a share, as planners ask
 * it ("the fewest hubs that keep 90 % of residents within a mile").
 *
 *     minimise Σ_j y_j
 *     subject to Σ_i w_i z_i ≥ target · Σ_i w_i;  z_i ≤ Σ_{j ∈ N_i} y_j ∀i;  y ∈ {0, 1}, 0 ≤ z ≤ 1
 *
 * Heuristic: greedy covering (Chvátal, 1979) gives a feasible count; then maximal coverage with
 * one hub fewer is tried until it falls short of the target.
 */
import { outsideMatrix, solveMaxCoverage } from './mclp';
import { checkProblem, totalWeight, type LocateOptions, type LocationProblem } from './problem';

export interface SetCoverResult {
	/** Open candidates, ascending indices; its length is the answer. */
	open: number[];
	coveredWeight: number;
	totalWeight: number;
	coveredShare: number;
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
	const sets = checkProblem(problem, options);
	const { outside, total, needed } = coverageTarget(problem, thresholdCost, targetShare, sets.allowed);

	let best = greedyCover(outside, sets.allowed, sets.mustKeep, needed);
	let searches = 0;
	for (let k = best.length - 1; k >= Math.max(1, sets.mustKeep.length); k--) {
		const attempt = solveMaxCoverage(problem, k, thresholdCost, options);
		searches++;
		if (attempt.coveredWeight < needed) break;
		best = attempt.open;
	}
	const covered = coveredBy(outside, best);
	return {
		open: best,
		coveredWeight: covered,
		totalWeight: total,
		coveredShare: total > 0 ? covered / total : 0,
		searches
	};
}

/** The 0/1 "outside" matrix, the total weight, and the weight a target share needs. */
export interface CoverageTarget {
	outside: LocationProblem;
	total: number;
	/** targetShare × total, less a hair so that float noise in sums never fails an exact hit. */
	needed: number;
}

/**
 * Check a coverage target and that the allowed candidates can reach it at all; throws before any
 * search, quoting the share every allowed candidate together reaches. Shared by the goals with a
 * coverage floor (fewest hubs, cheapest hubs).
 */
export function coverageTarget(
	problem: LocationProblem,
	thresholdCost: number,
	targetShare: number,
	allowed: readonly number[]
): CoverageTarget {
	if (!(targetShare > 0 && targetShare <= 1))
		throw new Error(`The coverage target must be a share above 0 and at most 1, got ${targetShare}.`);
	const outside = outsideMatrix(problem, thresholdCost);
	const total = totalWeight(problem);
	if (!(total > 0)) throw new Error('The demand weights sum to 0, so there is nothing to cover.');
	const needed = targetShare * total * (1 - 1e-12);
	const reachable = coveredBy(outside, allowed);
	if (reachable < needed)
		throw new Error(
			`No set of candidates can cover ${formatShare(targetShare)} of demand within ${thresholdCost}: ` +
				`all ${allowed.length} allowed candidates together cover ${formatShare(reachable / total)} ` +
				`(${round(reachable)} of ${round(total)}).`
		);
	return { outside, total, needed };
}

/** Weight of demand points with a 0 entry (inside the threshold) for some candidate in `open`. */
function coveredBy(outside: LocationProblem, open: readonly number[]): number {
	const { cost, demandCount, candidateCount: m, weights } = outside;
	let covered = 0;
	for (let i = 0; i < demandCount; i++) if (open.some((j) => cost[i * m + j] === 0)) covered += weights[i];
	return covered;
}

/** Add the candidate covering most uncovered weight until `needed` is reached (Chvátal, 1979). */
function greedyCover(outside: LocationProblem, allowed: number[], mustKeep: number[], needed: number): number[] {
	const { cost, demandCount, candidateCount: m, weights } = outside;
	const covered = new Uint8Array(demandCount);
	const open: number[] = [];
	let coveredWeight = 0;
	const openOne = (j: number) => {
		open.push(j);
		for (let i = 0; i < demandCount; i++) {
			if (!covered[i] && cost[i * m + j] === 0) {
				covered[i] = 1;
				coveredWeight += weights[i];
			}
		}
	};
	for (const j of mustKeep) openOne(j);
	while (coveredWeight < needed) {
		let bestJ = -1;
		let bestGain = 0;
		for (const j of allowed) {
			let gain = 0;
			for (let i = 0; i < demandCount; i++) if (!covered[i] && cost[i * m + j] === 0) gain += weights[i];
			if (gain > bestGain) {
				bestGain = gain;
				bestJ = j;
			}
		}
		if (bestJ < 0) break;
		openOne(bestJ);
	}
	return open.sort((a, b) => a - b);
}

function formatShare(share: number): string {
	return `${(share * 100).toFixed(1)} %`;
}

function round(value: number): string {
	return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
