/**
 * `hubplan optimise`: recommend hubs on the app's data (p-median, maximal coverage, fewest hubs,
 * cheapest hubs for a coverage floor) through the page's own runOptimisation,
 * or solve an OR-Library p-median file so anyone can check the optimiser against published optima.
 * Prints JSON. HiGHS is loaded only with --exact.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GROUP_KEYS, type DistanceMode, type GroupKey } from '../../lib/engine/types';
import { certify, locate, provenGap, type LocateGoal, type LocationProblem } from '../../lib/engine/locate';
import { orLibProblem, parseOrLib } from '../../lib/engine/locate/orlib';
import { DEFAULT_LOCATE_OPTIONS } from '../../lib/engine/locate/problem';
import type { HubCapacity, OptimiseAnswer, OptimiseRequest } from '../../lib/optimise/protocol';
import { runOptimisation } from '../../lib/optimise/run';
import { loadEngineData } from '../../lib/server/estate';
import { openSource, partnershipHelp, UsageError } from '../source';

/** HiGHS's time limit when --time-limit is not given, seconds. */
const DEFAULT_TIME_LIMIT_S = 60;

const HELP = `Usage: hubplan optimise [options]

OR-Library p-median file (prints {instance, n, p, objective, medians, seconds, optimum, gap};
gap is to the published optimum when optima.csv is beside the file, else the proven gap):
  --orlib FILE             e.g. data/orlib-pmed/pmed1.txt; optimum is read from optima.csv beside it
  --p N                    override the file's number of medians

The app's data, by the same path as the /optimise page (prints the chosen buildings, objective,
coverage, and the proven gap: from a Lagrangian bound for median, and from HiGHS with --exact,
whose answer is printed when it beats the search's):
  --service CODE           service to plan, e.g. library, post_office (candidates: buildings offering it)
  --candidates KIND,KIND   candidate buildings of these kinds instead
  --goal GOAL              median (least travel, default) | coverage (most people within the
                           threshold) | fewest (fewest hubs covering --target within the threshold)
                           | cheapest (least total annual running cost covering --target within
                           the threshold; every candidate not --close'd needs a running cost)
  --k N                    number of hubs (median, coverage)
  --capacity BASIS         least travel with hub capacities (median only; HiGHS: capacitated
                           p-median; heuristic: see capacity.ts). BASIS is
                           floor_area: each hub holds at most its floor area × --residents-per-m2
                             residents; zones bring their population
                           visits: each hub holds at most its recorded visit capacity per week,
                             less the recorded visits of the other services it hosts;
                             zones bring the visits per week they make to the service today (an
                             estimate: each current site's visits split by population among the
                             zones nearest it, as closures split displaced visits). Every current
                             site of the service needs visits per week, and every candidate not
                             --close'd a visit capacity
  --residents-per-m2 R     residents one m² of floor area can serve (floor_area; no default: your judgement)
  --distance MODE          straight (great-circle metres, default) | road (metres × --circuity)
                           | matrix (minutes from the imported travel-time matrix; zones and
                           buildings it lacks are estimated as the scenario engine does)
  --circuity X             road-estimate multiplier on straight-line distance (default 1.3, the
                           engine's road circuity); implies --distance road
  --threshold-m M          distance threshold in metres (coverage, fewest, cheapest; straight, road)
  --threshold-min M        time threshold in minutes (coverage, fewest, cheapest; matrix)
  --target SHARE           share of residents to cover, above 0 and at most 1 (fewest, cheapest), e.g. 0.9
  --keep REF,REF           buildings that must stay open
  --close REF,REF          buildings that may not be chosen
  --weight GROUP=X,...     count members of a group X times (X ≥ 1): ${GROUP_KEYS.join(', ')}
  --data DIR               a pack folder (e.g. data/greater-manchester) instead of the database
  ${partnershipHelp(25)}

Both:
  --seed S                 PRNG seed (default 1); the same seed gives the same answer
  --starts N               heuristic starts (default ${DEFAULT_LOCATE_OPTIONS.starts})
  --exact                  also solve the MIP with HiGHS and report its bound and the gap
  --time-limit S           HiGHS time limit in seconds (default ${DEFAULT_TIME_LIMIT_S})
  --pretty                 indent the JSON

Database: HUBPLAN_DB or data/hubplan.sqlite (created and seeded if missing).
`;

