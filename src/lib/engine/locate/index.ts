/**
 * The hub optimiser's entry point: one call for every goal, the same in the CLI, the Web Worker
 * and the benchmark. Heuristics live in pmedian.ts, mclp.ts, lscp.ts and cheapest.ts; exact.ts
 * certifies them.
 */
import type { Highs } from 'highs';
import { goalObjective, provenGap, solveExact, type ExactOptions, type ExactResult } from './exact';
import { solveCapacitatedMedian } from './capacity';
import { capacitatedLowerBound } from './capacity-bound';
import { solveCheapest } from './cheapest';
import { pMedianLowerBound } from './lagrangian';
import { solveSetCover } from './lscp';
import { solveMaxCoverage } from './mclp';
import { solvePMedian } from './pmedian';
import { nearestSummary, totalWeight, type LocateGoal, type LocateOptions, type LocationProblem, type SearchBound } from './problem';

export type { LocateGoal, LocateOptions, LocateProgress, LocationProblem } from './problem';
export { provenGap, solveExact, type ExactOptions, type ExactResult } from './exact';

export interface LocateResult {
	goal: LocateGoal;
	/** Open candidates, ascending indices. */
	open: number[];
	/** Weighted cost (median), covered weight (coverage), hub count (fewest) or opening cost (cheapest). */
	objective: number;
	/** Population-weighted mean cost to the nearest open candidate, for every goal. */
	meanCost: number;
	/** Share of weight within the threshold (coverage, fewest and cheapest). */
	coveredShare?: number;
	/**
	 * The Lagrangian bound the search proved on the way (lower for median, fewest and cheapest,
	 * upper for coverage), which also let it stop early; with capacities, the capacitated bound
	 * computed right after the search. Absent for open sets not found by {@link locate}.
	 */
	searchBound?: SearchBound;
}

/**
 * Run the heuristic for a goal.
 *
 * @example
 * locate(problem, { kind: 'coverage', k: 10, thresholdCost: 1609 }, { seed: 7 }).coveredShare;
 */
export function locate(problem: LocationProblem, goal: LocateGoal, options: LocateOptions = {}): LocateResult {
	const { open, bound } = search(problem, goal, options);
	return { ...evaluateOpen(problem, goal, open), ...(bound ? { searchBound: bound } : {}) };
}

function search(problem: LocationProblem, goal: LocateGoal, options: LocateOptions): { open: number[]; bound: SearchBound | null } {
	if (goal.kind === 'median' && goal.capacitated) {
		const result = solveCapacitatedMedian(problem, goal.k, options);
		// The capacitated search has no bound of its own; this one respects the capacities (capacity-bound.ts).
		const started = performance.now();
		const { bound } = capacitatedLowerBound(problem, goal.k, { mustKeep: options.mustKeep, mustClose: options.mustClose, upperBound: result.objective });
		return { open: result.open, bound: { value: Math.min(bound, result.objective), seconds: (performance.now() - started) / 1000 } };
	}
	if (goal.kind === 'median') {
		const result = solvePMedian(problem, goal.k, options);
		return { open: result.open, bound: result.lowerBound };
	}
	if (goal.kind === 'coverage') {
		const result = solveMaxCoverage(problem, goal.k, goal.thresholdCost, options);
		return { open: result.open, bound: result.upperBound };
	}
	const result =
		goal.kind === 'fewest'
			? solveSetCover(problem, goal.thresholdCost, goal.targetShare, options)
			: solveCheapest(problem, goal.thresholdCost, goal.targetShare, options);
	return { open: result.open, bound: result.lowerBound };
}

/** The figures {@link locate} reports, for any open set (e.g. one HiGHS found). */
export function evaluateOpen(problem: LocationProblem, goal: LocateGoal, open: number[]): LocateResult {
	const weight = totalWeight(problem);
	const capacitated = goal.kind === 'median' && goal.capacitated === true;
	if (open.length === 0 && !capacitated) throw new Error('evaluateOpen needs at least one open candidate, got none.');
	// One pass finds each demand point's nearest open hub: the mean cost and the covered weight.
	const nearest = nearestSummary(problem, open, goal.kind === 'median' ? -1 : goal.thresholdCost);
	const objective =
		goal.kind === 'coverage' ? nearest.coveredWeight : goal.kind === 'median' && !capacitated ? nearest.weightedCost : goalObjective(problem, goal, open);
	// With capacities some demand travels past its nearest hub, so the mean is the objective's.
	const travel = capacitated ? objective : nearest.weightedCost;
	const result: LocateResult = { goal, open, objective, meanCost: weight > 0 ? travel / weight : 0 };
	if (goal.kind !== 'median') result.coveredShare = weight > 0 ? nearest.coveredWeight / weight : 0;
	return result;
}

