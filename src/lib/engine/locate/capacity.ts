/**
 * Least travel with hub capacities: the capacitated p-median (e.g. Mulvey & Beck, 1984, "Solving
 * capacitated clustering problems", EJOR 18), with divisible demand, because a zone is many
 * residents who need not all use the same hub:
 *
 *     minimise Σ_i Σ_j w_i c_ij x_ij
 *     subject to Σ_j x_ij = 1 ∀i;  x_ij ≤ y_j;  Σ_i d_i x_ij ≤ Q_j y_j ∀j;  Σ_j y_j = k;
 *                y ∈ {0, 1}, 0 ≤ x ≤ 1
 *
 * where d_i is demand point i's load on a hub (residents) and Q_j candidate j's capacity in the
 * same unit. HiGHS solves this exactly (exact.ts). For a given set of hubs the best split of
 * demand is a transportation problem, solved exactly (capacity-assignment.ts), so the objective
 * of a set is its true optimum, HiGHS's for the same hubs. The heuristic chooses the set:
 *
 * 1. The uncapacitated search (interchange.ts) runs; each set it calls its best is split with
 *    capacities as it appears (repaired to fit, if none fits).
 * 2. Swap search (Teitz & Bart, 1968, vertex substitution) from the best of those, then from the
 *    uncapacitated answer. The prices that prove the current split optimal (dual values of the
 *    capacity rows) bound every swap's cost from below in O(n) (capacity-prices.ts), so only swaps
 *    whose bound beats the current cost are looked at; the most promising have their bound
 *    tightened by a few subgradient steps, and are split, lowest bound first. The first that
 *    pays is made. It stops at a local optimum or when its work budget runs out, a count (not
 *    a clock) so a seed always gives the same answer.
 *
 * Measured on Greater Manchester's 141 libraries (1,702 zones, every library 600 m²), k = 5–40 with
 * the hubs 80–96 % full: 0.4–1.4 CPU s, each answer at least as good as the previous search's
 * (which took up to 78 s), and within 0–1.9 % of the capacitated Lagrangian bound
 * (capacity-bound.ts); on Trafford libraries (k = 5 and 8, 50 residents per m²), HiGHS's optimum.
 * Limits, stated plainly: swaps are one-for-one from two starts, so the answer is a local optimum,
 * proven only as far as that bound (or HiGHS) proves it. It always ends feasible when any k
 * allowed hubs can hold the demand, and fails before searching, quoting the numbers, when none can.
 */
import { CapacitatedAssignment, type CapacitatedSplit } from './capacity-assignment';
import { HubPrices } from './capacity-prices';
import { solveMinSum } from './interchange';
import {
	checkFacilityCount,
	checkProblem,
	type CandidateSets,
	type LocateOptions,
	type LocationProblem,
	relativeTolerance
} from './problem';

export { CapacitatedAssignment };

export interface CapacitatedResult {
	/** Open candidates, ascending indices. */
	open: number[];
	/** Σ_i Σ_j w_i c_ij x_ij of the optimal split of demand between the open hubs. */
	objective: number;
	/** Load (Σ_i d_i x_ij) on each candidate, length candidateCount (0 when closed). */
	load: Float64Array;
	/** Swaps made after the uncapacitated start. */
	swaps: number;
}

/**
 * Work allowed after the uncapacitated search, in splits of demand, a refined swap bound counting
 * as {@link REFINE_WORK} of one. Hubplan planning assumptions (configurable by editing): with
 * these, Greater Manchester library runs took at most 1.4 CPU s and matched or beat the previous,
 * unbounded search; counting refinements cheaper found slightly better answers more slowly.
 */
const WORK_BUDGET = 200;
const REFINE_WORK = 0.25;
/** Swaps whose bounds are refined together, and the subgradient steps each refinement takes. */
const REFINE_BATCH = 12;
const REFINE_ITERATIONS = 10;

/**
 * Best k candidates found for least weighted travel when each hub holds at most its capacity.
 * Progress counts the uncapacitated search's steps, then the swap search's work (see
 * {@link WORK_BUDGET}); it always reports the capacitated objective of the best set so far.
 *
 * @example
 * const problem = {
 * 	cost: new Float64Array([0, 10, 1, 9]), demandCount: 2, candidateCount: 2, weights: new Float64Array([5, 5]),
 * 	capacity: { capacity: new Float64Array([6, 10]), demand: new Float64Array([5, 5]) }
 * };
 * solveCapacitatedMedian(problem, 1).open; // [1]: candidate 0 is nearer both but holds 6 of 10
 */
