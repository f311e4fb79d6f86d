/**
 * The one shape every locator works on, as in PySAL spopt: geometry is turned into a cost matrix
 * first, so p-median, coverage and set covering only ever see matrix + weights + candidate count.
 */

/** Demand points × candidate sites. */
export interface LocationProblem {
	/** Travel cost, demand-major: `cost[i * candidateCount + j]` from demand i to candidate j. */
	cost: Float64Array;
	demandCount: number;
	candidateCount: number;
	/** Demand weight per demand point (e.g. residents), length `demandCount`, each ≥ 0. */
	weights: Float64Array;
	/**
	 * Cost of opening each candidate (for the estate, its annual running cost in £), length
	 * `candidateCount`. Only the cheapest goal reads it; NaN marks a cost that is not known.
	 */
	openingCost?: Float64Array;
	/**
	 * Hub capacities for the capacitated least-travel goal: `capacity[j]` is how much demand
	 * candidate j can hold and `demand[i]` how much demand point i brings, in one unit (e.g.
	 * residents). Only `{ kind: 'median', capacitated: true }` reads it.
	 */
	capacity?: { capacity: Float64Array; demand: Float64Array };
}

/**
 * What to optimise: least weighted travel for k hubs (p-median; with `capacitated`, no hub holds
 * more than its {@link LocationProblem.capacity}), most demand within a threshold
 * for k hubs (maximal coverage), fewest hubs covering a target share within a threshold, or the
 * least total opening cost (see {@link LocationProblem.openingCost}) covering that share.
 * Thresholds are in the cost matrix's units (metres for the estate).
 */
export type LocateGoal =
	| { kind: 'median'; k: number; capacitated?: boolean }
	| { kind: 'coverage'; k: number; thresholdCost: number }
	| { kind: 'fewest'; thresholdCost: number; targetShare: number }
	| { kind: 'cheapest'; thresholdCost: number; targetShare: number };

/** Progress report after each step of a search. */
export interface LocateProgress {
	/** Steps finished so far, and the most planned (the search may stop before). */
	start: number;
	starts: number;
	/** Best objective so far, in the locator's own sense (see each locator). */
	bestObjective: number;
	/** Best open set so far (candidate indices, ascending). */
	bestOpen: number[];
}

/** A proven bound a search computed for its own answer, and the seconds it took. */
export interface SearchBound {
	value: number;
	seconds: number;
}

/** Options shared by the heuristic locators. Defaults in {@link DEFAULT_LOCATE_OPTIONS}. */
export interface LocateOptions {
	/** Candidates that must be open (indices). They count towards k. */
	mustKeep?: number[];
	/** Candidates that may not be opened (indices). */
	mustClose?: number[];
	/** Seed for the PRNG behind the randomised starts; the same seed gives the same answer. */
	seed?: number;
	/**
	 * Search effort: at most 2 × starts steps (greedy starts, then perturbation rounds; each goal
	 * says how many of each). Every goal's search stops earlier once its Lagrangian bound proves
	 * the answer (see iterated-search.ts); the coverage goals also after a run of steps without a
	 * better answer. Progress counts steps.
	 */
	starts?: number;
	/** Called after each step. */
	onProgress?: (progress: LocateProgress) => void;
}

/**
 * Relative tolerance for "strictly better" and "zero": 1e-9 of the value (at least 1e-9), so float
 * noise in running sums never makes a search loop or a bound look violated.
 */
export function relativeTolerance(value: number): number {
	return 1e-9 * Math.max(1, Math.abs(value));
}

/**
 * Hubplan planning assumption (configurable): 96 starts (then 96 perturbation rounds) reach the
 * published optimum on all of OR-Library pmed1–pmed10 for each of seeds 1–20 (64 missed pmed10
 * once), in about a tenth of a CPU second each, and stay under two CPU seconds on the Greater
 * Manchester pack (1,702 zones × 343 post offices).
 */
export const DEFAULT_LOCATE_OPTIONS = { seed: 1, starts: 96 } as const;