/** True when the goal's objective is maximised (coverage), for {@link provenGap}. */
export function maximises(goal: LocateGoal): boolean {
	return goal.kind === 'coverage';
}

/** How far a heuristic answer can be from optimal, and the evidence. */
export interface Certificate {
	/** Best proven bound on the optimum (lower for median, fewest and cheapest, upper for coverage); null if none. */
	bound: number | null;
	/** {@link provenGap} of the heuristic objective to that bound; null without a bound. */
	gap: number | null;
	/** Lagrangian bound (with capacities, the capacitated one), with its time. */
	lagrangian?: { bound: number; seconds: number };
	/** HiGHS's answer, when a HiGHS instance was passed. */
	exact?: ExactResult;
}

/**
 * Bound the optimum for a heuristic answer: the Lagrangian bound (milliseconds, no solver; the
 * search's own when it has one), and HiGHS seeded with the answer when `highs` is given. The
 * tighter bound sets the gap.
 *
 * @example
 * const answer = locate(problem, goal);
 * certify(problem, answer, { highs, exact: { timeLimitS: 30 } }).gap; // 0 when proven optimal
 */
export function certify(
	problem: LocationProblem,
	answer: LocateResult,
	options: { mustKeep?: number[]; mustClose?: number[]; highs?: Highs; exact?: ExactOptions } = {}
): Certificate {
	const { goal } = answer;
	const sets = { mustKeep: options.mustKeep ?? [], mustClose: options.mustClose ?? [] };
	const certificate: Certificate = { bound: null, gap: null };
	const bounds: number[] = [];
	let exactSets = sets;
	if (answer.searchBound) {
		certificate.lagrangian = { bound: answer.searchBound.value, seconds: answer.searchBound.seconds };
		bounds.push(answer.searchBound.value);
	}
	if (goal.kind === 'median' && !goal.capacitated && options.highs) {
		// Computed again at the answer's objective, to fix candidates for HiGHS: those the bound
		// proves cannot be in (or out of) any better answer.
		const started = performance.now();
		const lagrangian = pMedianLowerBound(problem, goal.k, { ...sets, upperBound: answer.objective });
		certificate.lagrangian = { bound: lagrangian.bound, seconds: (performance.now() - started) / 1000 };
		bounds.push(lagrangian.bound);
		exactSets = {
			mustKeep: [...sets.mustKeep, ...lagrangian.provedOpen],
			mustClose: [...sets.mustClose, ...lagrangian.provedClosed]
		};
	}
	if (options.highs) {
		const keep = new Set(exactSets.mustKeep);
		const close = new Set(exactSets.mustClose);
		const fits = answer.open.every((j) => !close.has(j)) && [...keep].every((j) => answer.open.includes(j));
		const exact = solveExact(options.highs, problem, goal, { ...options.exact, ...exactSets, incumbent: fits ? answer.open : undefined });
		certificate.exact = exact;
		if (exactSets !== sets) {
			// Answers outside the fixed space cost more than the heuristic's, so the heuristic caps the bound.
			if (exact.status === 'infeasible') bounds.push(answer.objective);
			else if (Number.isFinite(exact.bound)) bounds.push(Math.min(answer.objective, exact.bound));
		} else if (Number.isFinite(exact.bound) && exact.status !== 'infeasible') bounds.push(exact.bound);
	}
	if (bounds.length > 0) {
		// A bound past the answer's own objective is float noise (the answer is feasible): clamp it.
		certificate.bound = maximises(goal)
			? Math.max(answer.objective, Math.min(...bounds))
			: Math.min(answer.objective, Math.max(...bounds));
		certificate.gap = provenGap(answer.objective, certificate.bound, maximises(goal));
	}
	return certificate;
}