export function solveCapacitatedMedian(problem: LocationProblem, k: number, options: LocateOptions = {}): CapacitatedResult {
	const sets = checkProblem(problem, options);
	checkFacilityCount(k, sets);
	checkCapacity(problem, k, sets);
	const assign = new CapacitatedAssignment(problem, sets.allowed);
	const fixed = new Set(sets.mustKeep);
	let best: CapacitatedSplit | undefined;
	let searchSteps = 0;
	const report = (start: number) =>
		best && options.onProgress?.({ start, starts: searchSteps + WORK_BUDGET, bestObjective: best.cost, bestOpen: best.open });
	/** Split demand over `open` (ascending), keeping it if it is the best so far; see CapacitatedAssignment.split for `hubPrices`. */
	const consider = (open: number[], hubPrices?: Float64Array): CapacitatedSplit => {
		const split = assign.split(open, hubPrices);
		if (!best || split.cost < best.cost - relativeTolerance(best.cost)) best = split;
		return split;
	};

	// Phase 1: the uncapacitated search; each set it calls its best is priced with capacities.
	const seen: CapacitatedSplit[] = [];
	let lastKey = '';
	const uncapacitated = solveMinSum(problem, k, {
		...options,
		onProgress: (progress) => {
			searchSteps = progress.starts;
			const key = progress.bestOpen.join(',');
			if (key !== lastKey && assign.shortfall(progress.bestOpen) === 0) seen.push(consider([...progress.bestOpen].sort((a, b) => a - b)));
			lastKey = key;
			report(progress.start);
		}
	});
	const last = seen.at(-1) ?? consider(repair(problem, uncapacitated.open, sets.allowed, fixed, assign));

	// Phase 2: swap search from the best of those, then from the uncapacitated answer itself
	// (it often lies in another basin), while work remains.
	let work = 0;
	let swaps = 0;
	const spend = (amount: number) => {
		const before = Math.floor(work);
		work += amount;
		// The last step is kept for the final report, below.
		if (Math.floor(work) > before) report(searchSteps + Math.min(WORK_BUDGET - 1, Math.floor(work)));
	};
	const prices = new HubPrices(problem, assign.nearest);
	for (const start of best === last ? [best] : [best!, last]) {
		if (work >= WORK_BUDGET) break;
		let current = start;
		search: for (;;) {
			prices.adopt(current.open, current.slotPrices);
			const below = current.cost - relativeTolerance(current.cost);
			const trials = swapTrials(current.open, sets.allowed, fixed, prices, assign, below);
			for (let from = 0; from < trials.length; from += REFINE_BATCH) {
				// Refine a batch of the most promising bounds, then price the survivors, lowest first.
				const batch: { open: number[]; bound: number; price: Float64Array }[] = [];
				for (const { out, into, intoPrice } of trials.slice(from, from + REFINE_BATCH)) {
					if (work >= WORK_BUDGET) break search;
					const open = current.open.map((j) => (j === out ? into : j)).sort((a, b) => a - b);
					batch.push({ open, ...prices.refinedBound(open, current.cost, REFINE_ITERATIONS, { hub: into, price: intoPrice }) });
					spend(REFINE_WORK);
				}
				batch.sort((a, b) => a.bound - b.bound);
				for (const { open, bound, price } of batch) {
					if (!(bound < below) || work >= WORK_BUDGET) break;
					const trial = consider(open, price);
					spend(1);
					if (trial.cost < below) {
						current = trial;
						swaps++;
						continue search;
					}
				}
			}
			break;
		}
	}
	// Split afresh, without prices, as every other caller prices a set (the same optimum; this
	// makes the objective equal theirs to the last bit).
	const { open, cost, load } = assign.split(best!.open);
	best = { ...best!, cost };
	report(searchSteps + WORK_BUDGET);
	return { open, objective: cost, load, swaps };
}

