/**
 * Maximal covering location problem (Church & ReVelle, 1974): open k candidates so that the
 * demand weight within `thresholdCost` of an open candidate is largest.
 *
 *     maximise Σ_i w_i z_i
 *     subject to z_i ≤ Σ_{j ∈ N_i} y_j ∀i;  Σ_j y_j = k;  y ∈ {0, 1}, 0 ≤ z ≤ 1
 *     where N_i = { j : c_ij ≤ threshold }
 *
 * Method: on the sparse {@link CoverIndex}, greedy construction (most newly covered weight; later
 * starts pick at random among the three best, as in GRASP, Feo & Resende, 1995), then
 * best-improvement swaps (Teitz & Bart, 1968) priced with Resende & Werneck's (2007) gain/loss
 * bookkeeping, in the iterated search of iterated-search.ts. The Lagrangian upper bound of
 * cover-bounds.ts ends the search as soon as it proves the answer optimal.
 */
import { CandidateList } from './candidate-list';
import { maxCoverUpperBound } from './cover-bounds';
import { coverIndex, type CoverIndex } from './cover-index';
import { CoverState } from './cover-state';
import { iteratedSearch, type LocalSearch, type SearchOutcome } from './iterated-search';
import {
	checkFacilityCount,
	checkProblemBesideCosts,
	checkStarts,
	DEFAULT_LOCATE_OPTIONS,
	type CandidateSets,
	type LocateOptions,
	type LocationProblem,
	relativeTolerance,
	type SearchBound
} from './problem';

export interface CoverageResult {
	/** Open candidates, ascending indices. */
	open: number[];
	/** Demand weight within the threshold of an open candidate. */
	coveredWeight: number;
	totalWeight: number;
	/** coveredWeight / totalWeight (0 when the total is 0). */
	coveredShare: number;
	/** Proven upper bound on the coverage any k candidates reach. */
	upperBound: SearchBound | null;
	/** Search steps run. */
	steps: number;
}

/**
 * Hubplan planning assumptions (configurable), from trials on the Greater Manchester pack (141
 * libraries and 343 post offices, k = 5–40, seeds 1–3): one greedy start per 48 `starts` (two by
 * default; the bound's own choice is the start that matters, see cover-bounds.ts), the rest
 * perturbation rounds, stopping after `starts / 8` rounds without a better answer, reached
 * HiGHS's optimum on every row, most of them proven by the bound. More greedy starts found
 * nothing better and cost a third more time on 40 post offices.
 */
const GREEDY_STARTS_PER = 48;
const PATIENCE_PER = 8;
/**
 * Hubplan planning assumption (configurable): patience shrinks once the bound proves the answer
 * within this share of optimal (the hub optimiser's quality target, issue 5).
 */
const NEAR_OPTIMAL = 0.005;

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
	// coverIndex checks the costs on its pass over the matrix.
	const sets = checkProblemBesideCosts(problem, options);
	checkFacilityCount(k, sets);
	return maxCoverage(coverIndex(problem, thresholdCost, sets.allowed), sets, k, options);
}

/**
 * {@link solveMaxCoverage} on a prepared index, so the fewest-hubs search can try several k on one.
 * With `enough`, the search also ends as soon as it covers that much weight, or its bound shows
 * it cannot.
 */
export function maxCoverage(index: CoverIndex, sets: CandidateSets, k: number, options: LocateOptions, enough?: number): CoverageResult {
	const search = new MaxCoverSearch(index, sets, k);
	const total = index.totalWeight;
	const starts = checkStarts(options);
	const free = sets.allowed.filter((j) => !sets.mustKeep.includes(j));
	// The search minimises uncovered weight.
	const outcome: SearchOutcome = iteratedSearch(search, {
		seed: options.seed ?? DEFAULT_LOCATE_OPTIONS.seed,
		greedyStarts: Math.ceil(starts / GREEDY_STARTS_PER),
		steps: 2 * starts,
		patience: Math.ceil(starts / PATIENCE_PER),
		patienceGap: (bound) => NEAR_OPTIMAL * (total - bound),
		lowerBound: (incumbent) => {
			const relaxation = maxCoverUpperBound(index, sets.mustKeep, free, k - sets.mustKeep.length, incumbent.open);
			return { bound: total - relaxation.bound, start: relaxation.chosen };
		},
		enough: enough === undefined ? undefined : total - enough,
		onProgress: options.onProgress
	});
	const covered = total - outcome.objective;
	return {
		open: outcome.open,
		coveredWeight: covered,
		totalWeight: total,
		coveredShare: total > 0 ? covered / total : 0,
		upperBound: outcome.bound && { ...outcome.bound, value: Math.max(covered, total - outcome.bound.value) },
		steps: outcome.steps
	};
}

/** Greedy construction and best-improvement swaps for k open candidates. */
export class MaxCoverSearch implements LocalSearch {
	private readonly state: CoverState;
	private readonly free: number[];
	private readonly isFree: Uint8Array;
	/** Scratch for swap pricing: weight each open candidate alone covers that `into` also covers. */
	private readonly extra: Float64Array;
	/** Scratch for {@link openByLoss}, and for the open candidates `into` touches. */
	private readonly byLoss: Int32Array;
	private readonly touched: Int32Array;

