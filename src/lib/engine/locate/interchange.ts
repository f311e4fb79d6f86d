/**
 * Minimise Σ_i w_i · min_{j ∈ S} c_ij over sets S of k candidates: the p-median objective, which
 * maximal coverage also reduces to (with c_ij = 1 where demand i is outside the threshold of j).
 *
 * Method: greedy construction (Kuehn & Hamburger, 1963), randomised for later starts by the
 * "sample" greedy of Resende & Werneck (2004, "A hybrid heuristic for the p-median problem",
 * J. Heuristics 10), each followed by vertex-substitution local search (Teitz & Bart, 1968) made
 * fast with the gain/loss/extra bookkeeping of Resende & Werneck (2007, "A fast swap-based local
 * search procedure for location problems", Annals of OR 150): every swap is priced from three
 * arrays in O(1), and after a swap only the demand points whose nearest or second-nearest open
 * facility changed are re-booked. Best-improvement swaps.
 *
 * After the starts, the iterated local search of iterated-search.ts perturbs the best answer by two
 * random swaps and improves again, keeping the result when it is no worse.
 */
import { iteratedSearch, type LocalSearch } from './iterated-search';
import {
	checkFacilityCount,
	checkProblem,
	checkStarts,
	DEFAULT_LOCATE_OPTIONS,
	type LocateOptions,
	type LocationProblem,
	relativeTolerance,
	type SearchBound
} from './problem';

/** Answer of the min-sum search. */
export interface MinSumResult {
	/** Open candidates, ascending indices. */
	open: number[];
	/** Σ_i w_i · min_{j ∈ open} c_ij. */
	objective: number;
	/** Steps (starts and perturbation rounds) run, and swaps made over all of them. */
	starts: number;
	swaps: number;
	/** The proven lower bound, when one was asked for. */
	bound: SearchBound | null;
}

/**
 * Best set of k candidates found for the weighted min-sum (p-median) objective. With
 * `lowerBound` (a proven bound for an answer, e.g. the Lagrangian one), the search ends as soon as
 * an answer meets it.
 *
 * @example
 * const problem = { cost: new Float64Array([0, 5, 5, 0]), demandCount: 2, candidateCount: 2, weights: new Float64Array([1, 1]) };
 * solveMinSum(problem, 1).objective; // 5
 */
export function solveMinSum(
	problem: LocationProblem,
	k: number,
	options: LocateOptions = {},
	lowerBound?: (objective: number) => number
): MinSumResult {
	const sets = checkProblem(problem, options);
	checkFacilityCount(k, sets);
	const starts = checkStarts(options);
	const search = new SwapSearch(problem, sets.allowed, sets.mustKeep);
	let swaps = 0;
	const local: LocalSearch = {
		construct: (random) => search.construct(k, random),
		improve: () => {
			swaps += search.improve();
		},
		perturb: (random) => search.perturb(2, random),
		load: (open) => search.load(open),
		objective: () => search.objective(),
		openSet: () => search.openSet()
	};
	// Every start is a greedy one, then as many perturbation rounds.
	const outcome = iteratedSearch(local, {
		seed: options.seed ?? DEFAULT_LOCATE_OPTIONS.seed,
		greedyStarts: starts,
		steps: 2 * starts,
		lowerBound: lowerBound && ((incumbent) => ({ bound: lowerBound(incumbent.objective) })),
		// The bound's steps aim at the incumbent, so it is computed once the search has a good one.
		boundAfter: Math.ceil(starts / 8),
		onProgress: options.onProgress
	});
	return { open: outcome.open, objective: outcome.objective, starts: outcome.steps, swaps, bound: outcome.bound };
}

/** The state of one local search: open set, nearest/second-nearest per demand, swap prices. */
class SwapSearch {
	private readonly n: number;
	private readonly m: number;
	private readonly cost: Float64Array;
	/** The same costs candidate-major (`byCandidate[j * n + i]`), for the loops over one candidate. */
	private readonly byCandidate: Float64Array;
	private readonly weights: Float64Array;
	/** Allowed candidates per demand point in increasing cost order, row-major (n × allowed). */
	private readonly order: Int32Array;
	private readonly allowed: number[];
	private readonly fixed: Uint8Array;
	private readonly mustKeep: number[];
	/** Stands in for "no second facility" (k = 1); larger than any cost so every swap prices right. */
	private readonly farCost: number;

