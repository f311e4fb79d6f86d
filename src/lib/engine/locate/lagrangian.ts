/**
 * A proven lower bound for the p-median in milliseconds, without a MIP solver: Lagrangian
 * relaxation of the assignment constraints (Cornuéjols, Fisher & Nemhauser, 1977) maximised by
 * subgradient optimisation (Held, Wolfe & Crowder, 1974), as in Beasley (1993, "Lagrangean
 * heuristics for location problems", EJOR 65).
 *
 * For multipliers λ (one per demand point),
 *     L(λ) = Σ_i λ_i + min_{S: |S| = k} Σ_{j ∈ S} ρ_j,   ρ_j = Σ_i min(0, w_i c_ij − λ_i),
 * and every L(λ) is a lower bound on the optimum (weak duality), so the best one seen is returned.
 * Its maximum equals the LP relaxation bound, which for p-median is usually tight.
 */
import { checkFacilityCount, checkProblem, type LocationProblem, relativeTolerance } from './problem';

export interface LagrangianOptions {
	mustKeep?: number[];
	mustClose?: number[];
	/** A known objective (e.g. the heuristic's), which sets the step size. */
	upperBound: number;
	/** Subgradient iterations at most; default 300 (Hubplan planning assumption, configurable). */
	iterations?: number;
}

export interface LagrangianResult {
	/** Best lower bound found on the p-median objective. */
	bound: number;
	iterations: number;
	/**
	 * Reduced-cost fixing at the best multipliers (Beasley, 1993): every solution that opens a
	 * candidate in `provedClosed`, or closes one in `provedOpen`, costs more than `upperBound`.
	 * An exact solver may therefore drop or fix them and still find any strictly better answer.
	 */
	provedClosed: number[];
	provedOpen: number[];
}

/**
 * Lower bound on the weighted p-median objective for k open candidates.
 *
 * @example
 * const heuristic = solvePMedian(problem, 10);
 * pMedianLowerBound(problem, 10, { upperBound: heuristic.objective }).bound; // ≤ heuristic.objective
 */
export function pMedianLowerBound(problem: LocationProblem, k: number, options: LagrangianOptions): LagrangianResult {
	const sets = checkProblem(problem, options);
	checkFacilityCount(k, sets);
	const { cost, demandCount: n, candidateCount: m, weights } = problem;
	const maxIterations = options.iterations ?? 300;
	const upper = options.upperBound;
	const isKept = new Uint8Array(m);
	for (const j of sets.mustKeep) isKept[j] = 1;
	const free = sets.allowed.filter((j) => !isKept[j]);
	const chooseFree = k - sets.mustKeep.length;

	// Weighted costs over the allowed candidates only, demand-major and each row in increasing
	// order, so the loops over "candidates cheaper than λ_i" stop at the first that is not: a few
	// per demand point rather than all of them.
	const allowed = Int32Array.from(sets.allowed);
	const a = allowed.length;
	const weighted = new Float64Array(n * a);
	const column = new Int32Array(n * a);
	const slots = Int32Array.from({ length: a }, (_, t) => t);
	for (let i = 0; i < n; i++) {
		const row = i * m;
		slots.sort((x, y) => cost[row + allowed[x]] - cost[row + allowed[y]] || x - y);
		for (let r = 0; r < a; r++) {
			column[i * a + r] = allowed[slots[r]];
			weighted[i * a + r] = weights[i] * cost[row + allowed[slots[r]]];
		}
	}
	// Start from each demand point's weighted cost to its nearest allowed candidate.
	const lambda = new Float64Array(n);
	for (let i = 0; i < n; i++) lambda[i] = weighted[i * a];
	const rho = new Float64Array(m);
	const chosen = new Uint8Array(m);
	const assigned = new Int32Array(n);
	let best = -Infinity;
	const bestLambda = new Float64Array(n);
	let stepScale = 2;
	let sinceImproved = 0;
	let iteration = 0;
	for (; iteration < maxIterations; iteration++) {
		let lambdaSum = 0;
		for (let i = 0; i < n; i++) lambdaSum += lambda[i];
		reducedCosts(lambda);
		chosen.fill(0);
		let value = lambdaSum;
		for (const j of sets.mustKeep) {
			chosen[j] = 1;
			value += rho[j];
		}
		const cheapest = [...free].sort((a, b) => rho[a] - rho[b] || a - b).slice(0, chooseFree);
		for (const j of cheapest) {
			chosen[j] = 1;
			value += rho[j];
		}
		if (best === -Infinity || value > best + 1e-12 * Math.abs(best)) {
			best = value;
			bestLambda.set(lambda);
			sinceImproved = 0;
		} else if (++sinceImproved >= 30) {
			stepScale /= 2;
			sinceImproved = 0;
		}
		if (upper - best <= relativeTolerance(upper) || stepScale < 1e-4) break;

		// Subgradient: 1 − (number of chosen candidates demand i is attached to).
		let normSquared = 0;
		for (let i = 0; i < n; i++) {
			let count = 0;
			const l = lambda[i];
			for (let t = i * a, end = t + a; t < end && weighted[t] < l; t++) count += chosen[column[t]];
			assigned[i] = 1 - count;
			normSquared += assigned[i] * assigned[i];
		}
		if (normSquared === 0) break; // λ is optimal for the dual: the bound is the LP bound.
		const step = (stepScale * (upper - value)) / normSquared;
		for (let i = 0; i < n; i++) lambda[i] = Math.max(0, lambda[i] + step * assigned[i]);
	}
	return { bound: best, iterations: Math.min(iteration + 1, maxIterations), ...reducedCostFixing() };

	/** ρ_j = Σ_i min(0, w_i c_ij − λ_i), into `rho`. */
	function reducedCosts(multipliers: Float64Array): void {
		rho.fill(0);
		for (let i = 0; i < n; i++) {
			const l = multipliers[i];
			for (let t = i * a, end = t + a; t < end && weighted[t] < l; t++) rho[column[t]] += weighted[t] - l;
		}
	}

	/** Price forcing each free candidate in or out of the Lagrangian solution at the best λ. */
	function reducedCostFixing(): { provedClosed: number[]; provedOpen: number[] } {
		reducedCosts(bestLambda);
		const ranked = [...free].sort((x, y) => rho[x] - rho[y] || x - y);
		const inside = ranked.slice(0, chooseFree);
		const outside = ranked.slice(chooseFree);
		const margin = relativeTolerance(upper);
		const provedClosed: number[] = [];
		const provedOpen: number[] = [];
		if (chooseFree === 0 || outside.length === 0) return { provedClosed, provedOpen };
		const dearestInside = rho[inside[inside.length - 1]];
		const cheapestOutside = rho[outside[0]];
		for (const j of outside) if (best + rho[j] - dearestInside > upper + margin) provedClosed.push(j);
		for (const j of inside) if (best + cheapestOutside - rho[j] > upper + margin) provedOpen.push(j);
		return { provedClosed: provedClosed.sort((x, y) => x - y), provedOpen: provedOpen.sort((x, y) => x - y) };
	}
}