type Options = Record<string, string | boolean | undefined>;

export async function run(args: string[]): Promise<number> {
	let options: Options;
	try {
		options = parseArgs({
			args,
			strict: true,
			options: {
				orlib: { type: 'string' },
				p: { type: 'string' },
				service: { type: 'string' },
				candidates: { type: 'string' },
				goal: { type: 'string' },
				k: { type: 'string' },
				capacity: { type: 'string' },
				'residents-per-m2': { type: 'string' },
				'threshold-m': { type: 'string' },
				'threshold-min': { type: 'string' },
				distance: { type: 'string' },
				target: { type: 'string' },
				keep: { type: 'string' },
				close: { type: 'string' },
				weight: { type: 'string' },
				circuity: { type: 'string' },
				data: { type: 'string' },
				partnership: { type: 'string' },
				seed: { type: 'string' },
				starts: { type: 'string' },
				exact: { type: 'boolean' },
				'time-limit': { type: 'string' },
				pretty: { type: 'boolean' },
				help: { type: 'boolean' }
			}
		}).values;
	} catch (error) {
		process.stderr.write(`hubplan optimise: ${(error as Error).message}\n\n${HELP}`);
		return 2;
	}
	if (options.help) {
		process.stdout.write(HELP);
		return 0;
	}
	try {
		const output = options.orlib ? await solveOrLib(options) : await solveService(options);
		process.stdout.write(`${JSON.stringify(output, null, options.pretty ? 2 : undefined)}\n`);
		return 0;
	} catch (error) {
		if (error instanceof UsageError) {
			process.stderr.write(`hubplan optimise: ${error.message}\n`);
			return 2;
		}
		throw error;
	}
}

async function solveOrLib(options: Options) {
	const file = String(options.orlib);
	if (options.service) throw new UsageError('Give --orlib or --service, not both.');
	if (!fs.existsSync(file)) throw new UsageError(`--orlib ${file}: no such file.`);
	const instance = parseOrLib(fs.readFileSync(file, 'utf8'));
	const p = options.p === undefined ? instance.p : wholeNumber('--p', options.p, 1);
	if (p > instance.nodeCount) throw new UsageError(`--p ${p}: the instance has ${instance.nodeCount} nodes, so p must be at most ${instance.nodeCount}.`);
	const problem = orLibProblem(instance);
	const name = path.basename(file).replace(/\.txt$/, '');
	const optimum = p === instance.p ? publishedOptimum(path.dirname(file), name) : null;
	const solved = await solveMedian(problem, p, options);
	return {
		instance: name,
		n: instance.nodeCount,
		p,
		objective: solved.objective,
		medians: solved.open.map((j) => j + 1),
		seconds: solved.seconds,
		optimum,
		gap: optimum !== null ? provenGap(solved.objective, optimum, false) : solved.provenGap,
		bound: solved.bound,
		provenGap: solved.provenGap,
		lagrangian: solved.lagrangian,
		...(solved.exact ? { exact: solved.exact } : {}),
		seed: solved.seed,
		starts: solved.starts
	};
}

/**
 * The app's data goes through runOptimisation, the page's own path (search, bound, and with
 * --exact HiGHS, whose answer is shown when it beats the search's), so both give the same numbers.
 */