	private readonly isOpen: Uint8Array;
	private open: number[] = [];
	private readonly nearest1: Int32Array;
	private readonly nearest2: Int32Array;
	private readonly cost1: Float64Array;
	private readonly cost2: Float64Array;
	/** gain[f]: saving from opening f alone; loss[f]: increase from closing f alone. */
	private readonly gain: Float64Array;
	private readonly loss: Float64Array;
	/** extra[in * m + out]: correction so that profit(in, out) = gain[in] − loss[out] + extra. */
	private readonly extra: Float64Array;

	constructor(problem: LocationProblem, allowed: number[], mustKeep: number[]) {
		this.n = problem.demandCount;
		this.m = problem.candidateCount;
		this.cost = problem.cost;
		this.weights = problem.weights;
		this.allowed = allowed;
		this.mustKeep = mustKeep;
		this.fixed = new Uint8Array(this.m);
		for (const j of mustKeep) this.fixed[j] = 1;
		let maxCost = 0;
		for (let i = 0; i < this.cost.length; i++) if (this.cost[i] > maxCost) maxCost = this.cost[i];
		this.farCost = 2 * maxCost + 1;
		this.byCandidate = new Float64Array(this.cost.length);
		for (let i = 0; i < this.n; i++)
			for (let j = 0; j < this.m; j++) this.byCandidate[j * this.n + i] = this.cost[i * this.m + j];

		const a = allowed.length;
		this.order = new Int32Array(this.n * a);
		const row = new Int32Array(a);
		for (let i = 0; i < this.n; i++) {
			row.set(allowed);
			const base = i * this.m;
			row.sort((x, y) => this.cost[base + x] - this.cost[base + y] || x - y);
			this.order.set(row, i * a);
		}
		this.isOpen = new Uint8Array(this.m);
		this.nearest1 = new Int32Array(this.n);
		this.nearest2 = new Int32Array(this.n);
		this.cost1 = new Float64Array(this.n);
		this.cost2 = new Float64Array(this.n);
		this.gain = new Float64Array(this.m);
		this.loss = new Float64Array(this.m);
		this.extra = new Float64Array(this.m * this.m);
	}

	/**
	 * Greedy construction from the must-keep set. With `random`, each step looks at a random
	 * sample of ⌈log2(allowed / k)⌉ + 1 closed candidates only (Resende & Werneck's "sample").
	 */
	construct(k: number, random?: () => number): void {
		const { n, byCandidate, weights } = this;
		this.isOpen.fill(0);
		this.open = [];
		const nearestCost = new Float64Array(n).fill(this.farCost);
		const openOne = (j: number) => {
			this.isOpen[j] = 1;
			this.open.push(j);
			for (let i = 0, base = j * n; i < n; i++) if (byCandidate[base + i] < nearestCost[i]) nearestCost[i] = byCandidate[base + i];
		};
		for (const j of this.mustKeep) openOne(j);
		const sampleSize = Math.ceil(Math.log2(Math.max(2, this.allowed.length / k))) + 1;
		while (this.open.length < k) {
			const closed = this.allowed.filter((j) => !this.isOpen[j]);
			const pool = random ? sample(closed, sampleSize, random) : closed;
			let bestJ = pool[0];
			let bestSaving = -1;
			for (const j of pool) {
				let saving = 0;
				for (let i = 0, base = j * n; i < n; i++) {
					const d = byCandidate[base + i];
					if (d < nearestCost[i]) saving += weights[i] * (nearestCost[i] - d);
				}
				if (saving > bestSaving) {
					bestSaving = saving;
					bestJ = j;
				}
			}
			openOne(bestJ);
		}
		this.book();
	}

	/** Open exactly `open` (which includes the must-keep set) and rebuild the bookkeeping. */
	load(open: readonly number[]): void {
		this.isOpen.fill(0);
		this.open = [...open];
		for (const j of open) this.isOpen[j] = 1;
		this.book();
	}

