/**
 * Exact answers from HiGHS (Huangfu & Hall, 2018, "Parallelizing the dual revised simplex
 * method"; the MIP solver of the `highs` package, compiled to WebAssembly). The caller loads HiGHS
 * and passes the instance in, so this module does no I/O and runs the same in Node, a Web Worker
 * and the tests. The MIP is the textbook formulation of each problem (see pmedian.ts, mclp.ts,
 * lscp.ts, cheapest.ts); a heuristic answer can be passed as the starting incumbent, and its gap to the proven
 * bound is what the optimiser reports.
 */
import type { Highs } from 'highs';
import { CapacitatedAssignment, checkCapacity } from './capacity';
import {
	checkFacilityCount,
	checkProblem,
	checkOpeningCosts,
	coveredWeight,
	openingCostOf,
	totalWeight,
	weightedNearestCost,
	type LocateGoal,
	type LocationProblem,
	relativeTolerance
} from './problem';

export interface ExactOptions {
	mustKeep?: number[];
	mustClose?: number[];
	/** Wall-clock limit in seconds; default 60. The bound found so far is still returned. */
	timeLimitS?: number;
	/** Stop when the relative gap is at most this; default 1e-6 (HiGHS's own default is 1e-4). */
	relativeGap?: number;
	/** A known feasible open set (e.g. the heuristic's) handed to HiGHS as a starting incumbent. */
	incumbent?: number[];
	/**
	 * Largest model (columns) handed to HiGHS; default 300,000. Bigger p-median models exhaust the
	 * WebAssembly heap (HiGHS aborted on 1,702 zones × 343 candidates), so they are skipped.
	 */
	maxColumns?: number;
	/** Further HiGHS options by their native names, e.g. `{ mip_lp_solver: 'ipm' }`; applied last. */
	solverOptions?: Record<string, string | number | boolean>;
	/** Called on HiGHS's MIP log events with its current bounds. */
	onProgress?: (progress: { seconds: number; primalBound: number; dualBound: number }) => void;
}

export interface ExactResult {
	/**
	 * `optimal`, or `time_limit` / `other` when HiGHS stopped early (`open` then is its best);
	 * `too_large` when the model exceeded `maxColumns` and HiGHS was not run.
	 */
	status: 'optimal' | 'time_limit' | 'infeasible' | 'too_large' | 'other';
	/** Open candidates in HiGHS's best solution, ascending; empty if it found none. */
	open: number[];
	/**
	 * Objective of that solution in the goal's sense: weighted cost (median), covered weight
	 * (coverage), number of hubs (fewest), total opening cost (cheapest). NaN if none.
	 */
	objective: number;
	/** Proven bound: lower for median, fewest and cheapest, upper for coverage. */
	bound: number;
	seconds: number;
}

/**
 * Solve a location goal exactly (or up to the time limit) with HiGHS.
 *
 * @example
 * const highs = await highsLoader();
 * solveExact(highs, problem, { kind: 'median', k: 5 }, { incumbent: heuristic.open }).bound;
 */
