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
 * same unit. HiGHS solves this exactly (exact.ts). The heuristic here starts from the uncapacitated
 * answer, repairs it until the open hubs can hold all the demand, and improves it by swaps, each
 * priced by a capacitated assignment: greedy first (demand points with the most to lose from
 * missing their nearest hub choose first: the regret rule of Vogel's approximation method,
 * Reinfeld & Vogel, 1958), then improved by moves between pairs of hubs. Limits, stated plainly:
 * that assignment is not a proven-optimal transportation solution, so the objective reported for
 * a set of hubs is an upper bound on its best split (0.04 % and 0.55 % above HiGHS's on Trafford
 * libraries, k = 5 and 8, 50 residents per m²); swaps are tried only with the closed candidates
 * nearest each open hub; there is no proof of quality without HiGHS (the uncapacitated
 * Lagrangian bound still holds, but is weak when capacities bind); and it is slow at scale
 * (Greater Manchester, 141 libraries, k = 40: about 5 s, where HiGHS found no bound in 60 s). It always ends feasible when any k allowed hubs can hold the demand, and
 * fails before searching, quoting the numbers, when none can.
 */
import { solveMinSum } from './interchange';
import {
	checkFacilityCount,
	checkProblem,
	weightedNearestCost,
	type CandidateSets,
	type LocateOptions,
	type LocationProblem,
	relativeTolerance
} from './problem';

export interface CapacitatedResult {
	/** Open candidates, ascending indices. */
	open: number[];
	/** Σ_i Σ_j w_i c_ij x_ij of the greedy capacitated assignment. */
	objective: number;
	/** Load (Σ_i d_i x_ij) on each candidate, length candidateCount (0 when closed). */
	load: Float64Array;
	/** Swaps made after the uncapacitated start. */
	swaps: number;
}

/**
 * Closed candidates tried in place of each open hub: the nearest ones (Hubplan planning
 * assumption, configurable by editing; 12 kept Trafford and the seeded tests at their optimum).
 */
const SWAP_NEIGHBOURS = 12;

/**
 * Best k candidates found for least weighted travel when each hub holds at most its capacity.
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
	const { capacity } = problem.capacity!;
	const assign = new CapacitatedAssignment(problem, sets.allowed);
	// Its progress would report uncapacitated travel, so it runs silently.
	let open = solveMinSum(problem, k, { ...options, onProgress: undefined }).open;

	// Repair: swap the smallest open hub for the largest closed one until the demand fits.
	const fixed = new Set(sets.mustKeep);
	while (assign.shortfall(open) > 0) {
		const out = open.filter((j) => !fixed.has(j)).sort((a, b) => capacity[a] - capacity[b] || a - b)[0];
		const into = sets.allowed.filter((j) => !open.includes(j)).sort((a, b) => capacity[b] - capacity[a] || a - b)[0];
		// checkCapacity proved that the k largest fit, so a larger closed hub always exists here.
		if (out === undefined || into === undefined || !(capacity[into] > capacity[out])) throw new Error('Capacity repair found no larger hub to open.');
		open = open.map((j) => (j === out ? into : j));
	}

	const neighbours = nearestCandidates(problem, sets.allowed);
	let current = assign.run(open);
	let swaps = 0;
	for (let improved = true; improved; ) {
		improved = false;
		for (const out of [...open]) {
			if (fixed.has(out)) continue;
			for (const into of neighbours.get(out)!) {
				if (open.includes(into)) continue;
				const trial = open.map((j) => (j === out ? into : j));
				// Travel without capacities is a lower bound on travel with them: a cheap, exact prune.
				if (weightedNearestCost(problem, trial) >= current.cost) continue;
				const result = assign.run(trial);
				if (result.cost < current.cost - relativeTolerance(current.cost)) {
					open = trial;
					current = result;
					swaps++;
					improved = true;
					break;
				}
			}
		}
	}
	return { open: [...open].sort((a, b) => a - b), objective: current.cost, load: current.load, swaps };
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

/** Each allowed candidate's nearest other allowed candidates, by the cost from its nearest demand point. */
function nearestCandidates(problem: LocationProblem, allowed: number[]): Map<number, number[]> {
	const { cost, demandCount: n, candidateCount: m } = problem;
	const neighbours = new Map<number, number[]>();
	for (const j of allowed) {
		let home = 0;
		for (let i = 1; i < n; i++) if (cost[i * m + j] < cost[home * m + j]) home = i;
		const others = allowed.filter((other) => other !== j).sort((a, b) => cost[home * m + a] - cost[home * m + b] || a - b);
		neighbours.set(j, others.slice(0, SWAP_NEIGHBOURS));
	}
	return neighbours;
}

/** Greedy capacitated assignment of divisible demand to an open set, by regret order. */
export class CapacitatedAssignment {
	private readonly problem: LocationProblem;
	/** Allowed candidates per demand point in increasing cost order, row-major. */
	private readonly order: Int32Array;
	private readonly allowedCount: number;

	constructor(problem: LocationProblem, allowed: readonly number[]) {
		this.problem = problem;
		const { cost, demandCount: n, candidateCount: m } = problem;
		const a = allowed.length;
		this.allowedCount = a;
		this.order = new Int32Array(n * a);
		const row = Int32Array.from(allowed);
		for (let i = 0; i < n; i++) {
			row.sort((x, y) => cost[i * m + x] - cost[i * m + y] || x - y);
			this.order.set(row, i * a);
		}
	}

