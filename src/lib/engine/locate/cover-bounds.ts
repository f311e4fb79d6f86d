/**
 * Proven bounds for the coverage goals in milliseconds, without a MIP solver: Lagrangian
 * relaxation of the "a class is covered only if an open candidate reaches it" constraints
 * (z_c ≤ Σ_{j reaches c} y_j), maximised or minimised by subgradient optimisation (Held, Wolfe &
 * Crowder, 1974) as for the p-median in lagrangian.ts. Every multiplier vector gives a valid
 * bound (weak duality); the best is kept. Its limit is the LP relaxation bound, which these sparse
 * covering models usually meet. Where every feasible objective is a multiple of some g (whole
 * weights or whole-pound costs), the bound is rounded to that lattice, which often closes the last
 * fraction of a gap.
 */
import type { CoverIndex } from './cover-index';

/** Subgradient iterations at most (Hubplan planning assumption, configurable). */
const ITERATIONS = 300;
/** Halve the step after this many iterations without a better bound. */
const STALL = 5;
/** A bound that moves by less than this share counts as stalled. */
const IMPROVED = 1e-6;
/** Stop once halving has brought the step scale (2 at first) below this: the bound barely moves. */
const LEAST_STEP = 1e-2;
/**
 * Hubplan planning assumptions (configurable), from the Greater Manchester coverage rows: every
 * {@link PACE_WINDOW} iterations (once every multiplier moves), stop unless the bound closed at
 * least half of what remained of its gap to the best answer. A bound that slows like that is
 * converging on a relaxation bound with a real gap (10 or 40 libraries, 40 post offices), which
 * more iterations barely close: stopping widened their proven gaps by at most 0.2 percentage
 * points (40 post offices: 0.41 % rather than 0.21 %) for a sixth less time, and the answers stayed
 * optimal. (The cheapest-hubs bound runs on: its first target is a greedy answer far from optimal.)
 */
const PACE_WINDOW = 20;
/**
 * Hubplan planning assumption (configurable): iterations spent first on the multipliers of the
 * classes exactly one incumbent hub reaches (see {@link maxCoverUpperBound}); about halves the
 * iterations that prove the Greater Manchester post-office rows.
 */
const SINGLY_FIRST = 50;

/**
 * Upper bound on the weight k open candidates can cover (maximal coverage): for multipliers
 * 0 ≤ λ_c ≤ w_c, UB(λ) = Σ_c (w_c − λ_c) + Σ_{k best j} Σ_{c ∈ j} λ_c, over the classes no
 * must-keep candidate reaches (those count in full).
 *
 * At each iteration the relaxation's own choice (must-keep + the k best free candidates) is
 * scored as an answer, which raises the target the steps aim at; its choice at the last
 * multipliers is returned as a start for a local search (a Lagrangian heuristic, Beasley, 1993).
 *
 * The multipliers start from a known answer `incumbent` (must-keep included) by complementary
 * slackness: λ_c = 0 where two or more of its hubs reach class c, else w_c. If no candidate
 * outside it would score higher, that start already proves the incumbent optimal. If the
 * incumbent is optimal and the bound tight, those values are optimal too, so the first
 * {@link SINGLY_FIRST} iterations move only the multipliers of classes one incumbent hub reaches.
 *
 * @example
 * maxCoverUpperBound(index, [], free, 10, heuristic.open).bound; // ≥ the best 10-hub coverage
 */