export function solveExact(highs: Highs, problem: LocationProblem, goal: LocateGoal, options: ExactOptions = {}): ExactResult {
	const sets = checkProblem(problem, { mustKeep: options.mustKeep, mustClose: options.mustClose });
	if (goal.kind === 'median' || goal.kind === 'coverage') checkFacilityCount(goal.k, sets);
	if (goal.kind === 'cheapest') checkOpeningCosts(problem, sets);
	if (goal.kind === 'median' && goal.capacitated) checkCapacity(problem, goal.k, sets);
	const mip =
		goal.kind === 'median'
			? goal.capacitated
				? capacitatedMip(problem, goal.k, sets.allowed, sets.mustKeep)
				: medianMip(problem, goal.k, sets.allowed, sets.mustKeep)
			: coverMip(problem, goal, sets.allowed, sets.mustKeep);
	const started = performance.now();
	const maxColumns = options.maxColumns ?? 300_000;
	if (mip.colCost.length > maxColumns)
		return { status: 'too_large', open: [], objective: NaN, bound: NaN, seconds: (performance.now() - started) / 1000 };
	return highs.withModel((model) => {
		model.passModel({
			numCols: mip.colCost.length,
			numRows: mip.rowLower.length,
			sense: mip.maximise ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
			colCost: mip.colCost,
			colLower: mip.colLower,
			colUpper: mip.colUpper,
			rowLower: mip.rowLower,
			rowUpper: mip.rowUpper,
			matrix: { format: 'csr', numRows: mip.rowLower.length, numCols: mip.colCost.length, starts: mip.starts, indices: mip.indices, values: mip.values },
			integrality: mip.integrality
		});
		model.options.set({ time_limit: options.timeLimitS ?? 60, mip_rel_gap: options.relativeGap ?? 1e-6, ...options.solverOptions });
		if (options.incumbent) model.setSolution({ colValue: mip.startFrom(options.incumbent) });
		const onProgress = options.onProgress;
		const run = model.run(
			onProgress
				? {
						[highs.constants.callbackType.mipLogging]: (event) => {
							onProgress({
								seconds: event.data.running_time ?? 0,
								primalBound: event.data.mip_primal_bound ?? NaN,
								dualBound: event.data.mip_dual_bound ?? NaN
							});
						}
					}
				: undefined
		);
		const codes = highs.constants.modelStatus;
		const status: ExactResult['status'] =
			run.modelStatus === codes.optimal ? 'optimal' : run.modelStatus === codes.timeLimit ? 'time_limit' : run.modelStatus === codes.infeasible ? 'infeasible' : 'other';
		const hasSolution = Number(model.info.get('primal_solution_status')) === 2;
		const open = hasSolution ? mip.openFrom(model.getSolution().colValue) : [];
		const bound = Number(model.info.get('mip_dual_bound'));
		return {
			status,
			open,
			// Re-evaluated from the open set, so HiGHS's float noise (7823.999…) never reaches users.
			objective: open.length === 0 ? NaN : goalObjective(problem, goal, open),
			// A hub count is whole, so its lower bound rounds up.
			bound: goal.kind === 'fewest' ? Math.ceil(bound - 1e-6) : bound,
			seconds: (performance.now() - started) / 1000
		};
	});
}

/**
 * The goal's objective for an open set: weighted cost, covered weight, hub count or opening cost.
 * With capacities, the weighted cost of the optimal split of demand between those hubs
 * (capacity-assignment.ts).
 */
export function goalObjective(problem: LocationProblem, goal: LocateGoal, open: readonly number[]): number {
	if (goal.kind === 'median' && goal.capacitated) {
		const all = Array.from({ length: problem.candidateCount }, (_, j) => j);
		return new CapacitatedAssignment(problem, all).run(open).cost;
	}
	if (goal.kind === 'median') return weightedNearestCost(problem, open);
	if (goal.kind === 'coverage') return coveredWeight(problem, open, goal.thresholdCost);
	if (goal.kind === 'cheapest') return openingCostOf(problem, open);
	return open.length;
}

/**
 * Relative gap of a heuristic objective to a proven bound, ≥ 0: (heuristic − bound) / bound for
 * minimising goals, (bound − heuristic) / bound for coverage. 0 when they agree, Infinity when the
 * bound is 0 and they differ.
 */
export function provenGap(heuristic: number, bound: number, maximise: boolean): number {
	const diff = Math.max(0, maximise ? bound - heuristic : heuristic - bound);
	const scale = relativeTolerance(bound);
	if (diff <= scale) return 0;
	return bound === 0 ? Infinity : diff / Math.abs(bound);
}

/** A MIP in HiGHS's row-wise form, plus how to read the open set back and to seed an incumbent. */
interface Mip {
	maximise: boolean;
	colCost: Float64Array;
	colLower: Float64Array;
	colUpper: Float64Array;
	integrality: Int32Array;
	rowLower: Float64Array;
	rowUpper: Float64Array;
	starts: Int32Array;
	indices: Int32Array;
	values: Float64Array;
	openFrom(colValue: Float64Array): number[];
	startFrom(open: number[]): Float64Array;
}

