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
 * (Lourenço, Martin & Stützle, 2003) closes a random 15 % of the hubs, refills with the
 * randomised greedy and improves again, keeping the result when it costs no more.
 */
import { mulberry32 } from './random';
import { coverageTarget } from './lscp';
import { checkOpeningCosts, checkProblem, DEFAULT_LOCATE_OPTIONS, type LocateOptions, type LocationProblem, relativeTolerance } from './problem';

export interface CheapestResult {
	/** Open candidates, ascending indices. */
	open: number[];
	/** Σ opening cost of the open candidates. */
	totalCost: number;
	coveredWeight: number;
	totalWeight: number;
	coveredShare: number;
	starts: number;
}

/** Size of the restricted candidate list of the randomised greedy. */
const CANDIDATE_LIST = 3;

/**
 * Hubplan planning assumptions (configurable), from trials on the Greater Manchester pack (343
 * post offices, targets 50/80/90 % within a mile, seeds 1–3): one greedy start per 12 `starts`
 * (8 by default), and perturbations that close 15 % of the open hubs (at least 2), kept the
 * answer within 0.26 % of HiGHS's optimum in 0.7–1.9 s; 96 fresh starts with 2-hub
 * perturbations were up to 0.68 % off and slower.
 */
const GREEDY_STARTS_PER = 12;
const PERTURB_SHARE = 0.15;

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
	const sets = checkProblem(problem, options);
	const costs = checkOpeningCosts(problem, sets);
	const { total, needed } = coverageTarget(problem, thresholdCost, targetShare, sets.allowed);
	const starts = options.starts ?? DEFAULT_LOCATE_OPTIONS.starts;
	if (!Number.isInteger(starts) || starts < 1) throw new Error(`starts must be a whole number ≥ 1, got ${starts}.`);
	const random = mulberry32(options.seed ?? DEFAULT_LOCATE_OPTIONS.seed);
	const search = new CoverSearch(problem, costs, thresholdCost, sets.allowed, sets.mustKeep, needed);

	let best: { open: number[]; cost: number } | undefined;
	const steps = 2 * starts;
	const keepBest = () => {
		const cost = search.totalCost();
		if (!best || cost < best.cost - relativeTolerance(best.cost)) best = { open: search.openSet(), cost };
	};
	// Local search from a perturbed good answer is far cheaper than from a fresh greedy, so most
	// of the 2 × starts steps go to perturbation rounds.
	const greedyStarts = Math.ceil(starts / GREEDY_STARTS_PER);
	for (let start = 0; start < greedyStarts; start++) {
		search.reset();
		search.fill(start === 0 ? undefined : random);
		search.improve();
		keepBest();
		options.onProgress?.({ start: start + 1, starts: steps, bestObjective: best!.cost, bestOpen: best!.open });
	}
	let current = best!;
	for (let step = greedyStarts; step < steps; step++) {
		search.load(current.open);
		search.perturb(Math.max(2, Math.round(PERTURB_SHARE * current.open.length)), random);
		search.fill(random);
		search.improve();
		const cost = search.totalCost();
		if (cost <= current.cost + relativeTolerance(current.cost)) current = { open: search.openSet(), cost };
		keepBest();
		options.onProgress?.({ start: step + 1, starts: steps, bestObjective: best!.cost, bestOpen: best!.open });
	}
	search.load(best!.open);
	const covered = search.coveredWeight();
	return { open: best!.open, totalCost: best!.cost, coveredWeight: covered, totalWeight: total, coveredShare: covered / total, starts };
}


/**
 * Open set and, per demand point, how many open candidates reach it; per open candidate, the
 * weight only it reaches (`loss`, kept up to date as in Resende & Werneck's swap bookkeeping), so
 * "can this hub close?" is one comparison.
 */
class CoverSearch {
	private readonly m: number;
	private readonly weights: Float64Array;
	private readonly costs: Float64Array;
	/** Demand points within the threshold of each candidate, CSR: `covers[coverStart[j] .. coverStart[j + 1])`. */
	private readonly coverStart: Int32Array;
	private readonly covers: Int32Array;
	/** Allowed candidates within the threshold of each demand point, CSR likewise. */
	private readonly reachStart: Int32Array;
	private readonly reach: Int32Array;
	private readonly allowed: number[];
	/** Allowed, not must-keep candidates, dearest first: the order in which hubs are dropped. */
	private readonly droppable: number[];
	private readonly mustKeep: number[];
	private readonly needed: number;

	private readonly isOpen: Uint8Array;
	private readonly count: Int32Array;
	private readonly loss: Float64Array;
	private covered = 0;

	constructor(problem: LocationProblem, costs: Float64Array, thresholdCost: number, allowed: number[], mustKeep: number[], needed: number) {
		const { cost, demandCount: n, candidateCount: m, weights } = problem;
		this.m = m;
		this.weights = weights;
		this.costs = costs;
		this.allowed = allowed;
		this.mustKeep = mustKeep;
		this.needed = needed;
		const fixed = new Set(mustKeep);
		this.droppable = allowed.filter((j) => !fixed.has(j)).sort((a, b) => costs[b] - costs[a] || a - b);
		// Only allowed candidates and demand with weight change anything, so the lists hold only those.
		const isAllowed = new Uint8Array(m);
		for (const j of allowed) isAllowed[j] = 1;
		const within = (i: number, j: number) => isAllowed[j] === 1 && weights[i] > 0 && cost[i * m + j] <= thresholdCost;
		this.coverStart = new Int32Array(m + 1);
		const covers: number[] = [];
		for (let j = 0; j < m; j++) {
			for (let i = 0; i < n; i++) if (within(i, j)) covers.push(i);
			this.coverStart[j + 1] = covers.length;
		}
		this.covers = Int32Array.from(covers);
		this.reachStart = new Int32Array(n + 1);
		const reach: number[] = [];
		for (let i = 0; i < n; i++) {
			for (let j = 0; j < m; j++) if (within(i, j)) reach.push(j);
			this.reachStart[i + 1] = reach.length;
		}
		this.reach = Int32Array.from(reach);
		this.isOpen = new Uint8Array(m);
		this.count = new Int32Array(n);
		this.loss = new Float64Array(m);
	}

