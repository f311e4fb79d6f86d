/**
 * Hub optimiser benchmark (issue 5). Seeded; prints two tables:
 * 1. OR-Library pmed1–pmed10: heuristic time and objective against the published optimum, with
 *    the Lagrangian lower bound as the heuristic's own proof of quality.
 * 2. Greater Manchester pack (1,702 zones; every library and every post office as candidates):
 *    k = 5, 10, 20, 40 for least travel and for most people within a mile, plus the fewest hubs
 *    covering half the residents within a mile and the cheapest hubs (least annual running cost,
 *    estimated from floor area in the pack) covering 50 % and 80 % within a mile — heuristic
 *    against HiGHS in the same process, one fresh process per row (optimise-gm-row.ts).
 *    Capacitated least travel for libraries (each holds floor area × R residents, R about 1.2× the
 *    least that holds everyone for that k) is in the same table.
 * HiGHS gets the textbook MIP with no help (as spopt would build it); models above 300,000 columns
 * are not sent (they exhaust the Wasm heap). HiGHS gets HUBPLAN_BENCH_HIGHS_S seconds per solve
 * (default 20) so the run ends in minutes. HUBPLAN_BENCH_GOALS (e.g. `cheapest,fewest`) limits
 * the Greater Manchester rows to those goals.
 * Times are CPU time (measure.ts): runs under half a second are warmed up and timed in batches,
 * and the median taken; the time ratio compares the two sides within one process.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locate, provenGap, type LocateGoal } from '../../src/lib/engine/locate';
import { orLibProblem, parseOrLib } from '../../src/lib/engine/locate/orlib';
import { DEFAULT_LOCATE_OPTIONS } from '../../src/lib/engine/locate/problem';
import { percent, timed } from './measure';
import { SEED, type GmRow } from './optimise-gm-row';

const PMED_DIR = 'data/orlib-pmed';
const ROW_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'optimise-gm-row.ts');
const MILE_M = 1609.344;
const HIGHS_LIMIT_S = Number(process.env.HUBPLAN_BENCH_HIGHS_S ?? 20);
const GOAL_KINDS = process.env.HUBPLAN_BENCH_GOALS?.split(',');

export async function run(): Promise<void> {
	orLibTable();
	await greaterManchesterTable();
}

function orLibTable(): void {
	const optima = new Map(
		fs
			.readFileSync(path.join(PMED_DIR, 'optima.csv'), 'utf8')
			.trim()
			.split('\n')
			.slice(1)
			.map((row) => row.split(','))
			.map(([name, , , cost]) => [name, Number(cost)])
	);
	console.log(`### OR-Library p-median (Beasley 1985), seed ${SEED}, at most ${2 * DEFAULT_LOCATE_OPTIONS.starts} search steps\n`);
	console.log('The search stops as soon as its Lagrangian lower bound proves the answer optimal.\n');
	console.log('| instance | n | p | heuristic CPU s | objective | optimum | gap to optimum | steps run | Lagrangian bound | proven gap |');
	console.log('|---|---|---|---|---|---|---|---|---|---|');
	for (let i = 1; i <= 10; i++) {
		const name = `pmed${i}`;
		const instance = parseOrLib(fs.readFileSync(path.join(PMED_DIR, `${name}.txt`), 'utf8'));
		const problem = orLibProblem(instance);
		let steps = 0;
		const { value: answer, seconds } = timed(() => locate(problem, { kind: 'median', k: instance.p }, { seed: SEED, onProgress: (p) => (steps = p.start) }));
		const optimum = optima.get(name)!;
		const bound = answer.searchBound!.value;
		console.log(
			`| ${name} | ${instance.nodeCount} | ${instance.p} | ${seconds.toFixed(3)} | ${answer.objective} | ${optimum} | ${percent(provenGap(answer.objective, optimum, false))} | ${steps} | ${bound.toFixed(1)} | ${percent(provenGap(answer.objective, bound, false))} |`
		);
	}
}

async function greaterManchesterTable(): Promise<void> {
	console.log(`\n### Greater Manchester: 1,702 zones; heuristic (seed ${SEED}) against HiGHS alone (full MIP, no help, limit ${HIGHS_LIMIT_S} s)\n`);
	console.log('Each row runs in a fresh Node process (as the app runs each optimisation in a fresh Web Worker).\n');
	console.log('"Proven gap" is the heuristic\'s gap to its own Lagrangian bound, computed inside the search (no HiGHS); with capacities, to the capacitated Lagrangian bound the app computes after the search, whose time is included.\n');
	console.log('| candidates | goal | k | heuristic CPU ms | heuristic objective | proven gap | HiGHS alone | HiGHS CPU ms | HiGHS objective | heuristic vs HiGHS | time ratio HiGHS/heuristic |');
	console.log('|---|---|---|---|---|---|---|---|---|---|---|');
	for (const service of ['library', 'post_office'] as const) {
		const goals: LocateGoal[] = [
			...[5, 10, 20, 40].map((k): LocateGoal => ({ kind: 'median', k })),
			...[5, 10, 20, 40].map((k): LocateGoal => ({ kind: 'coverage', k, thresholdCost: MILE_M })),
			{ kind: 'fewest', thresholdCost: MILE_M, targetShare: 0.5 },
			...[0.5, 0.8].map((targetShare): LocateGoal => ({ kind: 'cheapest', thresholdCost: MILE_M, targetShare })),
			...(service === 'library' ? [5, 10, 20, 40].map((k): LocateGoal => ({ kind: 'median', k, capacitated: true })) : [])
		];
		for (const goal of goals.filter((g) => !GOAL_KINDS || GOAL_KINDS.includes(g.kind))) {
			const row: GmRow = { service, goal, highsLimitS: HIGHS_LIMIT_S };
			const child = spawnSync(process.execPath, ['--expose-gc', '--no-liftoff', '--import', 'tsx', ROW_SCRIPT, JSON.stringify(row)], { encoding: 'utf8' });
			const cells = child.status === 0 ? (JSON.parse(child.stdout) as string[]) : [service, JSON.stringify(goal), `failed: ${child.stderr.trim().split('\n').pop()}`];
			console.log(`| ${cells.join(' | ')} |`);
		}
	}
}