export function maxCoverUpperBound(
	index: CoverIndex,
	mustKeep: readonly number[],
	free: readonly number[],
	chooseFree: number,
	incumbent: readonly number[]
): { bound: number; chosen: number[] } {
	const kept = keptClasses(index, mustKeep);
	let keptWeight = 0;
	for (let c = 0; c < index.classCount; c++) if (kept[c]) keptWeight += index.classWeight[c];
	const { moving, w, lambda, listStart, lists, movingEnd, incumbentWeight } = multiplierSpace(index, kept, free, incumbent);
	const size = w.length;
	let target = keptWeight + incumbentWeight;
	// While only the singly reached classes' multipliers move, the rest of each score and of the
	// bound stays fixed: scores read only the moving part of each list (about half, or less).
	const settledScore = new Float64Array(free.length);
	for (let f = 0; f < free.length; f++) for (let t = movingEnd[f]; t < listStart[f + 1]; t++) settledScore[f] += lambda[lists[t]];
	let scoreEnd = movingEnd;
	let active = moving;
	const score = new Float64Array(free.length);
	const order = new Int32Array(free.length);
	for (let f = 0; f < free.length; f++) order[f] = f;
	// Reset to −1 (no chosen candidate reaching the class) by the loops that read it.
	const gradient = new Int32Array(size).fill(-1);
	let settledUnreached = 0;
	let unreached = 0;
	for (let c = 0; c < size; c++) {
		if (c < moving) unreached += w[c] - lambda[c];
		else settledUnreached += w[c] - lambda[c];
	}
	let gapBefore = Infinity;
	let best = Infinity;
	let stepScale = 2;
	let sinceImproved = 0;
	for (let iteration = 0; iteration < ITERATIONS; iteration++) {
		if (iteration === SINGLY_FIRST) {
			active = size;
			scoreEnd = listStart.subarray(1);
			settledScore.fill(0);
			unreached += settledUnreached;
			settledUnreached = 0;
		}
		let value = keptWeight + settledUnreached + unreached;
		for (let f = 0; f < score.length; f++) {
			let s = settledScore[f];
			const end = scoreEnd[f];
			for (let t = listStart[f]; t < end; t++) s += lambda[lists[t]];
			score[f] = s;
		}
		selectHighest(order, score, chooseFree);
		for (let r = 0; r < chooseFree; r++) value += score[order[r]];
		if (best === Infinity || value < best) {
			if (best - value <= IMPROVED * best) sinceImproved++;
			else sinceImproved = 0;
			best = value;
		} else sinceImproved++;
		if (sinceImproved >= STALL) {
			stepScale /= 2;
			sinceImproved = 0;
		}
		// ∂UB/∂λ_c = (chosen candidates reaching c) − 1; the bound falls along −gradient. The same
		// counts give the weight the relaxation's choice covers.
		for (let r = 0; r < chooseFree; r++) {
			const f = order[r];
			const end = listStart[f + 1];
			for (let t = listStart[f]; t < end; t++) gradient[lists[t]]++;
		}
		let covered = 0;
		let normSquared = 0;
		for (let c = 0; c < active; c++) {
			const g = gradient[c];
			if (g >= 0) covered += w[c];
			if ((g > 0 && lambda[c] > 0) || (g < 0 && lambda[c] < w[c])) normSquared += g * g;
		}
		for (let c = active; c < size; c++) {
			if (gradient[c] >= 0) covered += w[c];
			gradient[c] = -1;
		}
		target = Math.max(target, keptWeight + covered);
		if (roundDown(best, index.wholeWeights) <= target || stepScale < LEAST_STEP) break;
		// The pace test, counted once every multiplier moves. With whole weights, the bound proves
		// the target once it is under target + 1.
		const since = iteration - SINGLY_FIRST;
		if (since >= 0 && since % PACE_WINDOW === 0) {
			const gap = best - target - (index.wholeWeights ? 1 : 0);
			if (gap > gapBefore / 2) break;
			gapBefore = gap;
		}
		if (normSquared === 0 && iteration >= SINGLY_FIRST) break; // no direction lowers the bound: it is the LP bound
		if (normSquared === 0) iteration = SINGLY_FIRST - 1;
		const step = normSquared === 0 ? 0 : (stepScale * (value - target)) / normSquared;
		unreached = 0;
		for (let c = 0; c < active; c++) {
			const moved = lambda[c] - step * gradient[c];
			const clamped = moved < 0 ? 0 : moved > w[c] ? w[c] : moved;
			lambda[c] = clamped;
			unreached += w[c] - clamped;
			gradient[c] = -1;
		}
	}
	// The last iteration's choice, at the most settled multipliers, makes the best start: on every
	// Greater Manchester row it improves to the optimum, where the best bound's choice may not.
	const chosen = [...mustKeep];
	for (let r = 0; r < chooseFree; r++) chosen.push(free[order[r]]);
	return { bound: roundDown(best, index.wholeWeights), chosen: chosen.sort((a, b) => a - b) };
}

/**
 * The classes whose multipliers {@link maxCoverUpperBound} moves (not kept, reached by some free
 * candidate), numbered afresh so its loops run over plain ranges: first the `moving` classes
 * exactly one free hub of the incumbent reaches, then the rest.
 */
