/**
 * A proven lower bound for least travel with hub capacities (capacity.ts) in well under a second,
 * without a MIP solver. Lagrangian relaxation of the assignment constraints, as for the
 * uncapacitated p-median (Cornuéjols, Fisher & Nemhauser, 1977; lagrangian.ts): for multipliers λ
 * (one per demand point),
 *
 *     L(λ) = Σ_i λ_i + min_{S: |S| = k} Σ_{j ∈ S} ρ_j,
 *     ρ_j = min { Σ_i (w_i c_ij − λ_i) x_ij : Σ_i d_i x_ij ≤ Q_j, 0 ≤ x_ij ≤ 1 },
 *
 * and every L(λ) is a lower bound on the optimum (weak duality). With capacities each ρ_j is a
 * continuous knapsack, solved exactly by taking the demand that gains most per unit of capacity
 * first (Dantzig, 1957), so a hub can no longer claim more demand than it holds: the bound stays
 * tight where the uncapacitated one (lagrangian.ts) falls away as capacities bind. λ is improved
 * by subgradient optimisation (Held, Wolfe & Crowder, 1974) and the best bound seen is returned.
 */
import { checkFacilityCount, checkProblem, type LocationProblem, relativeTolerance } from './problem';

export interface CapacitatedBoundOptions {
	mustKeep?: number[];
	mustClose?: number[];
	/** A known objective (e.g. the heuristic's), which sets the step size. */
	upperBound: number;
	/** Subgradient iterations at most; default 300 (Hubplan planning assumption, configurable). */
	iterations?: number;
}

/**
 * Lower bound on the capacitated least-travel objective for k open candidates (divisible demand).
 *
 * @example
 * const answer = solveCapacitatedMedian(problem, 10);
 * capacitatedLowerBound(problem, 10, { upperBound: answer.objective }).bound; // ≤ answer.objective
 */
export function capacitatedLowerBound(problem: LocationProblem, k: number, options: CapacitatedBoundOptions): { bound: number; iterations: number } {
	const sets = checkProblem(problem, options);
	checkFacilityCount(k, sets);
	if (!problem.capacity) throw new Error('capacitatedLowerBound needs capacity: a capacity per candidate and a demand per demand point.');
	const { cost, demandCount: n, candidateCount: m, weights } = problem;
	const { capacity, demand } = problem.capacity;
	const maxIterations = options.iterations ?? 300;
	const upper = options.upperBound;
	const isKept = new Uint8Array(m);
	for (const j of sets.mustKeep) isKept[j] = 1;
	const allowed = sets.allowed;
	const chooseFree = k - sets.mustKeep.length;

	// Weighted costs candidate-major over the allowed candidates, for the loop over one knapsack.
	const weighted = new Float64Array(allowed.length * n);
	allowed.forEach((j, t) => {
		for (let i = 0; i < n; i++) weighted[t * n + i] = weights[i] * cost[i * m + j];
	});
	const lambda = new Float64Array(n).fill(Infinity);
	for (let t = 0; t < allowed.length; t++) for (let i = 0; i < n; i++) lambda[i] = Math.min(lambda[i], weighted[t * n + i]);

	const rho = new Float64Array(allowed.length);
	const items = new Int32Array(n);
	const ratio = new Float64Array(n);
	const served = new Float64Array(n);
	const slope = new Float64Array(n);
	let best = -Infinity;
	let stepScale = 2;
	let sinceImproved = 0;
	let iteration = 0;
	for (; iteration < maxIterations; iteration++) {
		for (let t = 0; t < allowed.length; t++) rho[t] = -knapsack(t);
		let value = 0;
		for (let i = 0; i < n; i++) value += lambda[i];
		const chosen: number[] = [];
		const free: number[] = [];
		allowed.forEach((j, t) => (isKept[j] ? chosen : free).push(t));
		free.sort((a, b) => rho[a] - rho[b] || a - b);
		chosen.push(...free.slice(0, chooseFree));
		for (const t of chosen) value += rho[t];
		if (best === -Infinity || value > best + 1e-12 * Math.abs(best)) {
			best = value;
			sinceImproved = 0;
		} else if (++sinceImproved >= 30) {
			stepScale /= 2;
			sinceImproved = 0;
		}
		if (upper - best <= relativeTolerance(upper) || stepScale < 1e-4) break;

		// Subgradient: 1 − the share of demand i the chosen knapsacks took.
		served.fill(0);
		for (const t of chosen) knapsack(t, served);
		let normSquared = 0;
		for (let i = 0; i < n; i++) {
			slope[i] = 1 - served[i];
			normSquared += slope[i] * slope[i];
		}
		if (normSquared < 1e-18) break; // every demand point exactly served: λ is optimal.
		const step = (stepScale * (upper - value)) / normSquared;
		for (let i = 0; i < n; i++) lambda[i] += step * slope[i];
	}
	return { bound: best, iterations: Math.min(iteration + 1, maxIterations) };

	/**
	 * Candidate t's knapsack at the current λ: fill its capacity with the demand points that gain
	 * (λ_i − w_i c_ij > 0), most gain per unit of demand first; returns the gain, and with `take`,
	 * adds each point's share taken to it.
	 */
	function knapsack(t: number, take?: Float64Array): number {
		let count = 0;
		let gain = 0;
		for (let i = 0, base = t * n; i < n; i++) {
			const profit = lambda[i] - weighted[base + i];
			if (!(profit > 0)) continue;
			if (demand[i] > 0) {
				items[count++] = i;
				ratio[i] = profit / demand[i];
			} else {
				// Zero-demand points take no room.
				gain += profit;
				if (take) take[i] += 1;
			}
		}
		// Only the demand points that fit matter, so rather than sort them all, split around a pivot
		// ratio (as quickselect, Hoare, 1961): take the better side whole while it fits, else look
		// only inside it.
		let room = capacity[allowed[t]];
		const base = t * n;
		const takeShare = (i: number, share: number) => {
			gain += share * (lambda[i] - weighted[base + i]);
			room -= share * demand[i];
			if (take) take[i] += share;
		};
		let lo = 0;
		let hi = count;
		while (lo < hi && room > 0) {
			const pivot = ratio[items[(lo + hi) >> 1]];
			// Three-way partition of items[lo, hi): better than the pivot, equal, worse.
			let better = lo;
			let worse = hi;
			for (let s = lo; s < worse; ) {
				const item = items[s];
				if (ratio[item] > pivot) {
					items[s++] = items[better];
					items[better++] = item;
				} else if (ratio[item] < pivot) {
					items[s] = items[--worse];
					items[worse] = item;
				} else s++;
			}
			let betterDemand = 0;
			for (let s = lo; s < better; s++) betterDemand += demand[items[s]];
			if (betterDemand > room) {
				hi = better;
				continue;
			}
			for (let s = lo; s < worse && room > 0; s++) takeShare(items[s], Math.min(1, room / demand[items[s]]));
			lo = worse;
		}
		return gain;
	}
}