async function solveService(options: Options) {
	if (!options.service) throw new UsageError('Give --orlib FILE or --service CODE (see --help).');
	const distanceMode = readDistance(options);
	const goal = readGoal(options, distanceMode);
	const capacity = readCapacity(options, goal);
	const request: OptimiseRequest = {
		service: String(options.service),
		candidateKinds: list(options.candidates),
		mustKeep: list(options.keep) ?? [],
		mustClose: list(options.close) ?? [],
		distanceMode,
		...(options.circuity === undefined ? {} : { circuity: positiveNumber('--circuity', options.circuity) }),
		goal,
		groupFactors: readWeights(options.weight as string | undefined) ?? {},
		...searchOptions(options),
		exactTimeLimitS: options.exact ? timeLimit(options) : null,
		capacity
	};
	const { db, partnershipId } = await openSource(options.data as string | undefined, options.partnership as string | undefined);
	const data = await loadEngineData(db, partnershipId);
	let answer: OptimiseAnswer;
	try {
		answer = await runOptimisation(data, request, () => {}, async () => (await import('highs')).default());
	} catch (error) {
		// Unknown services, kinds or refs, no matrix, and infeasible requests are the user's to fix.
		throw new UsageError((error as Error).message);
	}
	return {
		partnership: partnershipId,
		service: request.service,
		goal: answer.goal,
		distance: answer.distance,
		zones: answer.zoneCount,
		candidates: answer.candidateCount,
		hubs: answer.hubs,
		...(capacity !== null ? { capacity } : {}),
		objective: answer.objective,
		// Null when a chosen building has no recorded cost (possible for the goals that ignore cost).
		annualRunningCostGbp: answer.annualRunningCostGbp,
		meanDistanceM: answer.meanDistanceM,
		meanMinutes: answer.meanMinutes,
		coveredShare: answer.coveredShare,
		seconds: round(answer.heuristicSeconds, 3),
		bound: answer.bound,
		gap: answer.gap,
		...(answer.lagrangian ? { lagrangian: { bound: answer.lagrangian.bound, seconds: round(answer.lagrangian.seconds, 3) } } : {}),
		...(answer.exact ? { exact: { ...answer.exact, seconds: round(answer.exact.seconds, 3) } } : {}),
		seed: request.seed,
		starts: request.starts
	};
}

/** An OR-Library p-median: heuristic, its Lagrangian bound, and with --exact HiGHS seeded with its answer. */
async function solveMedian(problem: LocationProblem, k: number, options: Options) {
	const { seed, starts } = searchOptions(options);
	const started = performance.now();
	const result = locate(problem, { kind: 'median', k }, { seed, starts });
	const seconds = round((performance.now() - started) / 1000, 3);
	const highs = options.exact ? await (await import('highs')).default() : undefined;
	const certificate = certify(problem, result, { highs, exact: { timeLimitS: timeLimit(options) } });
	const exact = certificate.exact && {
		status: certificate.exact.status,
		objective: certificate.exact.objective,
		bound: certificate.exact.bound,
		seconds: round(certificate.exact.seconds, 3)
	};
	const lagrangian = certificate.lagrangian && { bound: certificate.lagrangian.bound, seconds: round(certificate.lagrangian.seconds, 3) };
	return { ...result, seconds, bound: certificate.bound, provenGap: certificate.gap, lagrangian, exact, seed, starts };
}

function searchOptions(options: Options): { seed: number; starts: number } {
	return {
		seed: options.seed === undefined ? DEFAULT_LOCATE_OPTIONS.seed : wholeNumber('--seed', options.seed, 0),
		starts: options.starts === undefined ? DEFAULT_LOCATE_OPTIONS.starts : wholeNumber('--starts', options.starts, 1)
	};
}

function timeLimit(options: Options): number {
	return options['time-limit'] === undefined ? DEFAULT_TIME_LIMIT_S : positiveNumber('--time-limit', options['time-limit']);
}

/** --distance, or road when only --circuity is given (as before --distance existed). */
function readDistance(options: Options): DistanceMode {
	const mode = (options.distance as string | undefined) ?? (options.circuity === undefined ? 'straight' : 'road');
	if (mode !== 'straight' && mode !== 'road' && mode !== 'matrix') throw new UsageError(`--distance "${mode}": expected straight, road or matrix.`);
	if (options.circuity !== undefined && mode !== 'road') throw new UsageError(`--circuity applies to --distance road only, not ${mode}.`);
	return mode;
}