interface MultiplierSpace {
	moving: number;
	/** Weight per class, and its starting multiplier (complementary slackness: 0 where two or more incumbent hubs reach it, else its weight). */
	w: Float64Array;
	lambda: Float64Array;
	/** Each free candidate's classes, by its position f in `free` (CSR): moving ones first, up to `movingEnd[f]`. */
	listStart: Int32Array;
	lists: Int32Array;
	movingEnd: Int32Array;
	/** Weight the incumbent's free hubs reach. */
	incumbentWeight: number;
}

function multiplierSpace(index: CoverIndex, kept: Uint8Array, free: readonly number[], incumbent: readonly number[]): MultiplierSpace {
	const { classCount, classWeight, coverStart, covers } = index;
	const isFree = new Uint8Array(index.candidateCount);
	for (const j of free) isFree[j] = 1;
	const count = new Int32Array(classCount);
	for (const j of incumbent) if (isFree[j]) for (let t = coverStart[j]; t < coverStart[j + 1]; t++) count[covers[t]]++;
	const reachable = new Uint8Array(classCount);
	for (const j of free) for (let t = coverStart[j]; t < coverStart[j + 1]; t++) reachable[covers[t]] = kept[covers[t]] ? 0 : 1;
	const local = new Int32Array(classCount).fill(-1);
	let size = 0;
	for (let c = 0; c < classCount; c++) if (reachable[c] && count[c] === 1) local[c] = size++;
	const moving = size;
	for (let c = 0; c < classCount; c++) if (reachable[c] && count[c] !== 1) local[c] = size++;
	const w = new Float64Array(size);
	const lambda = new Float64Array(size);
	let incumbentWeight = 0;
	for (let c = 0; c < classCount; c++) {
		if (local[c] < 0) continue;
		w[local[c]] = classWeight[c];
		lambda[local[c]] = count[c] >= 2 ? 0 : classWeight[c];
		if (count[c] > 0) incumbentWeight += classWeight[c];
	}
	const listStart = new Int32Array(free.length + 1);
	const movingEnd = new Int32Array(free.length);
	const lists = new Int32Array(coverStart[index.candidateCount]);
	let filled = 0;
	for (let f = 0; f < free.length; f++) {
		const j = free[f];
		for (let t = coverStart[j]; t < coverStart[j + 1]; t++) if (local[covers[t]] >= 0 && local[covers[t]] < moving) lists[filled++] = local[covers[t]];
		movingEnd[f] = filled;
		for (let t = coverStart[j]; t < coverStart[j + 1]; t++) if (local[covers[t]] >= moving) lists[filled++] = local[covers[t]];
		listStart[f + 1] = filled;
	}
	return { moving, w, lambda, listStart, lists, movingEnd, incumbentWeight };
}

/**
 * Lower bound on the total opening cost of a set covering at least `needed` weight (cheapest
 * hubs; with unit costs, fewest hubs): for multipliers μ_c ≥ 0,
 * L(μ) = Σ_keep f_j + Σ_free min(0, f_j − Σ_{c ∈ j} μ_c) + min { Σ_c μ_c z_c : Σ_c w_c z_c ≥ needed′, 0 ≤ z ≤ 1 },
 * where the last term is a fractional knapsack (Dantzig, 1957: take classes by μ_c / w_c).
 * Also returns the candidates the relaxation opens at the best multipliers (must-keep included),
 * which may fall short of the floor: a start for a search that completes it.
 *
 * @example
 * coverCostLowerBound(index, costs, [], free, needed, heuristicCost).bound; // ≤ the cheapest cost
 */
