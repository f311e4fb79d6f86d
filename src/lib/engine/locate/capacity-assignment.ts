/**
 * The capacitated assignment behind least travel with hub capacities (see capacity.ts): the
 * cheapest split of divisible demand between a fixed set of open hubs when each holds at most its
 * capacity (a transportation problem, Hitchcock, 1941). Its cost is the objective the optimiser,
 * HiGHS's starting point and the reports all quote for a set.
 */
import { type LocationProblem, relativeTolerance } from './problem';

/** A set of open hubs with its split of demand; working arrays are by slot (place in `open`). */
export interface CapacitatedSplit {
	/** Open candidates, in the order given. */
	open: number[];
	/** Σ_i Σ_j w_i c_ij x_ij; Infinity when the set cannot hold the demand. */
	cost: number;
	/** Load Σ_i d_i x_ij on each candidate, length candidateCount (0 when closed). */
	load: Float64Array;
	/** x_ij by slot, demand-major: `slotShares[i * open.length + s]`. */
	slotShares: Float64Array;
	/** Spare capacity by slot. */
	room: Float64Array;
	/** Hub prices that prove the split optimal (see SplitImprover.prices), per unit of demand, by slot. */
	slotPrices: Float64Array;
}

/** Candidates per demand point, nearest first (ties by index): `order[i * rowLength + t]`. */
export interface NearestCandidates {
	order: Int32Array;
	rowLength: number;
}

/** `candidates` sorted by cost from each demand point, nearest first. */
function nearestFirst(problem: LocationProblem, candidates: readonly number[]): NearestCandidates {
	const { cost, demandCount: n, candidateCount: m } = problem;
	const rowLength = candidates.length;
	const order = new Int32Array(n * rowLength);
	const row = Int32Array.from(candidates);
	for (let i = 0; i < n; i++) {
		row.sort((x, y) => cost[i * m + x] - cost[i * m + y] || x - y);
		order.set(row, i * rowLength);
	}
	return { order, rowLength };
}

/** Optimal capacitated assignment of divisible demand to an open set. */
export class CapacitatedAssignment {
	private readonly problem: LocationProblem;
	/** The candidates that may open, nearest first for each demand point (shared with HubPrices, capacity-prices.ts). */
	readonly nearest: NearestCandidates;
	private readonly order: Int32Array;
	private readonly allowedCount: number;
	private readonly totalDemand: number;

	constructor(problem: LocationProblem, allowed: readonly number[]) {
		this.problem = problem;
		this.nearest = nearestFirst(problem, allowed);
		this.order = this.nearest.order;
		this.allowedCount = allowed.length;
		let total = 0;
		for (const d of problem.capacity!.demand) total += d;
		this.totalDemand = total;
	}

	/** Demand the open set cannot hold (0 when it fits). */
	shortfall(open: readonly number[]): number {
		const { capacity } = this.problem.capacity!;
		let total = this.totalDemand;
		for (const j of open) total -= capacity[j];
		return total > relativeTolerance(total) ? total : 0;
	}

	/**
	 * The optimal split's cost and loads (Infinity if the set is short); with `withShares`, also
	 * the share x_ij of each demand point at each hub (demand-major, n × candidateCount).
	 */
	run(open: readonly number[], withShares = false): { cost: number; load: Float64Array; shares?: Float64Array } {
		const { demandCount: n, candidateCount: m } = this.problem;
		const { cost, load, slotShares } = this.split(open);
		if (!withShares || !Number.isFinite(cost)) return { cost, load };
		const k = open.length;
		const shares = new Float64Array(n * m);
		for (let i = 0; i < n; i++) for (let s = 0; s < k; s++) shares[i * m + open[s]] = slotShares[i * k + s];
		return { cost, load, shares };
	}