	/** Demand the open set cannot hold (0 when it fits). */
	shortfall(open: readonly number[]): number {
		const { capacity, demand } = this.problem.capacity!;
		let total = 0;
		for (let i = 0; i < demand.length; i++) total += demand[i];
		for (const j of open) total -= capacity[j];
		return total > relativeTolerance(total) ? total : 0;
	}

	/**
	 * Assign every demand point, most regret first (weighted cost gap between its two nearest open
	 * hubs), to its nearest open hub with room, spilling to the next. Infinity if the set is short.
	 * With `withShares`, also the share x_ij of each demand point at each hub (demand-major).
	 */
	run(open: readonly number[], withShares = false): { cost: number; load: Float64Array; shares?: Float64Array } {
		const { cost, demandCount: n, candidateCount: m, weights } = this.problem;
		const { capacity, demand } = this.problem.capacity!;
		const load = new Float64Array(m);
		if (this.shortfall(open) > 0) return { cost: Infinity, load };
		const isOpen = new Uint8Array(m);
		for (const j of open) isOpen[j] = 1;
		const a = this.allowedCount;
		const regret = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			let first = -1;
			let second = -1;
			for (let t = i * a, end = t + a; t < end && second < 0; t++) {
				if (!isOpen[this.order[t]]) continue;
				if (first < 0) first = this.order[t];
				else second = this.order[t];
			}
			regret[i] = second < 0 ? 0 : weights[i] * (cost[i * m + second] - cost[i * m + first]);
		}
		const queue = Array.from({ length: n }, (_, i) => i).sort((x, y) => regret[y] - regret[x] || x - y);
		const room = new Float64Array(m);
		for (const j of open) room[j] = capacity[j];
		const shares = new Float64Array(n * m);
		for (const i of queue) {
			let left = 1;
			for (let t = i * a, end = t + a; t < end && left > 1e-12; t++) {
				const j = this.order[t];
				if (!isOpen[j] || room[j] <= 0) continue;
				// Zero-demand points take no room, so they go to their nearest open hub whole.
				const share = demand[i] > 0 ? Math.min(left, room[j] / demand[i]) : left;
				room[j] -= share * demand[i];
				shares[i * m + j] = share;
				left -= share;
			}
		}
		this.exchange(open, shares, room);
		let total = 0;
		for (let i = 0; i < n; i++) {
			for (const j of open) {
				const share = shares[i * m + j];
				if (share === 0) continue;
				total += share * weights[i] * cost[i * m + j];
				load[j] += share * demand[i];
			}
		}
		return { cost: total, load, shares: withShares ? shares : undefined };
	}

	/**
	 * Improve a split of demand by moves between pairs of hubs a → b: move the demand that gains
	 * most into b's spare room, or, when b is full, trade it for the demand at b that gains most
	 * from going to a (a cycle of two hubs in the transportation problem's residual graph). An
	 * optimal split has no negative cycle of any length, so this narrows but need not close the gap.
	 */
	private exchange(open: readonly number[], shares: Float64Array, room: Float64Array): void {
		const { cost, demandCount: n, candidateCount: m, weights } = this.problem;
		const { demand } = this.problem.capacity!;
		// Cost per unit of demand of serving i from j.
		const unit = (i: number, j: number) => (weights[i] * cost[i * m + j]) / demand[i];
		// Demand points with a share at each hub (entries whose share fell to 0 are skipped, not removed).
		const members = new Map<number, number[]>(open.map((j) => [j, []]));
		const listed = new Uint8Array(n * m);
		const list = (i: number, j: number) => {
			if (listed[i * m + j]) return;
			listed[i * m + j] = 1;
			members.get(j)!.push(i);
		};
		for (let i = 0; i < n; i++) for (const j of open) if (shares[i * m + j] > 0 && demand[i] > 0) list(i, j);
		/** The demand point at `from` that gains most by going to `to`, and the gain per unit. */
		const bestMover = (from: number, to: number) => {
			let best = -1;
			let gain = -Infinity;
			for (const i of members.get(from)!) {
				if (shares[i * m + from] <= 1e-12) continue;
				const g = unit(i, from) - unit(i, to);
				if (g > gain) [best, gain] = [i, g];
			}
			return { i: best, gain };
		};
		const move = (i: number, from: number, to: number, amount: number) => {
			const share = amount / demand[i];
			shares[i * m + from] = Math.max(0, shares[i * m + from] - share);
			shares[i * m + to] += share;
			list(i, to);
			room[from] += amount;
			room[to] -= amount;
		};
		const limit = 50 * open.length * open.length;
		for (let moves = 0; moves < limit; ) {
			let moved = false;
			for (const a of open) {
				for (const b of open) {
					if (a === b) continue;
					const out = bestMover(a, b);
					if (out.i < 0) continue;
					const available = shares[out.i * m + a] * demand[out.i];
					if (room[b] > 1e-9 && out.gain > 1e-12) {
						move(out.i, a, b, Math.min(available, room[b]));
						moved = true;
						moves++;
						continue;
					}
					const back = bestMover(b, a);
					if (back.i < 0 || out.gain + back.gain <= relativeTolerance(out.gain)) continue;
					const amount = Math.min(available, shares[back.i * m + b] * demand[back.i]);
					move(out.i, a, b, amount);
					move(back.i, b, a, amount);
					moved = true;
					moves++;
				}
			}
			if (!moved) return;
		}
	}
}

function formatNumber(value: number): string {
	return Math.round(value).toLocaleString('en-GB');
}
