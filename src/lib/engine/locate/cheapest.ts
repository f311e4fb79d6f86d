/**
 * Cheapest hubs for a coverage floor: the least total opening cost (for the estate, annual running
 * cost) of a set of candidates that keeps a target share of the demand weight within a threshold.
 * It is the location set covering problem (Toregas, Swain, ReVelle & Bergman, 1971) with facility
 * costs, relaxed to a share as in lscp.ts:
 *
 *     minimise Σ_j c_j y_j
 *     subject to Σ_i w_i z_i ≥ target · Σ_i w_i;  z_i ≤ Σ_{j ∈ N_i} y_j ∀i;  y ∈ {0, 1}, 0 ≤ z ≤ 1
 *     where N_i = { j : cost_ij ≤ threshold }
 *
 * Heuristic: greedy by cost-effectiveness (Chvátal, 1979, the weighted set-covering greedy: most
 * newly covered weight per unit cost), with each candidate's gain capped at the weight still
 * needed, so a cheap hub that finishes the job beats a dear one that overshoots. Then local
 * search with one move, "add one closed candidate, then drop open ones dearest first while the
 * floor still holds": it covers dropping a redundant hub, swapping one hub for a cheaper one, and
 * replacing two or more hubs by one. A few starts randomise the greedy (GRASP, Feo & Resende,
 * 1995: a random pick among the three most cost-effective); then an iterated local search
 * (Lourenço, Martin & Stützle, 2003, see iterated-search.ts) closes a random 15 % of the hubs,
 * refills with the randomised greedy and improves again, keeping the result when it costs no more.
 * All of it runs on the sparse {@link CoverIndex}; the Lagrangian lower bound of cover-bounds.ts
 * ends the search as soon as it proves the answer optimal.
 */
import { CandidateList } from './candidate-list';
import { coverCostLowerBound } from './cover-bounds';
import { coverIndex, type CoverIndex } from './cover-index';
import { CoverState } from './cover-state';
import { iteratedSearch, type LocalSearch } from './iterated-search';
import { coverageNeeded } from './lscp';
import { checkOpeningCosts, checkProblemBesideCosts, checkStarts, DEFAULT_LOCATE_OPTIONS, type LocateOptions, type LocationProblem, relativeTolerance, type SearchBound } from './problem';

export interface CheapestResult {
	/** Open candidates, ascending indices. */
	open: number[];
	/** Σ opening cost of the open candidates. */
	totalCost: number;
	coveredWeight: number;
	totalWeight: number;
	coveredShare: number;
	/** Proven lower bound on the least total cost. */
	lowerBound: SearchBound;
	/** Search steps run. */
	steps: number;
}

/**
 * Hubplan planning assumptions (configurable), from trials on the Greater Manchester pack (343
 * post offices, targets 50/80/90 % within a mile, seeds 1–3): one greedy start per 12 `starts`
 * (8 by default), and perturbations that close 15 % of the open hubs (at least 2), kept the
 * answer within 0.26 % of HiGHS's optimum; 96 fresh starts with 2-hub perturbations were up to
 * 0.68 % off and slower. Stopping after `starts / 4` rounds without a cheaper answer kept post
 * offices within 0.02 % (`starts / 8`: 0.26 %).
 */
const GREEDY_STARTS_PER = 12;
const PERTURB_SHARE = 0.15;
const PATIENCE_PER = 4;

/**
 * Cheapest set of candidates covering at least `targetShare` (0–1) of the demand weight within
 * `thresholdCost`, by `problem.openingCost`. Throws before searching if even every allowed
 * candidate falls short, or if a candidate that may be opened has no cost.
 *
 * @example
 * const problem = {
 * 	cost: new Float64Array([100, 100, 900, 100]), demandCount: 2, candidateCount: 2,
 * 	weights: new Float64Array([1, 1]), openingCost: new Float64Array([50, 80])
 * };
 * solveCheapest(problem, 500, 1).open; // [1]: only candidate 1 reaches both demand points
 * solveCheapest(problem, 500, 0.5).open; // [0]: half the demand, for 50 rather than 80
 */