/** The search effort asked for (default {@link DEFAULT_LOCATE_OPTIONS}), checked. */
export function checkStarts(options: LocateOptions): number {
	const starts = options.starts ?? DEFAULT_LOCATE_OPTIONS.starts;
	if (!Number.isInteger(starts) || starts < 1) throw new Error(`starts must be a whole number ≥ 1, got ${starts}.`);
	return starts;
}

/** Candidate sets after checking indices; `allowed` lists the candidates that may be opened. */
export interface CandidateSets {
	mustKeep: number[];
	mustClose: number[];
	allowed: number[];
}

/**
 * Check the matrix and weights, and that must-keep/must-close are valid, disjoint indices.
 * Throws with the bad value and what is accepted.
 */
export function checkProblem(problem: LocationProblem, options: LocateOptions = {}): CandidateSets {
	checkShape(problem);
	checkCosts(problem, 0, problem.cost.length);
	return checkSets(problem, options);
}

/**
 * {@link checkProblem} without the pass over the cost matrix's values, for a caller that reads
 * every entry anyway and calls {@link checkCosts} where it finds a suspect one (the coverage
 * goals' cover-index.ts): one pass over the matrix rather than two.
 */
export function checkProblemBesideCosts(problem: LocationProblem, options: LocateOptions = {}): CandidateSets {
	checkShape(problem);
	return checkSets(problem, options);
}

/** Throw for the first of `cost[from .. to)` that is not finite and ≥ 0, naming it. */
export function checkCosts(problem: LocationProblem, from: number, to: number): void {
	const { cost, candidateCount: m } = problem;
	for (let i = from; i < to; i++) {
		const c = cost[i];
		if (!(c >= 0 && c < Infinity))
			throw new Error(`cost[${i}] (demand ${Math.floor(i / m)}, candidate ${i % m}) is ${c}; costs must be finite and ≥ 0.`);
	}
}

function checkShape(problem: LocationProblem): void {
	const { cost, demandCount, candidateCount, weights } = problem;
	if (!Number.isInteger(demandCount) || demandCount < 1)
		throw new Error(`demandCount must be a whole number ≥ 1, got ${demandCount}.`);
	if (!Number.isInteger(candidateCount) || candidateCount < 1)
		throw new Error(`candidateCount must be a whole number ≥ 1, got ${candidateCount}.`);
	if (cost.length !== demandCount * candidateCount)
		throw new Error(
			`cost has ${cost.length} entries; expected demandCount × candidateCount = ${demandCount} × ${candidateCount} = ${demandCount * candidateCount}.`
		);
	if (weights.length !== demandCount)
		throw new Error(`weights has ${weights.length} entries; expected one per demand point (${demandCount}).`);
	for (let i = 0; i < weights.length; i++) {
		if (!(weights[i] >= 0) || !Number.isFinite(weights[i]))
			throw new Error(`weights[${i}] is ${weights[i]}; weights must be finite and ≥ 0.`);
	}
}

function checkSets(problem: LocationProblem, options: LocateOptions): CandidateSets {
	const { candidateCount } = problem;
	if (problem.openingCost && problem.openingCost.length !== candidateCount)
		throw new Error(`openingCost has ${problem.openingCost.length} entries; expected one per candidate (${candidateCount}).`);
	const mustKeep = uniqueIndices(options.mustKeep ?? [], candidateCount, 'mustKeep');
	const mustClose = uniqueIndices(options.mustClose ?? [], candidateCount, 'mustClose');
	const closed = new Set(mustClose);
	const both = mustKeep.filter((j) => closed.has(j));
	if (both.length > 0)
		throw new Error(`Candidates ${both.join(', ')} are both must-keep and must-close; choose one for each.`);
	const allowed: number[] = [];
	for (let j = 0; j < candidateCount; j++) if (!closed.has(j)) allowed.push(j);
	return { mustKeep, mustClose, allowed };
}