	/**
	 * Split demand over `open` from scratch: every demand point, most regret first (weighted cost
	 * gap between its two nearest open hubs), goes to its nearest open hub with room, spilling to
	 * the next (the regret rule of Vogel's approximation method, Reinfeld & Vogel, 1958); then
	 * {@link SplitImprover} makes the split optimal. With `price` (per unit of demand, by
	 * candidate, e.g. HubPrices'), "nearest" means cheapest at those prices, which starts
	 * far closer to the optimum when capacities bind; the optimum, and so the cost, is the same.
	 */
	split(open: readonly number[], price?: Float64Array): CapacitatedSplit {
		const { cost, demandCount: n, candidateCount: m, weights } = this.problem;
		const { capacity, demand } = this.problem.capacity!;
		const k = open.length;
		if (this.shortfall(open) > 0) return this.short(open);
		const slotOf = this.slots(open);
		const a = this.allowedCount;
		const room = Float64Array.from(open, (j) => capacity[j]);
		const shares = new Float64Array(n * k);
		const regret = new Float64Array(n);
		const priced = price ? new Float64Array(n * k) : undefined;
		for (let i = 0; i < n; i++) {
			let first = Infinity;
			let second = Infinity;
			if (priced) {
				for (let s = 0; s < k; s++) {
					const value = weights[i] * cost[i * m + open[s]] + demand[i] * price![open[s]];
					priced[i * k + s] = value;
					if (value < first) [first, second] = [value, first];
					else if (value < second) second = value;
				}
			} else {
				for (let t = i * a, end = t + a, found = 0; t < end && found < 2; t++) {
					if (slotOf[this.order[t]] < 0) continue;
					const value = weights[i] * cost[i * m + this.order[t]];
					if (found++ === 0) first = value;
					else second = value;
				}
			}
			regret[i] = second === Infinity ? 0 : second - first;
		}
		const queue = Array.from({ length: n }, (_, i) => i).sort((x, y) => regret[y] - regret[x] || x - y);
		for (const i of queue) {
			if (priced) this.placePriced(i, priced, shares, room);
			else this.place(i, slotOf, shares, room);
		}
		return this.finish([...open], shares, room);
	}

	/** Give demand point i whole to its cheapest open hubs at the given prices that have room, in turn. */
	private placePriced(i: number, priced: Float64Array, shares: Float64Array, room: Float64Array): void {
		const demand = this.problem.capacity!.demand;
		const k = room.length;
		for (let left = 1; left > 1e-12; ) {
			let best = -1;
			for (let s = 0; s < k; s++) {
				if (shares[i * k + s] > 0 || (room[s] <= 0 && demand[i] > 0)) continue;
				if (best < 0 || priced[i * k + s] < priced[i * k + best]) best = s;
			}
			// Every hub with room already holds part of i: only possible when float dust is left.
			if (best < 0) return;
			const share = demand[i] > 0 ? Math.min(left, room[best] / demand[i]) : left;
			room[best] -= share * demand[i];
			shares[i * k + best] += share;
			left -= share;
		}
	}

	/** Give demand point i whole to its nearest open hubs with room, in turn. */
	private place(i: number, slotOf: Int32Array, shares: Float64Array, room: Float64Array): void {
		const demand = this.problem.capacity!.demand;
		const k = room.length;
		const a = this.allowedCount;
		for (let t = i * a, end = t + a, left = 1; t < end && left > 1e-12; t++) {
			const s = slotOf[this.order[t]];
			// Zero-demand points take no room, so they go to their nearest open hub whole, full or not.
			if (s < 0 || (room[s] <= 0 && demand[i] > 0)) continue;
			const share = demand[i] > 0 ? Math.min(left, room[s] / demand[i]) : left;
			room[s] -= share * demand[i];
			shares[i * k + s] += share;
			left -= share;
		}
	}