export function solveCheapest(
	problem: LocationProblem,
	thresholdCost: number,
	targetShare: number,
	options: LocateOptions = {}
): CheapestResult {
	// coverIndex checks the costs as it reads them.
	const sets = checkProblemBesideCosts(problem, options);
	const costs = checkOpeningCosts(problem, sets);
	const index = coverIndex(problem, thresholdCost, sets.allowed);
	const needed = coverageNeeded(index, thresholdCost, targetShare, sets.allowed.length);
	const starts = checkStarts(options);
	const search = new CoverSearch(index, costs, sets.allowed, sets.mustKeep, needed);
	const free = sets.allowed.filter((j) => !sets.mustKeep.includes(j));
	// Local search from a perturbed good answer is far cheaper than from a fresh greedy, so most
	// of the 2 × starts steps go to perturbation rounds.
	const outcome = iteratedSearch(search, {
		seed: options.seed ?? DEFAULT_LOCATE_OPTIONS.seed,
		greedyStarts: Math.ceil(starts / GREEDY_STARTS_PER),
		steps: 2 * starts,
		patience: Math.ceil(starts / PATIENCE_PER),
		lowerBound: (incumbent) => {
			const relaxation = coverCostLowerBound(index, costs, sets.mustKeep, free, needed, incumbent.objective);
			// The relaxation's hubs may fall short of the floor: the greedy completes them.
			search.load(relaxation.chosen);
			search.fill();
			return { bound: relaxation.bound, start: search.openSet() };
		},
		onProgress: options.onProgress
	});
	search.load(outcome.open);
	const covered = search.coveredWeight();
	return {
		open: outcome.open,
		totalCost: outcome.objective,
		coveredWeight: covered,
		totalWeight: index.totalWeight,
		coveredShare: covered / index.totalWeight,
		lowerBound: { ...outcome.bound!, value: Math.min(outcome.bound!.value, outcome.objective) },
		steps: outcome.steps
	};
}

/**
 * The add-and-drop search over a {@link CoverState}: its `loss` makes "can this hub close?" one
 * comparison.
 */
class CoverSearch implements LocalSearch {
	private readonly state: CoverState;
	/** Allowed, not must-keep candidates, dearest first: the order in which hubs are dropped. */
	private readonly droppable: number[];
	/** Scratch: weight each closed candidate would newly cover (fill), and see {@link dropBound}. */
	private readonly gains: Float64Array;
	private readonly extra: Float64Array;
	private readonly isDroppable: Uint8Array;
	/** Set by sortByLoss for each improve round (see {@link dropBound}). */
	private byLoss: number[] = [];
	private prefixCost = new Float64Array(1);

	constructor(
		index: CoverIndex,
		private readonly costs: Float64Array,
		private readonly allowed: number[],
		private readonly mustKeep: number[],
		private readonly needed: number
	) {
		this.state = new CoverState(index);
		const fixed = new Set(mustKeep);
		this.droppable = allowed.filter((j) => !fixed.has(j)).sort((a, b) => costs[b] - costs[a] || a - b);
		this.gains = new Float64Array(index.candidateCount);
		this.extra = new Float64Array(index.candidateCount);
		this.isDroppable = new Uint8Array(index.candidateCount);
		for (const j of this.droppable) this.isDroppable[j] = 1;
	}

	construct(random?: () => number): void {
		this.load(this.mustKeep);
		this.fill(random);
	}

	load(open: readonly number[]): void {
		this.state.load(open);
	}

	/**
	 * Open the most cost-effective candidate until the floor holds; with `random`, a random one of
	 * the {@link CandidateList} most cost-effective at each step. Gains are kept up to date as
	 * classes become covered, so each pick is one pass over the candidates.
	 */
	fill(random?: () => number): void {
		const { state, gains, costs } = this;
		const { coverStart, covers, reachStart, reach, classWeight } = state.index;
		for (const j of this.allowed) gains[j] = state.isOpen[j] ? 0 : state.gain(j);
		const listed = CandidateList.forPicking(random);
		while (state.covered < this.needed) {
			const remaining = this.needed - state.covered;
			// The most cost-effective first; equal ones by larger gain, then lower index.
			listed.clear();
			for (const j of this.allowed) {
				const gain = Math.min(gains[j], remaining);
				if (gain > 0) listed.offer(j, costs[j] > 0 ? gain / costs[j] : Infinity, gain);
			}
			// coverageNeeded checked that the allowed candidates reach the floor, so one is listed.
			const pick = listed.pick(random);
			for (let t = coverStart[pick]; t < coverStart[pick + 1]; t++) {
				const c = covers[t];
				if (state.count[c] > 0) continue;
				for (let u = reachStart[c]; u < reachStart[c + 1]; u++) gains[reach[u]] -= classWeight[c];
			}
			state.open(pick);
			gains[pick] = 0;
		}
		state.recount();
	}