	constructor(
		private readonly index: CoverIndex,
		private readonly sets: CandidateSets,
		private readonly k: number
	) {
		this.state = new CoverState(index, true);
		this.isFree = new Uint8Array(index.candidateCount);
		for (const j of sets.allowed) this.isFree[j] = 1;
		for (const j of sets.mustKeep) this.isFree[j] = 0;
		this.free = sets.allowed.filter((j) => this.isFree[j]);
		this.extra = new Float64Array(index.candidateCount);
		this.byLoss = new Int32Array(index.candidateCount);
		this.touched = new Int32Array(index.candidateCount);
	}

	construct(random?: () => number): void {
		this.grow(Infinity, random);
	}

	/** The plain greedy's open set once it covers `enough` weight (or opens every free candidate). */
	greedyUntil(enough: number): number[] {
		this.grow(enough);
		return this.state.openSet();
	}

	/**
	 * Greedy: open the candidate newly covering most weight (or, with `random`, one of the
	 * {@link CandidateList} best) until k are open or `enough` weight is covered. The state keeps
	 * every candidate's gain up to date, so each pick is one pass over the candidates.
	 */
	private grow(enough: number, random?: () => number): void {
		const { state } = this;
		const { gains } = state;
		state.load(this.sets.mustKeep);
		const listed = CandidateList.forPicking(random);
		while (state.openCount < this.k && state.covered < enough) {
			listed.clear();
			for (const j of this.free) if (!state.isOpen[j]) listed.offer(j, gains[j]);
			if (listed.length === 0) break;
			state.open(listed.pick(random));
		}
		state.recount();
	}

	improve(): void {
		for (;;) {
			const move = this.bestSwap();
			if (!move) return;
			this.state.close(move.out);
			this.state.open(move.into);
			this.state.recount();
		}
	}

	/** Swap two random open (not must-keep) candidates for random closed ones. */
	perturb(random: () => number): void {
		const { state } = this;
		for (let t = 0; t < 2; t++) {
			const out = this.free.filter((j) => state.isOpen[j]);
			const into = this.free.filter((j) => !state.isOpen[j]);
			if (out.length === 0 || into.length === 0) return;
			state.close(out[Math.floor(random() * out.length)]);
			state.open(into[Math.floor(random() * into.length)]);
		}
		state.recount();
	}

	load(open: readonly number[]): void {
		this.state.load(open);
	}

	/** Uncovered weight, including demand no candidate reaches. */
	objective(): number {
		return this.index.totalWeight - this.state.covered;
	}

	openSet(): number[] {
		return this.state.openSet();
	}

	/**
	 * The swap that covers most: profit(into, out) = gain(into) − loss(out) + extra, where extra
	 * is the weight only `out` covers that `into` covers too. Profit never exceeds gain(into), so
	 * closed candidates that gain no more than the best profit so far are skipped; for the rest
	 * only the open candidates their classes touch, and the one with least loss, can be best.
	 */
	private bestSwap(): { into: number; out: number } | undefined {
		const { state, extra, isFree, touched } = this;
		const { coverStart, covers, classWeight } = this.index;
		const outs = this.openByLoss();
		if (outs.length === 0) return undefined;
		const tolerance = relativeTolerance(state.covered);
		let bestProfit = tolerance;
		let bestInto = -1;
		let bestOut = -1;
		for (const into of this.free) {
			// The kept-up gain (a running sum, hence the tolerance) skips most candidates unread.
			if (state.isOpen[into] || state.gains[into] <= bestProfit - tolerance) continue;
			let gain = 0;
			let touchedCount = 0;
			for (let t = coverStart[into]; t < coverStart[into + 1]; t++) {
				const c = covers[t];
				const count = state.count[c];
				if (count === 0) gain += classWeight[c];
				else if (count === 1) {
					const out = state.soleOpen(c);
					if (!isFree[out]) continue;
					if (extra[out] === 0) touched[touchedCount++] = out;
					extra[out] += classWeight[c];
				}
			}
			if (gain > bestProfit) {
				for (let u = 0; u < touchedCount; u++) {
					const out = touched[u];
					const profit = gain - state.loss[out] + extra[out];
					if (profit > bestProfit) {
						bestProfit = profit;
						bestInto = into;
						bestOut = out;
					}
				}
				let untouched = -1;
				for (let r = 0; r < outs.length && untouched < 0; r++) if (extra[outs[r]] === 0) untouched = outs[r];
				if (untouched >= 0 && gain - state.loss[untouched] > bestProfit) {
					bestProfit = gain - state.loss[untouched];
					bestInto = into;
					bestOut = untouched;
				}
			}
			for (let u = 0; u < touchedCount; u++) extra[touched[u]] = 0;
		}
		return bestInto < 0 ? undefined : { into: bestInto, out: bestOut };
	}

	/**
	 * The open free candidates by loss, least first (ties by index), by insertion sort into
	 * scratch space: a few dozen items, sorted on every swap search.
	 */
	private openByLoss(): Int32Array {
		const { isOpen, loss } = this.state;
		const sorted = this.byLoss;
		let size = 0;
		for (const j of this.free) {
			if (!isOpen[j]) continue;
			let r = size++;
			// `free` is ascending, so j follows every equal loss already placed.
			for (; r > 0 && loss[sorted[r - 1]] > loss[j]; r--) sorted[r] = sorted[r - 1];
			sorted[r] = j;
		}
		return sorted.subarray(0, size);
	}
}