	/** Make the split optimal and price it. */
	private finish(open: number[], shares: Float64Array, room: Float64Array): CapacitatedSplit {
		const { cost, demandCount: n, candidateCount: m, weights } = this.problem;
		const demand = this.problem.capacity!.demand;
		const k = open.length;
		const improver = new SplitImprover(this.problem, open, shares, room);
		improver.run();
		const load = new Float64Array(m);
		let total = 0;
		for (let i = 0; i < n; i++) {
			for (let s = 0; s < k; s++) {
				const share = shares[i * k + s];
				if (share === 0) continue;
				total += share * weights[i] * cost[i * m + open[s]];
				load[open[s]] += share * demand[i];
			}
		}
		return { open, cost: total, load, slotShares: shares, room, slotPrices: improver.prices() };
	}

	private slots(open: readonly number[]): Int32Array {
		const slotOf = new Int32Array(this.problem.candidateCount).fill(-1);
		open.forEach((j, s) => (slotOf[j] = s));
		return slotOf;
	}

	private short(open: readonly number[]): CapacitatedSplit {
		const { demandCount: n, candidateCount: m } = this.problem;
		return { open: [...open], cost: Infinity, load: new Float64Array(m), slotShares: new Float64Array(n * open.length), room: new Float64Array(open.length), slotPrices: new Float64Array(open.length) };
	}
}

/** Negative cycles cancelled per assignment at most, a guard against float cycling. */
const CYCLE_LIMIT = 10_000;

/**
 * Make a split of demand optimal. First, cheap moves between pairs of hubs a → b: move the
 * demand that gains most into b's spare room, or, when b is full, trade it for the demand at b
 * that gains most from going to a (a cycle of two hubs in the transportation problem's residual
 * graph). Then negative cycles of any length are cancelled until none is left, which proves the
 * split optimal (to float tolerance). Works on slots (places in `open`); `shares` is n × k and
 * `room` k long, both updated in place.
 */
class SplitImprover {
	private readonly k: number;
	private readonly demand: Float64Array;
	private readonly shares: Float64Array;
	private readonly room: Float64Array;
	/** Cost per unit of demand of serving i from slot s, n × k. */
	private readonly unit: Float64Array;
	/** Demand points with a share at each slot, in the order they joined (those whose share fell to 0 are dropped at the next refresh). */
	private readonly members: Int32Array[];
	private readonly memberCount: Int32Array;
	private readonly listed: Uint8Array;
	/** Gain per unit of the last {@link bestMover} answer. */
	private moverGain = -Infinity;
	/**
	 * bestMover(from, to) depends only on the demand at `from`, so its answers are kept (k × k)
	 * until a move changes that slot: the last sweep, which finds nothing, then costs O(k²), not O(nk).
	 */
	private readonly version: Int32Array;
	private readonly cachedAt: Int32Array;
	private readonly cachedBest: Int32Array;
	private readonly cachedGain: Float64Array;

	constructor(problem: LocationProblem, open: readonly number[], shares: Float64Array, room: Float64Array) {
		const { cost, demandCount: n, candidateCount: m, weights } = problem;
		const demand = problem.capacity!.demand;
		const k = open.length;
		this.k = k;
		this.demand = demand;
		this.shares = shares;
		this.room = room;
		this.unit = new Float64Array(n * k);
		this.members = open.map(() => new Int32Array(n));
		this.memberCount = new Int32Array(k);
		this.listed = new Uint8Array(n * k);
		this.version = new Int32Array(k);
		this.cachedAt = new Int32Array(k).fill(-1);
		this.cachedBest = new Int32Array(k * k);
		this.cachedGain = new Float64Array(k * k);
		for (let i = 0; i < n; i++) {
			if (!(demand[i] > 0)) continue;
			for (let s = 0; s < k; s++) {
				this.unit[i * k + s] = (weights[i] * cost[i * m + open[s]]) / demand[i];
				if (shares[i * k + s] > 0) this.list(i, s);
			}
		}
	}