export function coverCostLowerBound(
	index: CoverIndex,
	openingCost: ArrayLike<number>,
	mustKeep: readonly number[],
	free: readonly number[],
	needed: number,
	upperBound: number
): { bound: number; chosen: number[] } {
	const { classCount, classWeight: w, coverStart, covers } = index;
	const kept = keptClasses(index, mustKeep);
	let keptCost = 0;
	for (const j of mustKeep) keptCost += openingCost[j];
	let stillNeeded = needed;
	for (let c = 0; c < classCount; c++) if (kept[c]) stillNeeded -= w[c];
	if (stillNeeded <= 0) return { bound: keptCost, chosen: [...mustKeep] };
	const lattice = costLattice(free.map((j) => openingCost[j]));
	const roundUp = (value: number) =>
		lattice > 0 ? keptCost + lattice * Math.ceil((value - keptCost) / lattice - 1e-9) : value;

	// Start each class at the cheapest price per unit of weight any free candidate reaching it offers.
	const mu = new Float64Array(classCount);
	for (const j of free) {
		let reached = 0;
		for (let t = coverStart[j]; t < coverStart[j + 1]; t++) if (!kept[covers[t]]) reached += w[covers[t]];
		if (reached === 0) continue;
		const price = openingCost[j] / reached;
		for (let t = coverStart[j]; t < coverStart[j + 1]; t++) {
			const c = covers[t];
			if (!kept[c] && (mu[c] === 0 || price * w[c] < mu[c])) mu[c] = price * w[c];
		}
	}
	const { classes, coverStart: freeStart, covers: freeCovers } = unkeptCover(index, kept, free);
	const freeList = Int32Array.from(free);
	const open = new Uint8Array(index.candidateCount);
	const bestOpen = new Uint8Array(index.candidateCount);
	const take = new Float64Array(classCount);
	const knapsack = new Knapsack(classes, w);
	const gradient = new Float64Array(classCount);
	let best = -Infinity;
	let stepScale = 2;
	let sinceImproved = 0;
	for (let iteration = 0; iteration < ITERATIONS; iteration++) {
		let value = keptCost;
		for (let f = 0; f < freeList.length; f++) {
			const j = freeList[f];
			let reduced = openingCost[j];
			for (let t = freeStart[j]; t < freeStart[j + 1]; t++) reduced -= mu[freeCovers[t]];
			open[j] = reduced < 0 ? 1 : 0;
			if (reduced < 0) value += reduced;
		}
		value += knapsack.solve(mu, stillNeeded, take);
		if (best === -Infinity || value > best) {
			if (value - best <= IMPROVED * Math.abs(best)) sinceImproved++;
			else sinceImproved = 0;
			best = value;
			bestOpen.set(open);
		} else sinceImproved++;
		if (sinceImproved >= STALL) {
			stepScale /= 2;
			sinceImproved = 0;
		}
		if (roundUp(best) >= upperBound || stepScale < LEAST_STEP) break;
		// ∂L/∂μ_c = z_c − (open candidates reaching c); the bound rises along the gradient.
		for (let q = 0; q < classes.length; q++) gradient[classes[q]] = take[classes[q]];
		for (let f = 0; f < freeList.length; f++) {
			const j = freeList[f];
			if (open[j]) for (let t = freeStart[j]; t < freeStart[j + 1]; t++) gradient[freeCovers[t]]--;
		}
		let normSquared = 0;
		for (let q = 0; q < classes.length; q++) {
			const c = classes[q];
			if (gradient[c] > 0 || mu[c] > 0) normSquared += gradient[c] * gradient[c];
		}
		if (normSquared === 0) break;
		const step = (stepScale * (upperBound - value)) / normSquared;
		for (let q = 0; q < classes.length; q++) {
			const c = classes[q];
			mu[c] = Math.max(0, mu[c] + step * gradient[c]);
		}
	}
	const bestChosen = free.filter((j) => bestOpen[j]);
	return { bound: Math.max(keptCost, roundUp(best)), chosen: [...mustKeep, ...bestChosen].sort((a, b) => a - b) };
}

/**
 * The classes not marked in `leftOut` (those a must-keep candidate reaches, say), and each free
 * candidate's list of them (CSR), so the subgradient loops skip the rest without testing each one.
 */
function unkeptCover(index: CoverIndex, leftOut: Uint8Array, free: readonly number[]): { classes: Int32Array; coverStart: Int32Array; covers: Int32Array } {
	const classes: number[] = [];
	for (let c = 0; c < index.classCount; c++) if (!leftOut[c]) classes.push(c);
	const isFree = new Uint8Array(index.candidateCount);
	for (const j of free) isFree[j] = 1;
	const coverStart = new Int32Array(index.candidateCount + 1);
	const covers: number[] = [];
	for (let j = 0; j < index.candidateCount; j++) {
		if (isFree[j]) for (let t = index.coverStart[j]; t < index.coverStart[j + 1]; t++) if (!leftOut[index.covers[t]]) covers.push(index.covers[t]);
		coverStart[j + 1] = covers.length;
	}
	return { classes: Int32Array.from(classes), coverStart, covers: Int32Array.from(covers) };
}