/** Rows appended one at a time into CSR arrays. */
class RowBuilder {
	readonly lower: number[] = [];
	readonly upper: number[] = [];
	readonly starts: number[] = [0];
	readonly indices: number[] = [];
	readonly values: number[] = [];

	add(columns: number[], coefficients: number[], lower: number, upper: number): void {
		this.indices.push(...columns);
		this.values.push(...coefficients);
		this.starts.push(this.indices.length);
		this.lower.push(lower);
		this.upper.push(upper);
	}
}

/**
 * p-median, assignment form (ReVelle & Swain, 1970). Columns: y_j for every candidate, then x_ij
 * only for pairs that can be a nearest assignment: the nearest open hub is never beyond the
 * (allowed − k + 1)-th nearest allowed candidate, nor beyond the nearest must-keep one.
 */
function medianMip(problem: LocationProblem, k: number, allowed: number[], mustKeep: number[]): Mip {
	const { cost, demandCount: n, candidateCount: m, weights } = problem;
	const colCost: number[] = new Array(m).fill(0);
	const colUpper: number[] = new Array(m).fill(0);
	for (const j of allowed) colUpper[j] = 1;
	const rows = new RowBuilder();
	const assignment: { i: number; j: number; col: number }[] = [];
	const reach = allowed.length - k + 1;
	for (let i = 0; i < n; i++) {
		let limit = Infinity;
		for (const j of mustKeep) limit = Math.min(limit, cost[i * m + j]);
		const nearest = [...allowed].sort((a, b) => cost[i * m + a] - cost[i * m + b] || a - b).slice(0, reach);
		const columns: number[] = [];
		for (const j of nearest) {
			if (cost[i * m + j] > limit) break;
			const col = colCost.length;
			colCost.push(weights[i] * cost[i * m + j]);
			colUpper.push(1);
			assignment.push({ i, j, col });
			columns.push(col);
			rows.add([col, j], [1, -1], -Infinity, 0);
		}
		rows.add(columns, columns.map(() => 1), 1, 1);
	}
	rows.add(allowed, allowed.map(() => 1), k, k);
	return {
		...finish(false, colCost, colUpper, m, mustKeep, rows),
		startFrom: (open) => {
			const start = openStart(colCost.length, open);
			const isOpen = new Set(open);
			const best = new Map<number, { col: number; c: number }>();
			for (const a of assignment) {
				if (!isOpen.has(a.j)) continue;
				const c = cost[a.i * m + a.j];
				const current = best.get(a.i);
				if (!current || c < current.c) best.set(a.i, { col: a.col, c });
			}
			for (const { col } of best.values()) start[col] = 1;
			return start;
		}
	};
}

/**
 * Capacitated p-median (see capacity.ts), divisible demand. Columns: y_j, then x_ij for every
 * demand point and allowed candidate, since capacity may send demand past its nearest hubs.
 */
function capacitatedMip(problem: LocationProblem, k: number, allowed: number[], mustKeep: number[]): Mip {
	const { cost, demandCount: n, candidateCount: m, weights } = problem;
	const { capacity, demand } = problem.capacity!;
	const colCost: number[] = new Array(m).fill(0);
	const colUpper: number[] = new Array(m).fill(0);
	for (const j of allowed) colUpper[j] = 1;
	const rows = new RowBuilder();
	const column = new Map<number, number>();
	const byHub = new Map<number, { cols: number[]; loads: number[] }>(allowed.map((j) => [j, { cols: [], loads: [] }]));
	for (let i = 0; i < n; i++) {
		const columns: number[] = [];
		for (const j of allowed) {
			const col = colCost.length;
			colCost.push(weights[i] * cost[i * m + j]);
			colUpper.push(1);
			column.set(i * m + j, col);
			columns.push(col);
			rows.add([col, j], [1, -1], -Infinity, 0);
			byHub.get(j)!.cols.push(col);
			byHub.get(j)!.loads.push(demand[i]);
		}
		rows.add(columns, columns.map(() => 1), 1, 1);
	}
	for (const j of allowed) {
		const { cols, loads } = byHub.get(j)!;
		rows.add([...cols, j], [...loads, -capacity[j]], -Infinity, 0);
	}
	rows.add(allowed, allowed.map(() => 1), k, k);
	return {
		...finish(false, colCost, colUpper, m, mustKeep, rows),
		startFrom: (open) => {
			const start = openStart(colCost.length, open);
			const { shares } = new CapacitatedAssignment(problem, allowed).run(open, true);
			for (const [key, col] of column) start[col] = shares ? shares[key] : 0;
			return start;
		}
	};
}

