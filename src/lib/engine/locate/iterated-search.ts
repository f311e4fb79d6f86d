/**
 * The one search loop every heuristic locator runs: greedy starts, then an iterated local search
 * (Lourenço, Martin & Stützle, 2003) that perturbs the current answer, improves it again and keeps
 * it when it is no worse (accepting equal answers crosses the plateaus coverage objectives are
 * full of). It stops early, deterministically, when
 * - a proven lower bound shows the best answer is optimal (within {@link PROOF_TOLERANCE}), or
 * - `patience` steps in a row found nothing better (fewer while the bound leaves little to gain), or
 * - an answer is good `enough`, or the bound shows none can be.
 * Objectives are minimised; goals that maximise pass their shortfall instead.
 */
import { mulberry32 } from './random';
import { relativeTolerance, type LocateProgress, type SearchBound } from './problem';

/** A local search over open sets, as each locator implements it. */
export interface LocalSearch {
	/** Start afresh: plain greedy without `random`, randomised greedy with it. */
	construct(random?: () => number): void;
	/** Improve until no move pays. */
	improve(): void;
	/** Disturb the current (loaded) answer. */
	perturb(random: () => number): void;
	/** Make `open` the current answer. */
	load(open: readonly number[]): void;
	objective(): number;
	/** Current open set, ascending. */
	openSet(): number[];
}

export interface SearchPlan {
	seed: number;
	/** Greedy starts (the first is plain greedy), then `steps − greedyStarts` perturbation rounds. */
	greedyStarts: number;
	steps: number;
	/** Stop after this many steps in a row without a better answer; omit to run every step. */
	patience?: number;
	/**
	 * While the bound leaves a gap (best objective − bound) below `patienceGap(bound)`, patience
	 * shrinks in proportion (to at least one step): no answer can gain more than the gap, and an
	 * answer proven that close already meets the plan's quality target.
	 */
	patienceGap?: (bound: number) => number;
	/**
	 * A proven lower bound on the objective, computed once after step `boundAfter` (default 1) from
	 * the best answer so far (to size its steps and start its multipliers); the search ends as soon
	 * as its best answer meets the bound.
	 * A relaxation's own solution made feasible (`start`) is improved next (a Lagrangian heuristic,
	 * Beasley, 1993): it often lands where greedy does not.
	 */
	lowerBound?: (incumbent: { open: number[]; objective: number }) => { bound: number; start?: number[] };
	boundAfter?: number;
	/** Stop once an answer's objective is at most this (e.g. a coverage target met). */
	enough?: number;
	onProgress?: (progress: LocateProgress) => void;
}

export interface SearchOutcome {
	open: number[];
	objective: number;
	/** Steps run (≤ plan.steps), and why the search ended. */
	steps: number;
	stopped: 'proven' | 'enough' | 'unreachable' | 'patience' | 'steps';
	/** The lower bound, when one was computed. */
	bound: SearchBound | null;
}

/**
 * Hubplan planning assumption (configurable): an answer within 0.001 % of a proven bound ends the
 * search; the answer still reports its exact gap. For least travel on Greater Manchester that is
 * under a metre of average trip.
 */
export const PROOF_TOLERANCE = 1e-5;

/**
 * Run `search` under `plan`; deterministic for a given seed.
 *
 * @example
 * iteratedSearch(new MaxCoverSearch(state, k), { seed: 1, greedyStarts: 4, steps: 64, patience: 16 });
 */
export function iteratedSearch(search: LocalSearch, plan: SearchPlan): SearchOutcome {
	const random = mulberry32(plan.seed);
	let best: { open: number[]; objective: number } | undefined;
	let bound: number | null = null;
	let sinceBetter = 0;
	const proven = () => bound !== null && Number.isFinite(bound) && best!.objective - bound <= Math.max(PROOF_TOLERANCE * Math.abs(bound), relativeTolerance(bound));
	let boundSeconds = 0;
	const finish = (steps: number, stopped: SearchOutcome['stopped']): SearchOutcome => ({
		...best!,
		steps,
		stopped,
		bound: bound === null ? null : { value: bound, seconds: boundSeconds }
	});
	let current: { open: number[]; objective: number } | undefined;
	let relaxed: number[] | undefined;
	for (let step = 0; step < plan.steps; step++) {
		const fresh = step < plan.greedyStarts || relaxed !== undefined;
		if (relaxed) search.load(relaxed);
		else if (fresh) search.construct(step === 0 ? undefined : random);
		else {
			search.load(current!.open);
			search.perturb(random);
		}
		search.improve();
		const objective = search.objective();
		if (!best || objective < best.objective - relativeTolerance(best.objective)) {
			best = { open: search.openSet(), objective };
			sinceBetter = 0;
		} else sinceBetter++;
		// Perturbation continues from the best greedy start, then from any answer no worse.
		if (fresh) current = best;
		else if (objective <= current!.objective + relativeTolerance(current!.objective)) current = { open: search.openSet(), objective };
		plan.onProgress?.({ start: step + 1, starts: plan.steps, bestObjective: best.objective, bestOpen: best.open });
		relaxed = undefined;
		if (plan.enough !== undefined && best.objective <= plan.enough) return finish(step + 1, 'enough');
		if (step + 1 === Math.min(plan.boundAfter ?? 1, plan.steps) && plan.lowerBound) {
			const started = performance.now();
			const relaxation = plan.lowerBound(best);
			boundSeconds = (performance.now() - started) / 1000;
			bound = relaxation.bound;
			relaxed = relaxation.start;
		}
		if (proven()) return finish(step + 1, 'proven');
		if (plan.enough !== undefined && bound !== null && bound > plan.enough) return finish(step + 1, 'unreachable');
		if (plan.patience !== undefined && sinceBetter >= patience(plan, bound, bound === null ? Infinity : best.objective - bound))
			return finish(step + 1, 'patience');
	}
	return finish(plan.steps, 'steps');
}

/** The plan's patience, cut in proportion to how little the bound leaves to gain (see {@link SearchPlan.patienceGap}). */
function patience(plan: SearchPlan, bound: number | null, gap: number): number {
	const full = plan.patience!;
	const near = bound === null || plan.patienceGap === undefined ? 0 : plan.patienceGap(bound);
	if (!(gap < near)) return full;
	return Math.max(1, Math.ceil((full * gap) / near));
}