	/** Swap `count` random open, non-fixed candidates for random closed allowed ones. */
	perturb(count: number, random: () => number): void {
		for (let t = 0; t < count; t++) {
			const out = this.open.filter((j) => !this.fixed[j]);
			const into = this.allowed.filter((j) => !this.isOpen[j]);
			if (out.length === 0 || into.length === 0) return;
			this.swap(into[Math.floor(random() * into.length)], out[Math.floor(random() * out.length)]);
		}
	}

	/** Best-improvement swaps until none pays; returns the number of swaps made. */
	improve(): number {
		let swaps = 0;
		for (;;) {
			const move = this.bestSwap();
			if (!move) return swaps;
			this.swap(move.into, move.out);
			swaps++;
		}
	}

	objective(): number {
		let total = 0;
		for (let i = 0; i < this.n; i++) total += this.weights[i] * this.cost1[i];
		return total;
	}

	openSet(): number[] {
		return [...this.open].sort((a, b) => a - b);
	}

	/** Rebuild nearest/second-nearest and the swap prices from scratch. */
	private book(): void {
		this.gain.fill(0);
		this.loss.fill(0);
		this.extra.fill(0);
		for (let i = 0; i < this.n; i++) {
			this.findNearest(i);
			this.bookDemand(i, 1);
		}
	}

	private findNearest(i: number): void {
		const a = this.allowed.length;
		let found = 0;
		this.nearest2[i] = -1;
		this.cost2[i] = this.farCost;
		for (let t = i * a, end = t + a; t < end && found < 2; t++) {
			const j = this.order[t];
			if (!this.isOpen[j]) continue;
			if (found === 0) {
				this.nearest1[i] = j;
				this.cost1[i] = this.cost[i * this.m + j];
			} else {
				this.nearest2[i] = j;
				this.cost2[i] = this.cost[i * this.m + j];
			}
			found++;
		}
	}

	/** Add (sign 1) or remove (sign −1) demand i's share of gain, loss and extra. */
	private bookDemand(i: number, sign: 1 | -1): void {
		const { m, cost, order, isOpen, gain, extra } = this;
		const w = sign * this.weights[i];
		if (w === 0) return;
		const f1 = this.nearest1[i];
		const d1 = this.cost1[i];
		const d2 = this.cost2[i];
		this.loss[f1] += w * (d2 - d1);
		const a = this.allowed.length;
		for (let t = i * a, end = t + a; t < end; t++) {
			const j = order[t];
			const d = cost[i * m + j];
			if (d >= d2) break;
			if (isOpen[j]) continue;
			if (d < d1) gain[j] += w * (d1 - d);
			extra[j * m + f1] += w * (d2 - (d > d1 ? d : d1));
		}
	}

	private bestSwap(): { into: number; out: number } | undefined {
		const { m, gain, loss, extra, isOpen, fixed } = this;
		let bestProfit = relativeTolerance(this.objective());
		let move: { into: number; out: number } | undefined;
		for (const into of this.allowed) {
			if (isOpen[into]) continue;
			const g = gain[into];
			for (const out of this.open) {
				if (fixed[out]) continue;
				const profit = g - loss[out] + extra[into * m + out];
				if (profit > bestProfit) {
					bestProfit = profit;
					move = { into, out };
				}
			}
		}
		return move;
	}

	private swap(into: number, out: number): void {
		const affected: number[] = [];
		const base = into * this.n;
		for (let i = 0; i < this.n; i++) {
			if (this.nearest1[i] === out || this.nearest2[i] === out || this.byCandidate[base + i] < this.cost2[i]) affected.push(i);
		}
		for (const i of affected) this.bookDemand(i, -1);
		this.isOpen[out] = 0;
		this.isOpen[into] = 1;
		this.open[this.open.indexOf(out)] = into;
		for (const i of affected) {
			this.findNearest(i);
			this.bookDemand(i, 1);
		}
	}
}

/** `size` distinct items of `items` chosen by partial Fisher–Yates shuffle (all if fewer). */
function sample(items: number[], size: number, random: () => number): number[] {
	const pool = [...items];
	const count = Math.min(size, pool.length);
	for (let t = 0; t < count; t++) {
		const r = t + Math.floor(random() * (pool.length - t));
		[pool[t], pool[r]] = [pool[r], pool[t]];
	}
	return pool.slice(0, count);
}