/**
 * Coverage (MCLP, Church & ReVelle, 1974), or fewest or cheapest hubs (LSCP with a share target,
 * each hub costing 1 or its opening cost). Columns: y_j, then z_i.
 */
function coverMip(
	problem: LocationProblem,
	goal: Extract<LocateGoal, { kind: 'coverage' | 'fewest' | 'cheapest' }>,
	allowed: number[],
	mustKeep: number[]
): Mip {
	const { cost, demandCount: n, candidateCount: m, weights } = problem;
	const maximise = goal.kind === 'coverage';
	const colCost: number[] = new Array(m).fill(0);
	const colUpper: number[] = new Array(m).fill(0);
	for (const j of allowed) {
		colUpper[j] = 1;
		if (!maximise) colCost[j] = goal.kind === 'cheapest' ? problem.openingCost![j] : 1;
	}
	const rows = new RowBuilder();
	const within: number[][] = [];
	for (let i = 0; i < n; i++) {
		const near = allowed.filter((j) => cost[i * m + j] <= goal.thresholdCost);
		within.push(near);
		const col = m + i;
		colCost.push(maximise ? weights[i] : 0);
		colUpper.push(near.length > 0 ? 1 : 0);
		rows.add([col, ...near], [1, ...near.map(() => -1)], -Infinity, 0);
	}
	if (goal.kind === 'coverage') rows.add(allowed, allowed.map(() => 1), goal.k, goal.k);
	else {
		const zCols = Array.from({ length: n }, (_, i) => m + i);
		rows.add(zCols, Array.from(weights), goal.targetShare * totalWeight(problem) * (1 - 1e-9), Infinity);
	}
	return {
		...finish(maximise, colCost, colUpper, m, mustKeep, rows),
		startFrom: (open) => {
			const start = openStart(colCost.length, open);
			const isOpen = new Set(open);
			within.forEach((near, i) => {
				if (near.some((j) => isOpen.has(j))) start[m + i] = 1;
			});
			return start;
		}
	};
}

/** Typed arrays for HiGHS; the first `candidateCount` columns are the binary y_j, must-keep fixed at 1. */
function finish(
	maximise: boolean,
	colCost: number[],
	colUpper: number[],
	candidateCount: number,
	mustKeep: number[],
	rows: RowBuilder
): Omit<Mip, 'startFrom'> {
	const integrality = new Int32Array(colCost.length);
	integrality.fill(1, 0, candidateCount);
	const colLower = new Float64Array(colCost.length);
	for (const j of mustKeep) colLower[j] = 1;
	return {
		maximise,
		colCost: Float64Array.from(colCost),
		colUpper: Float64Array.from(colUpper),
		colLower,
		integrality,
		rowLower: Float64Array.from(rows.lower),
		rowUpper: Float64Array.from(rows.upper),
		starts: Int32Array.from(rows.starts),
		indices: Int32Array.from(rows.indices),
		values: Float64Array.from(rows.values),
		openFrom: (colValue) => {
			const open: number[] = [];
			for (let j = 0; j < candidateCount; j++) if (colValue[j] > 0.5) open.push(j);
			return open;
		}
	};
}

/** A start vector of `length` columns with y_j = 1 for the open candidates, the rest 0. */
function openStart(length: number, open: number[]): Float64Array {
	const start = new Float64Array(length);
	for (const j of open) start[j] = 1;
	return start;
}