/** Swaps (out → into) whose price bound is below `below`, feasible ones only, lowest bound first. */
function swapTrials(
	open: readonly number[],
	allowed: readonly number[],
	fixed: ReadonlySet<number>,
	prices: HubPrices,
	assign: CapacitatedAssignment,
	below: number
): { out: number; into: number; bound: number; intoPrice: number }[] {
	const outs = open.filter((j) => !fixed.has(j));
	const isOpen = new Set(open);
	const trials: { out: number; into: number; bound: number; intoPrice: number }[] = [];
	for (const into of allowed) {
		if (isOpen.has(into)) continue;
		const { bounds, intoPrices } = prices.swapBounds(into, outs);
		outs.forEach((out, o) => {
			if (!(bounds[o] < below)) return;
			if (assign.shortfall(open.map((j) => (j === out ? into : j))) > 0) return;
			trials.push({ out, into, bound: bounds[o], intoPrice: intoPrices[o] });
		});
	}
	return trials.sort((a, b) => a.bound - b.bound || a.out - b.out || a.into - b.into);
}

/** Swap the smallest open hub for the largest closed one until the demand fits; ascending. */
function repair(problem: LocationProblem, start: readonly number[], allowed: readonly number[], fixed: ReadonlySet<number>, assign: CapacitatedAssignment): number[] {
	const { capacity } = problem.capacity!;
	let open = [...start];
	while (assign.shortfall(open) > 0) {
		const out = open.filter((j) => !fixed.has(j)).sort((a, b) => capacity[a] - capacity[b] || a - b)[0];
		const into = allowed.filter((j) => !open.includes(j)).sort((a, b) => capacity[b] - capacity[a] || a - b)[0];
		// checkCapacity proved that the k largest fit, so a larger closed hub always exists here.
		if (out === undefined || into === undefined || !(capacity[into] > capacity[out])) throw new Error('Capacity repair found no larger hub to open.');
		open = open.map((j) => (j === out ? into : j));
	}
	return open.sort((a, b) => a - b);
}

/**
 * Check the capacity input and that some k allowed candidates (with the must-keep ones) can hold
 * the whole demand; throws before any search, quoting the numbers.
 */
export function checkCapacity(problem: LocationProblem, k: number, sets: CandidateSets): void {
	const input = problem.capacity;
	if (!input) throw new Error('A capacitated goal needs capacity: a capacity per candidate and a demand per demand point.');
	const { capacity, demand } = input;
	if (capacity.length !== problem.candidateCount)
		throw new Error(`capacity has ${capacity.length} entries; expected one per candidate (${problem.candidateCount}).`);
	if (demand.length !== problem.demandCount)
		throw new Error(`demand has ${demand.length} entries; expected one per demand point (${problem.demandCount}).`);
	const bad = sets.allowed.filter((j) => !(capacity[j] >= 0) || !Number.isFinite(capacity[j]));
	if (bad.length > 0)
		throw new Error(`capacity is missing or invalid for candidates ${bad.join(', ')}; each candidate that may be opened needs a finite capacity ≥ 0 (or mark it must-close).`);
	let total = 0;
	for (let i = 0; i < demand.length; i++) {
		if (!(demand[i] >= 0) || !Number.isFinite(demand[i])) throw new Error(`demand[${i}] is ${demand[i]}; demand must be finite and ≥ 0.`);
		total += demand[i];
	}
	const kept = new Set(sets.mustKeep);
	const largestFree = sets.allowed
		.filter((j) => !kept.has(j))
		.map((j) => capacity[j])
		.sort((a, b) => b - a)
		.slice(0, k - sets.mustKeep.length);
	const most = sets.mustKeep.reduce((sum, j) => sum + capacity[j], 0) + largestFree.reduce((sum, q) => sum + q, 0);
	if (most < total * (1 - 1e-12))
		throw new Error(
			`No ${k} hubs can hold the demand: the largest ${k} that may be chosen${sets.mustKeep.length ? ` (with the ${sets.mustKeep.length} must-keep)` : ''} ` +
				`hold ${formatNumber(most)} in all, but the demand is ${formatNumber(total)}. Choose more hubs or raise the capacities.`
		);
}

function formatNumber(value: number): string {
	return Math.round(value).toLocaleString('en-GB');
}
