/**
 * Proven lower bounds on how cheaply a set of hubs can split demand under capacities, used to
 * skip swaps that cannot pay. Lagrangian relaxation of the capacity rows: each open hub j charges
 * a price u_j ≥ 0 per unit of demand it takes, and for any such prices and open set S
 *
 *     L(u) = Σ_i min_{j ∈ S} (w_i c_ij + d_i u_j) − Σ_{j ∈ S} Q_j u_j
 *
 * is at most the cost of any split of demand over S that respects the capacities (weak duality;
 * its maximum over u is the transportation optimum). The prices of the current set come from its
 * optimal split (capacity-assignment.ts), where L equals the split's cost. A swap (out → into)
 * keeps the other prices and gives `into` its best price, found exactly in one dimension, so every
 * swap's bound costs O(demand points near `into`) after one O(n·k) pass; a few subgradient steps
 * (Held, Wolfe & Crowder, 1974) then tighten the most promising.
 */
import type { NearestCandidates } from './capacity-assignment';
import type { LocationProblem } from './problem';

/**
 * Hub prices for one open set at a time ("booked"), and lower bounds for its swaps.
 *
 * @example
 * const prices = new HubPrices(problem, assign.nearest);
 * prices.adopt(split.open, split.slotPrices);
 * prices.swapBounds(into, split.open).bounds; // ≤ the cost of each swap's best split
 */
export class HubPrices {
	private readonly problem: LocationProblem;
	/** Price per unit of demand at each candidate: the booked set's, and the last known for others. */
	readonly price: Float64Array;
	/** Per demand point at the booked prices: cheapest and second-cheapest priced cost over the open set, and the hub of the cheapest. */
	private readonly best1: Float64Array;
	private readonly best2: Float64Array;
	private readonly hub1: Int32Array;
	/** Σ_i best1_i − Σ_{j ∈ S} Q_j u_j: the bound for the open set itself. */
	private boundValue = -Infinity;
	/** Σ_{i: hub1 = j} (best2_i − best1_i): what closing j alone adds to Σ_i best1_i. */
	private readonly closeLoss: Float64Array;
	private open: readonly number[] = [];
	/** w_i c_ij candidate-major (`weighted[j * n + i]`), so the loops over one hub read memory in order. */
	private readonly weighted: Float64Array;
	/** The candidates that may open, nearest first, and a scratch slot per candidate, for {@link priceDemand}. */
	private readonly nearest: NearestCandidates;
	private readonly slotOf: Int32Array;