/** Classes a must-keep candidate reaches: covered whatever else opens. */
function keptClasses(index: CoverIndex, mustKeep: readonly number[]): Uint8Array {
	const kept = new Uint8Array(index.classCount);
	for (const j of mustKeep) for (let t = index.coverStart[j]; t < index.coverStart[j + 1]; t++) kept[index.covers[t]] = 1;
	return kept;
}

/** With whole weights, covered weight is whole, so an upper bound rounds down (less float noise). */
function roundDown(value: number, whole: boolean): number {
	return whole ? Math.floor(value + 1e-9 * Math.max(1, Math.abs(value))) : value;
}

/**
 * The largest g such that every cost is a whole multiple of it (their greatest common divisor),
 * when all are whole numbers; 0 otherwise (no lattice to round to).
 */
function costLattice(costs: readonly number[]): number {
	let g = 0;
	for (const cost of costs) {
		if (!Number.isInteger(cost)) return 0;
		let a = Math.abs(cost);
		let b = g;
		while (b > 0) [a, b] = [b, a % b];
		g = a;
	}
	return g;
}

/**
 * Reorder `order` so its first `count` items have the highest scores (in no particular order), by
 * quickselect (Hoare, 1961) with a middle pivot: expected linear time, and deterministic.
 */
function selectHighest(order: Int32Array, score: Float64Array, count: number): void {
	let lo = 0;
	let hi = order.length;
	while (hi - lo > 1 && count > lo && count < hi) {
		const pivot = score[order[(lo + hi) >> 1]];
		// Three-way partition of [lo, hi): above the pivot, equal to it, below it.
		let above = lo;
		let below = hi;
		for (let t = lo; t < below; ) {
			const s = score[order[t]];
			if (s > pivot) swap(order, t++, above++);
			else if (s < pivot) swap(order, t, --below);
			else t++;
		}
		if (count < above) hi = above;
		else if (count > below) lo = below;
		else return;
	}
}

function swap(items: Int32Array, a: number, b: number): void {
	const item = items[a];
	items[a] = items[b];
	items[b] = item;
}

/**
 * The fractional knapsack min { Σ μ_c z_c : Σ w_c z_c ≥ needed, 0 ≤ z ≤ 1 } by weighted
 * selection (quickselect on μ_c / w_c, Hoare, 1961) in expected linear time, rather than sorting
 * every class on every subgradient iteration.
 */
class Knapsack {
	private readonly items: Int32Array;
	private readonly ratio: Float64Array;

	constructor(
		private readonly classes: Int32Array,
		private readonly weight: Float64Array
	) {
		this.items = Int32Array.from(classes);
		this.ratio = new Float64Array(weight.length);
	}

	/** Fills `take` (z) for the classes and returns the least cost Σ μ_c z_c. */
	solve(mu: Float64Array, needed: number, take: Float64Array): number {
		const { items, ratio, weight } = this;
		for (let q = 0; q < this.classes.length; q++) {
			const c = this.classes[q];
			ratio[c] = mu[c] / weight[c];
			take[c] = 0;
		}
		let cost = 0;
		let remaining = needed;
		let lo = 0;
		let hi = items.length;
		while (lo < hi && remaining > 0) {
			const pivot = ratio[items[(lo + hi) >> 1]];
			// Three-way partition of [lo, hi): below the pivot ratio, equal to it, above it.
			let below = lo;
			let above = hi;
			for (let t = lo; t < above; ) {
				const r = ratio[items[t]];
				if (r < pivot) swap(items, t++, below++);
				else if (r > pivot) swap(items, t, --above);
				else t++;
			}
			let belowWeight = 0;
			for (let t = lo; t < below; t++) belowWeight += weight[items[t]];
			if (belowWeight >= remaining) {
				hi = below;
				continue;
			}
			for (let t = lo; t < above && remaining > 0; t++) {
				const c = items[t];
				take[c] = Math.min(1, remaining / weight[c]);
				remaining -= take[c] * weight[c];
				cost += take[c] * mu[c];
			}
			lo = above;
		}
		return cost;
	}
}
