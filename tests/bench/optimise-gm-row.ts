/**
 * One Greater Manchester row of the optimiser benchmark (optimise.bench.ts), run in a process of
 * its own: `node --expose-gc --no-liftoff --import tsx tests/bench/optimise-gm-row.ts '<GmRow JSON>'`
 * prints the row's cells as JSON. A fresh process per row, as the app runs each optimisation in a
 * fresh Web Worker, keeps one row's compiled code and heap (HiGHS's WebAssembly memory grows to
 * hundreds of megabytes on the least-travel rows) from slowing the next row's measurements: in
 * one shared process, the most-covered rows ran 10–25 % slower after the least-travel rows.
 * `--no-liftoff` compiles HiGHS's WebAssembly with V8's optimising compiler up front; otherwise it
 * starts on the baseline compiler and is swapped to optimised code in the background over its
 * first seconds, and a fresh process would time HiGHS below its best speed.
 */
import { sqliteClientOf } from '../../src/lib/server/db';
import { pathToFileURL } from 'node:url';
import highsLoader from 'highs';
import { locate, maximises, provenGap, solveExact, type LocateGoal } from '../../src/lib/engine/locate';
import { floorAreaCapacity, serviceProblem } from '../../src/lib/engine/locate/cost-matrix';
import { loadEngineData } from '../../src/lib/server/estate';
import { seedPack } from '../../src/lib/server/seed';
import { percent, timed } from './measure';
import { openTestDb } from '../support/db';
import { TEST_ACTOR } from '../support/actor';

const GM_DIR = 'data/greater-manchester';
export const SEED = 1;
/**
 * Residents one m² of library floor area serves, per k, for the capacitated rows: test values, not
 * a standard. Every GM library has the same estimated floor area (600 m²), so the least rate that
 * holds everyone is 956 / 478 / 239 / 120 for k = 5 / 10 / 20 / 40; these are about 1.2× that,
 * leaving the hubs about 83 % full.
 */
export const RESIDENTS_PER_M2: Record<number, number> = { 5: 1150, 10: 575, 20: 290, 40: 150 };

export interface GmRow {
	service: 'library' | 'post_office';
	goal: LocateGoal;
	highsLimitS: number;
}

/** The row's cells: candidates, goal, k, heuristic time, objective, proven gap, then HiGHS's. */
export async function gmRowCells({ service, goal, highsLimitS }: GmRow): Promise<string[]> {
	const db = await openTestDb();
	await seedPack(db, TEST_ACTOR, GM_DIR, { id: 'greater-manchester', name: 'Greater Manchester', areaCode: null });
	const data = await loadEngineData(db, 'greater-manchester');
	sqliteClientOf(db)!.close();
	const built = serviceProblem(data, service);
	const problem = goal.kind === 'median' && goal.capacitated ? floorAreaCapacity(data, built, RESIDENTS_PER_M2[goal.k], []).problem : built.problem;
	// With capacities locate's time includes the bound computed after the search, as in the app.
	const { value: answer, seconds: heuristicS } = timed(() => locate(problem, goal, { seed: SEED }));
	const provenGapText = percent(provenGap(answer.objective, answer.searchBound!.value, maximises(goal)));
	const cells = [`${service} (${problem.candidateCount})`, describe(goal), goal.kind === 'fewest' || goal.kind === 'cheapest' ? String(answer.open.length) : String(goal.k), ms(heuristicS), format(answer.objective), provenGapText];
	try {
		const highs = await highsLoader();
		const { value: alone, seconds: highsS } = timed(() => solveExact(highs, problem, goal, { timeLimitS: highsLimitS }));
		const versus = alone.open.length > 0 ? percent(signedGap(answer.objective, alone.objective, maximises(goal))) : 'no solution';
		const ratio = alone.status === 'too_large' ? '—' : `${(highsS / heuristicS).toFixed(1)}×`;
		cells.push(alone.status, alone.status === 'too_large' ? '—' : ms(highsS), format(alone.objective), versus, ratio);
	} catch (error) {
		// A Wasm abort (out of memory), reported in the row.
		cells.push(`HiGHS failed: ${(error as Error).message.slice(0, 50)}`);
	}
	return cells;
}

function ms(seconds: number): string {
	return (seconds * 1000).toFixed(seconds < 0.01 ? 2 : 0);
}

/** Heuristic relative to HiGHS's solution: positive when the heuristic is worse. */
function signedGap(heuristic: number, exact: number, maximise: boolean): number {
	return (maximise ? exact - heuristic : heuristic - exact) / Math.abs(exact);
}

function describe(goal: LocateGoal): string {
	if (goal.kind === 'median') return goal.capacitated ? `least travel, capacity ${RESIDENTS_PER_M2[goal.k]}/m² (person-m)` : 'least travel (person-m)';
	if (goal.kind === 'coverage') return 'most within 1 mile (people)';
	if (goal.kind === 'fewest') return `fewest hubs for ${goal.targetShare * 100} % within 1 mile`;
	return `cheapest hubs for ${goal.targetShare * 100} % within 1 mile (£ a year)`;
}

function format(value: number): string {
	return Number.isNaN(value) ? '—' : Math.round(value).toLocaleString('en-GB');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	console.log(JSON.stringify(await gmRowCells(JSON.parse(process.argv[2]) as GmRow)));
}