	run(): void {
		const { k, shares, room, demand } = this;
		const limit = 50 * k * k;
		for (let moves = 0; moves < limit; ) {
			let moved = false;
			for (let a = 0; a < k; a++) {
				for (let b = 0; b < k; b++) {
					if (a === b) continue;
					const out = this.bestMover(a, b);
					if (out < 0) continue;
					const outGain = this.moverGain;
					const available = shares[out * k + a] * demand[out];
					if (room[b] > 1e-9 && outGain > 1e-12) {
						this.move(out, a, b, Math.min(available, room[b]));
						moved = true;
						moves++;
						continue;
					}
					const back = this.bestMover(b, a);
					if (back < 0 || outGain + this.moverGain <= relativeTolerance(outGain)) continue;
					const amount = Math.min(available, shares[back * k + b] * demand[back]);
					this.move(out, a, b, amount);
					this.move(back, b, a, amount);
					moved = true;
					moves++;
				}
			}
			if (!moved) break;
		}
		this.cancelCycles();
	}

	/**
	 * Cancel negative cycles of any length (Klein, 1967, "A primal method for minimal cost flows",
	 * Management Science 14) in the hubs' residual graph, each found by Bellman–Ford: edge a → b
	 * costs the cheapest move of demand from a to b (minus {@link bestMover}'s gain), or 0 when a
	 * has spare room (unused capacity moves instead). With none left, the split is optimal.
	 */
	private cancelCycles(): void {
		const { k, shares, room, demand } = this;
		const edgeCost = new Float64Array(k * k);
		const edgeMover = new Int32Array(k * k);
		const distance = new Float64Array(k);
		const previous = new Int32Array(k);
		for (let round = 0; round < CYCLE_LIMIT; round++) {
			const tolerance = relativeTolerance(this.residualEdges(edgeCost, edgeMover));
			distance.fill(0);
			previous.fill(-1);
			let cycle: number[] | undefined;
			for (let pass = 0; pass < k && !cycle; pass++) {
				let relaxed = false;
				for (let a = 0; a < k; a++) {
					for (let b = 0; b < k; b++) {
						if (a === b) continue;
						const through = distance[a] + edgeCost[a * k + b];
						if (through < distance[b] - tolerance) {
							distance[b] = through;
							previous[b] = a;
							relaxed = true;
						}
					}
				}
				if (!relaxed) return;
				// A cycle among the predecessors is a negative one; looking after every pass finds it
				// long before Bellman–Ford's k passes would prove it.
				cycle = this.negativeCycle(previous, edgeCost, tolerance);
			}
			if (!cycle) return;
			let amount = Infinity;
			for (const b of cycle) {
				const a = previous[b];
				const mover = edgeMover[a * k + b];
				amount = Math.min(amount, mover < 0 ? room[a] : shares[mover * k + a] * demand[mover]);
			}
			if (!(amount > 0)) return;
			for (const b of cycle) {
				const a = previous[b];
				const mover = edgeMover[a * k + b];
				if (mover >= 0) this.move(mover, a, b, amount);
			}
		}
	}

	/**
	 * The hubs' residual graph, k × k: the cost of edge a → b and the demand point that moves
	 * along it (−1 when spare room at a moves instead, at cost 0). Returns the largest |cost|.
	 */
	private residualEdges(edgeCost: Float64Array, edgeMover: Int32Array): number {
		const { k, room } = this;
		let scale = 0;
		for (let a = 0; a < k; a++) {
			for (let b = 0; b < k; b++) {
				if (a === b) continue;
				const mover = this.bestMover(a, b);
				let cost = mover < 0 ? Infinity : -this.moverGain;
				edgeMover[a * k + b] = mover;
				if (room[a] > 1e-9 && !(cost < 0)) {
					cost = 0;
					edgeMover[a * k + b] = -1;
				}
				edgeCost[a * k + b] = cost;
				if (Number.isFinite(cost)) scale = Math.max(scale, Math.abs(cost));
			}
		}
		return scale;
	}

