/**
 * Hub optimiser benchmark (issue 5). Seeded; prints two tables:
 * 1. OR-Library pmed1–pmed10: heuristic time and objective against the published optimum, with
 *    the Lagrangian lower bound as the heuristic's own proof of quality.
 * 2. Greater Manchester pack (1,702 zones; every library and every post office as candidates):
 *    k = 5, 10, 20, 40 for least travel and for most people within a mile, plus the fewest hubs
 *    covering half the residents within a mile and the cheapest hubs (least annual running cost,
 *    estimated from floor area in the pack) covering 50 % and 80 % within a mile — heuristic
 *    against HiGHS in the same run.
 * For least travel, HiGHS solves the model left after Lagrangian reduced-cost fixing (see
 * lagrangian.ts); models still above 300,000 columns are not sent (they exhaust the Wasm heap).
 * HiGHS gets HUBPLAN_BENCH_HIGHS_S seconds per solve (default 20) so the run ends in minutes.
 * HUBPLAN_BENCH_GOALS (e.g. `cheapest,fewest`) limits the Greater Manchester rows to those goals.
 * Times are CPU seconds of this process (process.cpuUsage), which a busy shared machine disturbs
 * far less than wall-clock time; the time ratio compares CPU seconds within one run.
 */
import fs from 'node:fs';
import path from 'node:path';
import highsLoader from 'highs';
import { certify, locate, maximises, provenGap, solveExact, type LocateGoal } from '../../src/lib/engine/locate';
import { serviceProblem } from '../../src/lib/engine/locate/cost-matrix';
import { orLibProblem, parseOrLib } from '../../src/lib/engine/locate/orlib';
import { DEFAULT_LOCATE_OPTIONS } from '../../src/lib/engine/locate/problem';
import { openDb } from '../../src/lib/server/db';
import { loadEngineData } from '../../src/lib/server/estate';
import { seedPack } from '../../src/lib/server/seed';

const PMED_DIR = 'data/orlib-pmed';
const GM_DIR = 'data/greater-manchester';
const SEED = 1;
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
	console.log(`### OR-Library p-median (Beasley 1985), seed ${SEED}, ${DEFAULT_LOCATE_OPTIONS.starts} starts\n`);
	console.log('| instance | n | p | heuristic CPU s | objective | optimum | gap to optimum | Lagrangian bound | proven gap | bound CPU s |');
	console.log('|---|---|---|---|---|---|---|---|---|---|');
	for (let i = 1; i <= 10; i++) {
		const name = `pmed${i}`;
		const instance = parseOrLib(fs.readFileSync(path.join(PMED_DIR, `${name}.txt`), 'utf8'));
		const problem = orLibProblem(instance);
		const started = process.cpuUsage();
		const answer = locate(problem, { kind: 'median', k: instance.p }, { seed: SEED });
		const seconds = cpuSeconds(started);
		const certificate = certify(problem, answer);
		const optimum = optima.get(name)!;
		console.log(
			`| ${name} | ${instance.nodeCount} | ${instance.p} | ${seconds.toFixed(3)} | ${answer.objective} | ${optimum} | ${percent(provenGap(answer.objective, optimum, false))} | ${certificate.bound!.toFixed(1)} | ${percent(certificate.gap)} | ${certificate.lagrangian!.seconds.toFixed(3)} |`
		);
	}
}

async function greaterManchesterTable(): Promise<void> {
	const db = openDb(':memory:');
	seedPack(db, GM_DIR, { id: 'greater-manchester', name: 'Greater Manchester', areaCode: null });
	const data = loadEngineData(db, 'greater-manchester');
	let highs = await highsLoader();
	console.log(`\n### Greater Manchester: ${data.zones.length} zones; heuristic (seed ${SEED}, ${DEFAULT_LOCATE_OPTIONS.starts} starts) against HiGHS alone (full MIP, no help, limit ${HIGHS_LIMIT_S} s)\n`);
	console.log('"Certificate" is how the app proves the heuristic\'s gap: the Lagrangian bound (least travel), then HiGHS seeded with the heuristic answer on the model left after reduced-cost fixing.\n');
	console.log('| candidates | goal | k | heuristic CPU s | heuristic objective | HiGHS alone | HiGHS CPU s | HiGHS objective | heuristic vs HiGHS | time ratio HiGHS/heuristic | certificate CPU s | proven gap |');
	console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const service of ['library', 'post_office']) {
		const { problem } = serviceProblem(data, service);
		const goals: LocateGoal[] = [
			...[5, 10, 20, 40].map((k): LocateGoal => ({ kind: 'median', k })),
			...[5, 10, 20, 40].map((k): LocateGoal => ({ kind: 'coverage', k, thresholdCost: MILE_M })),
			{ kind: 'fewest', thresholdCost: MILE_M, targetShare: 0.5 },
			...[0.5, 0.8].map((targetShare): LocateGoal => ({ kind: 'cheapest', thresholdCost: MILE_M, targetShare }))
		];
		for (const goal of goals.filter((g) => !GOAL_KINDS || GOAL_KINDS.includes(g.kind))) {
			const started = process.cpuUsage();
			const answer = locate(problem, goal, { seed: SEED });
			const heuristicS = cpuSeconds(started);
			const row = [`${service} (${problem.candidateCount})`, describe(goal), goal.kind === 'fewest' || goal.kind === 'cheapest' ? String(answer.open.length) : String(goal.k), heuristicS.toFixed(3), format(answer.objective)];
			try {
				const highsStarted = process.cpuUsage();
				const alone = solveExact(highs, problem, goal, { timeLimitS: HIGHS_LIMIT_S });
				const highsS = cpuSeconds(highsStarted);
				const versus = alone.open.length > 0 ? percent(signedGap(answer.objective, alone.objective, maximises(goal))) : 'no solution';
				const ratio = alone.status === 'too_large' ? '—' : `${(highsS / heuristicS).toFixed(1)}×`;
				row.push(alone.status, alone.status === 'too_large' ? '—' : highsS.toFixed(2), format(alone.objective), versus, ratio);
				const certifyStarted = process.cpuUsage();
				const certificate = certify(problem, answer, { highs, exact: { timeLimitS: HIGHS_LIMIT_S } });
				row.push(cpuSeconds(certifyStarted).toFixed(2), percent(certificate.gap));
			} catch (error) {
				// A Wasm abort (out of memory) leaves the runtime unusable: report it and start a fresh one.
				row.push(`HiGHS failed: ${(error as Error).message.slice(0, 50)}`);
				highs = await highsLoader();
			}
			console.log(`| ${row.join(' | ')} |`);
		}
	}
	db.$client.close();
}

/** CPU seconds (user + system) of this process since `start`. */
function cpuSeconds(start: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1e6;
}

/** Heuristic relative to HiGHS's solution: positive when the heuristic is worse. */
function signedGap(heuristic: number, exact: number, maximise: boolean): number {
	return (maximise ? exact - heuristic : heuristic - exact) / Math.abs(exact);
}

function describe(goal: LocateGoal): string {
	if (goal.kind === 'median') return 'least travel (person-m)';
	if (goal.kind === 'coverage') return 'most within 1 mile (people)';
	if (goal.kind === 'fewest') return `fewest hubs for ${goal.targetShare * 100} % within 1 mile`;
	return `cheapest hubs for ${goal.targetShare * 100} % within 1 mile (£ a year)`;
}

function percent(gap: number | null): string {
	return gap === null ? '—' : `${(gap * 100).toFixed(3)} %`;
}

function format(value: number): string {
	return Number.isNaN(value) ? '—' : Math.round(value).toLocaleString('en-GB');
}