	/** Close a random 15 % (at least 2) of the open candidates that are not must-keep, then refill. */
	perturb(random: () => number): void {
		const count = Math.max(2, Math.round(PERTURB_SHARE * this.state.openCount));
		for (let t = 0; t < count; t++) {
			const out = this.droppable.filter((j) => this.state.isOpen[j]);
			if (out.length === 0) break;
			this.state.close(out[Math.floor(random() * out.length)]);
		}
		this.fill(random);
	}

	/**
	 * Best-improvement local search: each round prices "drop only" and, for every closed allowed
	 * candidate, "add it, then drop dearest first"; the most saving move is made, until none saves.
	 * A candidate whose {@link dropBound} cannot beat the best move so far is not priced.
	 */
	improve(): void {
		for (;;) {
			let bestSaving = relativeTolerance(this.objective());
			let bestAdd = -2;
			this.sortByLoss();
			for (const into of [-1, ...this.allowed]) {
				if (into >= 0 && (this.state.isOpen[into] || this.dropBound(into) <= bestSaving)) continue;
				const saving = this.addDrop(into, false);
				if (saving > bestSaving) {
					bestSaving = saving;
					bestAdd = into;
				}
			}
			if (bestAdd === -2) return;
			this.addDrop(bestAdd, true);
		}
	}

	/** Total opening cost. */
	objective(): number {
		let total = 0;
		for (const j of this.openSet()) total += this.costs[j];
		return total;
	}

	coveredWeight(): number {
		return this.state.covered;
	}

	openSet(): number[] {
		return this.state.openSet();
	}

	/** Fill {@link byLoss}: the open droppable candidates by loss, ascending, with prefix costs. */
	private sortByLoss(): void {
		const { state } = this;
		const open = this.droppable.filter((j) => state.isOpen[j]).sort((a, b) => state.loss[a] - state.loss[b] || a - b);
		this.byLoss = open;
		this.prefixCost = new Float64Array(open.length + 1);
		for (let r = 0; r < open.length; r++) this.prefixCost[r + 1] = this.prefixCost[r] + this.costs[open[r]];
	}

	/**
	 * An upper bound on {@link addDrop}(into)'s saving. Opening `into` covers `gain` more and cuts
	 * each open j's loss by `extra[j]`, the weight only j reached that `into` reaches too; j can then
	 * close only if loss[j] − extra[j] ≤ covered + gain − needed, and each close only raises the
	 * others' losses, so the hubs meeting that test now are all that can ever close.
	 */
	private dropBound(into: number): number {
		const { state, extra, costs, byLoss, prefixCost } = this;
		const { coverStart, covers, classWeight } = state.index;
		let gain = 0;
		const touched: number[] = [];
		for (let t = coverStart[into]; t < coverStart[into + 1]; t++) {
			const c = covers[t];
			if (state.count[c] === 0) gain += classWeight[c];
			else if (state.count[c] === 1) {
				const j = state.soleOpen(c);
				if (extra[j] === 0) touched.push(j);
				extra[j] += classWeight[c];
			}
		}
		// A hair of slack, so float noise in the running sums never prunes a move addDrop would take.
		const limit = state.covered + gain - this.needed + 1e-9 * Math.max(1, state.covered);
		// Hubs whose loss alone is within the limit: a prefix of byLoss.
		let lo = 0;
		let hi = byLoss.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (state.loss[byLoss[mid]] <= limit) lo = mid + 1;
			else hi = mid;
		}
		let saving = prefixCost[lo] - costs[into];
		// Touched hubs move from the prefix test to the sharper one (must-keep hubs never close).
		for (const j of touched) {
			if (this.isDroppable[j] && state.loss[j] <= limit) saving -= costs[j];
			if (this.isDroppable[j] && state.loss[j] - extra[j] <= limit) saving += costs[j];
			extra[j] = 0;
		}
		return saving;
	}

	/**
	 * Open `into` (−1: none), then close open droppable candidates dearest first while the floor
	 * holds. Returns the saving (dropped cost − added cost); undoes everything unless `keep`.
	 */
	private addDrop(into: number, keep: boolean): number {
		const { state } = this;
		const coveredBefore = state.covered;
		if (into >= 0) state.open(into);
		const dropped: number[] = [];
		for (const j of this.droppable) {
			if (j === into || !state.isOpen[j]) continue;
			if (state.covered - state.loss[j] >= this.needed) {
				state.close(j);
				dropped.push(j);
			}
		}
		let saving = into >= 0 ? -this.costs[into] : 0;
		for (const j of dropped) saving += this.costs[j];
		if (keep) state.recount();
		else {
			for (const j of dropped) state.open(j);
			if (into >= 0) state.close(into);
			state.covered = coveredBefore;
		}
		return saving;
	}
}