	/** Only the must-keep candidates open. */
	reset(): void {
		this.load(this.mustKeep);
	}

	load(open: readonly number[]): void {
		this.isOpen.fill(0);
		this.count.fill(0);
		for (const j of open) this.open(j);
		this.recount();
	}

	/**
	 * Open the most cost-effective candidate until the floor holds; with `random`, a random one of
	 * the {@link CANDIDATE_LIST} most cost-effective at each step.
	 */
	fill(random?: () => number): void {
		while (this.covered < this.needed) {
			const remaining = this.needed - this.covered;
			const ranked: { j: number; score: number; gain: number }[] = [];
			for (const j of this.allowed) {
				if (this.isOpen[j]) continue;
				const gain = Math.min(this.gain(j), remaining);
				if (gain <= 0) continue;
				const score = this.costs[j] > 0 ? gain / this.costs[j] : Infinity;
				ranked.push({ j, score, gain });
			}
			// coverageTarget checked that the allowed candidates reach the floor, so ranked is not empty.
			ranked.sort((a, b) => b.score - a.score || b.gain - a.gain || a.j - b.j);
			const pick = random ? ranked[Math.floor(random() * Math.min(CANDIDATE_LIST, ranked.length))] : ranked[0];
			this.open(pick.j);
		}
		this.recount();
	}

	/** Close `count` random open candidates that are not must-keep. */
	perturb(count: number, random: () => number): void {
		for (let t = 0; t < count; t++) {
			const out = this.droppable.filter((j) => this.isOpen[j]);
			if (out.length === 0) return;
			this.close(out[Math.floor(random() * out.length)]);
		}
	}

	/**
	 * Best-improvement local search: each round prices "drop only" and, for every closed allowed
	 * candidate, "add it, then drop dearest first"; the most saving move is made, until none saves.
	 */
	improve(): void {
		for (;;) {
			let bestSaving = relativeTolerance(this.totalCost());
			let bestAdd = -2;
			for (const into of [-1, ...this.allowed]) {
				if (into >= 0 && this.isOpen[into]) continue;
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

	totalCost(): number {
		let total = 0;
		for (let j = 0; j < this.m; j++) if (this.isOpen[j]) total += this.costs[j];
		return total;
	}

	coveredWeight(): number {
		return this.covered;
	}

	openSet(): number[] {
		const open: number[] = [];
		for (let j = 0; j < this.m; j++) if (this.isOpen[j]) open.push(j);
		return open;
	}

	/**
	 * Open `into` (−1: none), then close open droppable candidates dearest first while the floor
	 * holds. Returns the saving (dropped cost − added cost); undoes everything unless `keep`.
	 */
	private addDrop(into: number, keep: boolean): number {
		const coveredBefore = this.covered;
		if (into >= 0) this.open(into);
		const dropped: number[] = [];
		for (const j of this.droppable) {
			if (j === into || !this.isOpen[j]) continue;
			if (this.covered - this.loss[j] >= this.needed) {
				this.close(j);
				dropped.push(j);
			}
		}
		let saving = into >= 0 ? -this.costs[into] : 0;
		for (const j of dropped) saving += this.costs[j];
		if (keep) this.recount();
		else {
			for (const j of dropped) this.open(j);
			if (into >= 0) this.close(into);
			this.covered = coveredBefore;
		}
		return saving;
	}

	/** Covered weight and losses summed afresh, so running sums never drift across many moves. */
	private recount(): void {
		let covered = 0;
		this.loss.fill(0);
		for (let i = 0; i < this.count.length; i++) {
			if (this.count[i] === 0) continue;
			covered += this.weights[i];
			if (this.count[i] === 1) this.loss[this.soleOpen(i)] += this.weights[i];
		}
		this.covered = covered;
	}

	/** Weight newly covered by opening j. */
	private gain(j: number): number {
		let gain = 0;
		for (let t = this.coverStart[j]; t < this.coverStart[j + 1]; t++) {
			const i = this.covers[t];
			if (this.count[i] === 0) gain += this.weights[i];
		}
		return gain;
	}

	/** The one open candidate reaching demand i (when its count is 1). */
	private soleOpen(i: number): number {
		for (let t = this.reachStart[i]; t < this.reachStart[i + 1]; t++) if (this.isOpen[this.reach[t]]) return this.reach[t];
		return -1;
	}

	private open(j: number): void {
		this.loss[j] = 0;
		for (let t = this.coverStart[j]; t < this.coverStart[j + 1]; t++) {
			const i = this.covers[t];
			const w = this.weights[i];
			if (this.count[i] === 0) {
				this.covered += w;
				this.loss[j] += w;
			} else if (this.count[i] === 1) this.loss[this.soleOpen(i)] -= w;
			this.count[i]++;
		}
		this.isOpen[j] = 1;
	}

	private close(j: number): void {
		this.isOpen[j] = 0;
		for (let t = this.coverStart[j]; t < this.coverStart[j + 1]; t++) {
			const i = this.covers[t];
			const w = this.weights[i];
			this.count[i]--;
			if (this.count[i] === 0) this.covered -= w;
			else if (this.count[i] === 1) this.loss[this.soleOpen(i)] += w;
		}
		this.loss[j] = 0;
	}
}