	/** `nearest`: the candidates that may open, nearest first (e.g. CapacitatedAssignment's `nearest`). */
	constructor(problem: LocationProblem, nearest: NearestCandidates) {
		this.problem = problem;
		const { cost, demandCount: n, candidateCount: m, weights } = problem;
		this.weighted = new Float64Array(n * m);
		for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) this.weighted[j * n + i] = weights[i] * cost[i * m + j];
		this.nearest = nearest;
		this.slotOf = new Int32Array(m).fill(-1);
		this.price = new Float64Array(m);
		this.best1 = new Float64Array(n);
		this.best2 = new Float64Array(n);
		this.hub1 = new Int32Array(n);
		this.closeLoss = new Float64Array(m);
	}

	/**
	 * Take prices for `open` (by slot, e.g. those proving its split optimal) and book what
	 * {@link swapBounds} needs.
	 */
	adopt(open: readonly number[], slotPrices: Float64Array): void {
		open.forEach((j, s) => (this.price[j] = slotPrices[s]));
		this.book(open);
	}

	/**
	 * A lower bound for another open set (e.g. a swap), from a short ascent started at the booked
	 * prices, with the prices it reached. A candidate outside the booked set starts at its last
	 * price (0 at first) unless `start` gives one; the booked prices are left as they were.
	 */
	refinedBound(open: readonly number[], target: number, iterations: number, start?: { hub: number; price: number }): { bound: number; price: Float64Array } {
		const price = Float64Array.from(this.price);
		if (start) price[start.hub] = start.price;
		return { bound: this.ascend(open, target, iterations, price), price };
	}

	/**
	 * Projected subgradient ascent on `price` (updated in place to the best prices seen) with Polyak
	 * steps towards `target`; returns the best bound.
	 */
	private ascend(open: readonly number[], target: number, iterations: number, price: Float64Array): number {
		const { capacity } = this.problem.capacity!;
		const k = open.length;
		const bestPrices = Float64Array.from(open, (j) => price[j]);
		const load = new Float64Array(k);
		let best = -Infinity;
		let scale = 1;
		let sinceImproved = 0;
		for (let iteration = 0; iteration < iterations; iteration++) {
			const value = this.priceDemand(open, load, price);
			if (value > best) {
				best = value;
				open.forEach((j, s) => (bestPrices[s] = price[j]));
				sinceImproved = 0;
			} else if (++sinceImproved >= 5) {
				scale /= 2;
				sinceImproved = 0;
			}
			let normSquared = 0;
			for (let s = 0; s < k; s++) {
				const slope = load[s] - capacity[open[s]];
				load[s] = price[open[s]] <= 0 && slope < 0 ? 0 : slope;
				normSquared += load[s] * load[s];
			}
			// Prices that balance every hub are optimal: the bound is the transportation optimum.
			if (normSquared === 0 || !(target > value)) break;
			const step = (scale * (target - value)) / normSquared;
			for (let s = 0; s < k; s++) price[open[s]] = Math.max(0, price[open[s]] + step * load[s]);
		}
		open.forEach((j, s) => (price[j] = bestPrices[s]));
		return best;
	}

	/**
	 * For each `out`, a lower bound on the cost of any capacity-respecting split over
	 * open − out + into, from the booked prices with into's price chosen optimally (returned too,
	 * as a start for {@link refinedBound}). −Infinity when `out` is the only open hub.
	 */
	swapBounds(into: number, outs: readonly number[]): { bounds: Float64Array; intoPrices: Float64Array } {
		const { demandCount: n } = this.problem;
		const { capacity, demand } = this.problem.capacity!;
		const bounds = new Float64Array(outs.length).fill(-Infinity);
		const intoPrices = new Float64Array(outs.length);
		if (this.open.length < 2) return { bounds, intoPrices };
		// Demand points `into` could attract at price 0 for some `out`: cheaper than their second choice.
		const near: number[] = [];
		for (let i = 0, base = into * n; i < n; i++) if (this.weighted[base + i] < this.best2[i]) near.push(i);
		const at = new Float64Array(near.length);
		const load = new Float64Array(near.length);
		const rank = Array.from(near, (_, t) => t);
		for (let o = 0; o < outs.length; o++) {
			const out = outs[o];
			// What each attracted point saves per unit of its demand (at) and brings (load); zero-demand points save for free.
			let count = 0;
			let freeSaving = 0;
			for (const i of near) {
				const gap = (this.hub1[i] === out ? this.best2[i] : this.best1[i]) - this.weighted[into * n + i];
				if (!(gap > 0)) continue;
				if (demand[i] > 0) {
					at[count] = gap / demand[i];
					load[count++] = demand[i];
				} else freeSaving += gap;
			}
			// Raise into's price until the demand it attracts falls to its capacity: the maximum of a
			// concave function whose slope is attracted demand − capacity.
			rank.length = count;
			for (let t = 0; t < count; t++) rank[t] = t;
			rank.sort((x, y) => at[y] - at[x]);
			let attracted = 0;
			let intoPrice = 0;
			for (const t of rank) {
				attracted += load[t];
				if (attracted >= capacity[into]) {
					intoPrice = at[t];
					break;
				}
			}
			let saving = freeSaving;
			for (const t of rank) {
				if (at[t] <= intoPrice) break;
				saving += load[t] * (at[t] - intoPrice);
			}
			bounds[o] = this.boundValue + this.closeLoss[out] + capacity[out] * this.price[out] - saving - capacity[into] * intoPrice;
			intoPrices[o] = intoPrice;
		}
		return { bounds, intoPrices };
	}

	/**
	 * Σ_i min_j (w_i c_ij + d_i u_j) − Σ_j Q_j u_j over `open`, and each slot's load at those
	 * prices. Each demand point walks the candidates nearest first and stops once the travel alone
	 * costs more than its cheapest priced hub so far (prices are ≥ 0), so few hubs are looked at.
	 */
	private priceDemand(open: readonly number[], load: Float64Array, price: Float64Array): number {
		const { cost, demandCount: n, candidateCount: m, weights } = this.problem;
		const { capacity, demand } = this.problem.capacity!;
		const { slotOf } = this;
		const { order, rowLength } = this.nearest;
		open.forEach((j, s) => (slotOf[j] = s));
		load.fill(0);
		let total = 0;
		for (let i = 0; i < n; i++) {
			let best = Infinity;
			let bestSlot = -1;
			for (let t = i * rowLength, end = t + rowLength; t < end; t++) {
				const j = order[t];
				const travel = weights[i] * cost[i * m + j];
				if (travel >= best) break;
				const s = slotOf[j];
				if (s < 0) continue;
				const value = travel + demand[i] * price[j];
				if (value < best) {
					best = value;
					bestSlot = s;
				}
			}
			total += best;
			load[bestSlot] += demand[i];
		}
		for (const j of open) {
			total -= capacity[j] * price[j];
			slotOf[j] = -1;
		}
		return total;
	}

	private book(open: readonly number[]): void {
		const { demandCount: n } = this.problem;
		const { capacity, demand } = this.problem.capacity!;
		this.open = [...open];
		this.closeLoss.fill(0);
		let total = 0;
		for (let i = 0; i < n; i++) {
			let first = Infinity;
			let second = Infinity;
			let hub = open[0];
			for (const j of open) {
				const value = this.weighted[j * n + i] + demand[i] * this.price[j];
				if (value < first) {
					second = first;
					first = value;
					hub = j;
				} else if (value < second) second = value;
			}
			this.best1[i] = first;
			this.best2[i] = second;
			this.hub1[i] = hub;
			total += first;
			this.closeLoss[hub] += second - first;
		}
		let charged = 0;
		for (const j of open) charged += capacity[j] * this.price[j];
		this.boundValue = total - charged;
	}
}