/** Check that k facilities can be opened given the candidate sets. */
export function checkFacilityCount(k: number, sets: CandidateSets): void {
	if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a whole number ≥ 1, got ${k}.`);
	if (k > sets.allowed.length)
		throw new Error(
			`k = ${k} is more than the ${sets.allowed.length} candidates that may be opened` +
				(sets.mustClose.length ? ` (${sets.mustClose.length} of ${sets.allowed.length + sets.mustClose.length} are must-close).` : '.')
		);
	if (k < sets.mustKeep.length)
		throw new Error(`k = ${k} is fewer than the ${sets.mustKeep.length} must-keep candidates; k must be at least ${sets.mustKeep.length}.`);
}

/**
 * The opening costs of the candidates that may be opened, checked: the cheapest goal needs a
 * finite cost ≥ 0 for each. Must-close candidates may lack one.
 */
export function checkOpeningCosts(problem: LocationProblem, sets: CandidateSets): Float64Array {
	const costs = problem.openingCost;
	if (!costs) throw new Error('The cheapest goal needs openingCost: one opening (running) cost per candidate.');
	const bad = sets.allowed.filter((j) => !(costs[j] >= 0) || !Number.isFinite(costs[j]));
	if (bad.length > 0)
		throw new Error(
			`openingCost is missing or invalid for candidates ${bad.join(', ')} (${bad.map((j) => costs[j]).join(', ')}); ` +
				'each candidate that may be opened needs a finite cost ≥ 0 (or mark it must-close).'
		);
	return costs;
}

/** Σ_{j ∈ open} openingCost_j. */
export function openingCostOf(problem: LocationProblem, open: readonly number[]): number {
	let total = 0;
	for (const j of open) total += problem.openingCost?.[j] ?? NaN;
	return total;
}

/** Total demand weight. */
export function totalWeight(problem: LocationProblem): number {
	let total = 0;
	for (let i = 0; i < problem.demandCount; i++) total += problem.weights[i];
	return total;
}

/** Σ_i w_i · min_{j ∈ open} cost_ij: the p-median objective of an open set. */
export function weightedNearestCost(problem: LocationProblem, open: readonly number[]): number {
	if (open.length === 0) throw new Error('weightedNearestCost needs at least one open candidate.');
	return nearestSummary(problem, open, -1).weightedCost;
}

/** Demand weight within `thresholdCost` of at least one open candidate. */
export function coveredWeight(problem: LocationProblem, open: readonly number[], thresholdCost: number): number {
	return nearestSummary(problem, open, thresholdCost).coveredWeight;
}

/**
 * {@link weightedNearestCost} and {@link coveredWeight} of an open set, in one pass over the
 * demand points (each one's nearest open candidate settles both). With nothing open,
 * nothing is covered (and the weighted cost is not finite).
 */
export function nearestSummary(
	problem: LocationProblem,
	open: readonly number[],
	thresholdCost: number
): { weightedCost: number; coveredWeight: number } {
	const { cost, demandCount, candidateCount: m, weights } = problem;
	const columns = Int32Array.from(open);
	const pairsEnd = columns.length - (columns.length % 2);
	let weightedCost = 0;
	let covered = 0;
	for (let i = 0, base = 0; i < demandCount; i++, base += m) {
		// Two running minima, independent of each other, let the CPU compare two costs at once
		// (a third faster with 40 hubs).
		let best0 = Infinity;
		let best1 = pairsEnd < columns.length ? cost[base + columns[pairsEnd]] : Infinity;
		for (let t = 0; t < pairsEnd; t += 2) {
			const c0 = cost[base + columns[t]];
			const c1 = cost[base + columns[t + 1]];
			if (c0 < best0) best0 = c0;
			if (c1 < best1) best1 = c1;
		}
		const best = best0 < best1 ? best0 : best1;
		weightedCost += weights[i] * best;
		if (best <= thresholdCost) covered += weights[i];
	}
	return { weightedCost, coveredWeight: covered };
}

function uniqueIndices(indices: readonly number[], candidateCount: number, label: string): number[] {
	for (const j of indices) {
		if (!Number.isInteger(j) || j < 0 || j >= candidateCount)
			throw new Error(`${label} has index ${j}; candidate indices run from 0 to ${candidateCount - 1}.`);
	}
	return [...new Set(indices)].sort((a, b) => a - b);
}