	/**
	 * Hub prices per unit of demand that prove the (optimal) split optimal: the dual values of the
	 * capacity rows, by slot. Minus the shortest-path distances in the residual graph from the hubs
	 * with spare room (which so price at 0): no negative cycle means they exist, and every demand
	 * point then sits at its cheapest hub at those prices (complementary slackness).
	 */
	prices(): Float64Array {
		const { k, room } = this;
		const edgeCost = new Float64Array(k * k);
		this.residualEdges(edgeCost, new Int32Array(k * k));
		const spare = Array.from(room, (r) => r > 1e-9);
		const distance = Float64Array.from(spare, (free) => (free || !spare.includes(true) ? 0 : Infinity));
		for (let pass = 0; pass < k; pass++) {
			let relaxed = false;
			for (let a = 0; a < k; a++) {
				if (distance[a] === Infinity) continue;
				for (let b = 0; b < k; b++) {
					const through = distance[a] + edgeCost[a * k + b];
					if (a !== b && through < distance[b]) {
						distance[b] = through;
						relaxed = true;
					}
				}
			}
			if (!relaxed) break;
		}
		return distance.map((d) => (Number.isFinite(d) ? Math.max(0, -d) : 0));
	}

	/** A cycle of the predecessor graph whose edges cost less than −tolerance in all, as its nodes. */
	private negativeCycle(previous: Int32Array, edgeCost: Float64Array, tolerance: number): number[] | undefined {
		const k = this.k;
		const walk = new Int32Array(k).fill(-1);
		for (let start = 0; start < k; start++) {
			let node = start;
			while (node >= 0 && walk[node] < 0) {
				walk[node] = start;
				node = previous[node];
			}
			if (node < 0 || walk[node] !== start) continue;
			const cycle = [node];
			let total = edgeCost[previous[node] * k + node];
			for (let other = previous[node]; other !== node; other = previous[other]) {
				cycle.push(other);
				total += edgeCost[previous[other] * k + other];
			}
			if (total < -tolerance) return cycle;
		}
		return undefined;
	}

	/** The demand point at slot `from` that gains most by going to `to` (−1 if none); its gain in moverGain. */
	private bestMover(from: number, to: number): number {
		if (this.cachedAt[from] !== this.version[from]) this.refresh(from);
		this.moverGain = this.cachedGain[from * this.k + to];
		return this.cachedBest[from * this.k + to];
	}

	/**
	 * bestMover(from, ·) for every target in one pass over `from`'s demand points (reading each
	 * one's unit costs in order), dropping those whose share there has fallen to 0.
	 */
	private refresh(from: number): void {
		const { k, shares, unit, listed } = this;
		const list = this.members[from];
		const row = from * k;
		this.cachedBest.fill(-1, row, row + k);
		this.cachedGain.fill(-Infinity, row, row + k);
		let kept = 0;
		for (let t = 0, count = this.memberCount[from]; t < count; t++) {
			const i = list[t];
			if (shares[i * k + from] <= 1e-12) {
				listed[i * k + from] = 0;
				continue;
			}
			list[kept++] = i;
			const base = i * k;
			const here = unit[base + from];
			for (let to = 0; to < k; to++) {
				const g = here - unit[base + to];
				if (g > this.cachedGain[row + to]) {
					this.cachedGain[row + to] = g;
					this.cachedBest[row + to] = i;
				}
			}
		}
		this.memberCount[from] = kept;
		this.cachedAt[from] = this.version[from];
	}

	private move(i: number, from: number, to: number, amount: number): void {
		const { k, shares } = this;
		const share = amount / this.demand[i];
		shares[i * k + from] = Math.max(0, shares[i * k + from] - share);
		shares[i * k + to] += share;
		this.list(i, to);
		this.room[from] += amount;
		this.room[to] -= amount;
		this.version[from]++;
		this.version[to]++;
	}

	private list(i: number, s: number): void {
		if (this.listed[i * this.k + s]) return;
		this.listed[i * this.k + s] = 1;
		this.members[s][this.memberCount[s]++] = i;
	}
}