/** The goal; its threshold is --threshold-m (straight, road) or --threshold-min (matrix). */
function readGoal(options: Options, distanceMode: DistanceMode): LocateGoal {
	const kind = (options.goal as string | undefined) ?? 'median';
	const [thresholdFlag, otherFlag] = distanceMode === 'matrix' ? ['threshold-min', 'threshold-m'] : ['threshold-m', 'threshold-min'];
	if (options[otherFlag] !== undefined)
		throw new UsageError(`--${otherFlag} does not apply to --distance ${distanceMode}; give the threshold as --${thresholdFlag} (${distanceMode === 'matrix' ? 'minutes' : 'metres'}).`);
	const needs = (flag: string) => {
		if (options[flag] === undefined) throw new UsageError(`--goal ${kind} needs --${flag}.`);
		return options[flag];
	};
	if (options.capacity !== undefined && kind !== 'median')
		throw new UsageError(`--capacity ${options.capacity}: capacities apply to --goal median only.`);
	if (kind === 'median')
		return options.capacity ? { kind, k: wholeNumber('--k', needs('k'), 1), capacitated: true } : { kind, k: wholeNumber('--k', needs('k'), 1) };
	if (kind === 'coverage') return { kind, k: wholeNumber('--k', needs('k'), 1), thresholdCost: positiveNumber(`--${thresholdFlag}`, needs(thresholdFlag)) };
	if (kind === 'fewest' || kind === 'cheapest') {
		const targetShare = positiveNumber('--target', needs('target'));
		if (targetShare > 1) throw new UsageError(`--target ${targetShare}: give a share above 0 and at most 1 (0.9 for 90 %).`);
		return { kind, thresholdCost: positiveNumber(`--${thresholdFlag}`, needs(thresholdFlag)), targetShare };
	}
	throw new UsageError(`--goal "${kind}": expected median, coverage, fewest or cheapest.`);
}

/** --capacity floor_area with --residents-per-m2, or --capacity visits; null without --capacity. */
function readCapacity(options: Options, goal: LocateGoal): HubCapacity | null {
	const rate = options['residents-per-m2'];
	if (!(goal.kind === 'median' && goal.capacitated)) {
		if (rate !== undefined) throw new UsageError('--residents-per-m2 applies to --capacity floor_area only.');
		return null;
	}
	if (options.capacity === 'floor_area') return { basis: 'floor_area', residentsPerM2: positiveNumber('--residents-per-m2', rate ?? '') };
	if (options.capacity === 'visits') {
		if (rate !== undefined) throw new UsageError('--residents-per-m2 applies to --capacity floor_area only, not visits.');
		return { basis: 'visits' };
	}
	throw new UsageError(`--capacity "${options.capacity}": expected floor_area or visits.`);
}

function readWeights(value: string | undefined): Partial<Record<GroupKey, number>> | undefined {
	if (!value) return undefined;
	const factors: Partial<Record<GroupKey, number>> = {};
	for (const part of value.split(',')) {
		const [key, factor] = part.split('=');
		if (!GROUP_KEYS.includes(key as GroupKey)) throw new UsageError(`--weight "${part}": the group must be one of ${GROUP_KEYS.join(', ')}.`);
		const x = positiveNumber('--weight', factor ?? '');
		if (x < 1) throw new UsageError(`--weight "${part}": the factor must be at least 1.`);
		factors[key as GroupKey] = x;
	}
	return factors;
}

function publishedOptimum(dir: string, name: string): number | null {
	const file = path.join(dir, 'optima.csv');
	if (!fs.existsSync(file)) return null;
	const row = fs.readFileSync(file, 'utf8').split('\n').find((line) => line.split(',')[0] === name);
	return row ? Number(row.split(',')[3]) : null;
}

function list(value: string | boolean | undefined): string[] | undefined {
	if (typeof value !== 'string') return undefined;
	return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function wholeNumber(flag: string, value: string | boolean | undefined, min: number): number {
	const n = Number(value);
	if (typeof value !== 'string' || value.trim() === '' || !Number.isInteger(n) || n < min)
		throw new UsageError(`${flag} "${value}": expected a whole number ≥ ${min}.`);
	return n;
}

function positiveNumber(flag: string, value: string | boolean | undefined): number {
	const n = Number(value);
	if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n) || n <= 0)
		throw new UsageError(`${flag} "${value}": expected a number above 0.`);
	return n;
}

function round(value: number, places: number): number {
	const f = 10 ** places;
	return Math.round(value * f) / f;
}
