/**
 * `hubplan optimise`: recommend hubs on the app's data (p-median, maximal coverage, fewest hubs,
 * cheapest hubs for a coverage floor),
 * or solve an OR-Library p-median file so anyone can check the optimiser against published optima.
 * Prints JSON. HiGHS is loaded only with --exact.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GROUP_KEYS, type GroupKey } from '../../lib/engine/types';
import { certify, locate, provenGap, type LocateGoal, type LocationProblem } from '../../lib/engine/locate';
import { CapacitatedAssignment } from '../../lib/engine/locate/capacity';
import { checkRunningCosts, floorAreaCapacity, serviceProblem, type ServiceProblem } from '../../lib/engine/locate/cost-matrix';
import { orLibProblem, parseOrLib } from '../../lib/engine/locate/orlib';
import { DEFAULT_LOCATE_OPTIONS } from '../../lib/engine/locate/problem';
import { loadEngineData } from '../../lib/server/estate';
import { openSource, UsageError } from '../source';

const HELP = `Usage: hubplan optimise [options]

OR-Library p-median file (prints {instance, n, p, objective, medians, seconds, optimum, gap};
gap is to the published optimum when optima.csv is beside the file, else the proven gap):
  --orlib FILE             e.g. data/orlib-pmed/pmed1.txt; optimum is read from optima.csv beside it
  --p N                    override the file's number of medians

The app's data (prints the chosen buildings, objective, coverage, and the proven gap: from a
Lagrangian bound for median, and from HiGHS with --exact):
  --service CODE           service to plan, e.g. library, post_office (candidates: buildings offering it)
  --candidates KIND,KIND   candidate buildings of these kinds instead
  --goal GOAL              median (least travel, default) | coverage (most people within the
                           threshold) | fewest (fewest hubs covering --target within the threshold)
                           | cheapest (least total annual running cost covering --target within
                           the threshold; every candidate not --close'd needs a running cost)
  --k N                    number of hubs (median, coverage)
  --capacity floor_area    least travel with hub capacities (median only): each hub holds at most
                           its floor area × --residents-per-m2 residents; zones bring their
                           population (HiGHS: capacitated p-median; heuristic: see capacity.ts)
  --residents-per-m2 R     residents one m² of floor area can serve (no default: your judgement)
  --threshold-m M          distance threshold in metres (coverage, fewest, cheapest)
  --target SHARE           share of residents to cover, above 0 and at most 1 (fewest, cheapest), e.g. 0.9
  --keep REF,REF           buildings that must stay open
  --close REF,REF          buildings that may not be chosen
  --weight GROUP=X,...     count members of a group X times (X ≥ 1): ${GROUP_KEYS.join(', ')}
  --circuity X             road-estimate multiplier on straight-line distance (default 1)
  --data DIR               a pack folder (e.g. data/greater-manchester) instead of the database

Both:
  --seed S                 PRNG seed (default 1); the same seed gives the same answer
  --starts N               heuristic starts (default ${DEFAULT_LOCATE_OPTIONS.starts})
  --exact                  also solve the MIP with HiGHS and report its bound and the gap
  --time-limit S           HiGHS time limit in seconds (default 60)
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
				target: { type: 'string' },
				keep: { type: 'string' },
				close: { type: 'string' },
				weight: { type: 'string' },
				circuity: { type: 'string' },
				data: { type: 'string' },
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
	const solved = await solveGoal(problem, { kind: 'median', k: p }, options);
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

async function solveService(options: Options) {
	if (!options.service) throw new UsageError('Give --orlib FILE or --service CODE (see --help).');
	const service = String(options.service);
	const goal = readGoal(options);
	const { db, partnershipId } = openSource(options.data as string | undefined);
	const data = loadEngineData(db, partnershipId);
	const groupFactors = readWeights(options.weight as string | undefined);
	const circuity = options.circuity === undefined ? undefined : positiveNumber('--circuity', options.circuity);
	let built: ServiceProblem;
	try {
		built = serviceProblem(data, service, { candidateKinds: list(options.candidates), groupFactors, circuity });
	} catch (error) {
		// An unknown service or kind, or a circuity below 1.
		throw new UsageError((error as Error).message);
	}
	const refIndex = new Map(built.candidates.map((site, j) => [site.ref, j]));
	const indices = (flag: string, refs: string[] | undefined) =>
		(refs ?? []).map((ref) => {
			const j = refIndex.get(ref);
			if (j === undefined) throw new UsageError(`${flag}: "${ref}" is not a candidate for ${service} (${built.candidates.length} candidates, e.g. ${built.candidates.slice(0, 3).map((s) => s.ref).join(', ')}).`);
			return j;
		});
	const mustKeep = indices('--keep', list(options.keep));
	const mustClose = indices('--close', list(options.close));
	const residentsPerM2 = goal.kind === 'median' && goal.capacitated ? positiveNumber('--residents-per-m2', options['residents-per-m2'] ?? '') : null;
	let solved;
	try {
		if (goal.kind === 'cheapest') checkRunningCosts(built, mustClose);
		if (residentsPerM2 !== null) built = floorAreaCapacity(data, built, residentsPerM2, mustClose);
		solved = await solveGoal(built.problem, goal, options, { mustKeep, mustClose });
	} catch (error) {
		// Infeasible requests (k too large, an unreachable target) are the user's to fix.
		throw new UsageError((error as Error).message);
	}
	// The heuristic's split of residents between capacitated hubs (HiGHS may split them better).
	const load = residentsPerM2 !== null ? new CapacitatedAssignment(built.problem, solved.open).run(solved.open).load : null;
	return {
		partnership: partnershipId,
		service,
		goal,
		zones: built.problem.demandCount,
		candidates: built.problem.candidateCount,
		hubs: solved.open.map((j) => {
			const site = built.candidates[j];
			const hub = { ref: site.ref, name: site.name, kind: site.kind, annualRunningCostGbp: site.annualRunningCostGbp };
			return load ? { ...hub, capacityResidents: built.problem.capacity!.capacity[j], assignedResidents: load[j] } : hub;
		}),
		...(residentsPerM2 !== null ? { capacity: { basis: 'floor_area', residentsPerM2 } } : {}),
		objective: solved.objective,
		// Null when a chosen building has no recorded cost (possible for the goals that ignore cost).
		annualRunningCostGbp: solved.open.every((j) => built.candidates[j].annualRunningCostGbp !== null)
			? solved.open.reduce((sum, j) => sum + built.candidates[j].annualRunningCostGbp!, 0)
			: null,
		meanDistanceM: solved.meanCost,
		coveredShare: solved.coveredShare ?? null,
		seconds: solved.seconds,
		bound: solved.bound,
		gap: solved.provenGap,
		...(solved.lagrangian ? { lagrangian: solved.lagrangian } : {}),
		...(solved.exact ? { exact: solved.exact } : {}),
		seed: solved.seed,
		starts: solved.starts
	};
}

/** Heuristic, its Lagrangian bound (median), and with --exact HiGHS seeded with its answer. */
async function solveGoal(problem: LocationProblem, goal: LocateGoal, options: Options, sets: { mustKeep?: number[]; mustClose?: number[] } = {}) {
	const seed = options.seed === undefined ? 1 : wholeNumber('--seed', options.seed, 0);
	const starts = options.starts === undefined ? DEFAULT_LOCATE_OPTIONS.starts : wholeNumber('--starts', options.starts, 1);
	const timeLimitS = options['time-limit'] === undefined ? 60 : positiveNumber('--time-limit', options['time-limit']);
	const started = performance.now();
	const result = locate(problem, goal, { ...sets, seed, starts });
	const seconds = round((performance.now() - started) / 1000, 3);
	const highs = options.exact ? await (await import('highs')).default() : undefined;
	const certificate = certify(problem, result, { ...sets, highs, exact: { timeLimitS } });
	const exact = certificate.exact && {
		status: certificate.exact.status,
		objective: certificate.exact.objective,
		bound: certificate.exact.bound,
		seconds: round(certificate.exact.seconds, 3)
	};
	const lagrangian = certificate.lagrangian && { bound: certificate.lagrangian.bound, seconds: round(certificate.lagrangian.seconds, 3) };
	return { ...result, seconds, bound: certificate.bound, provenGap: certificate.gap, lagrangian, exact, seed, starts };
}

function readGoal(options: Options): LocateGoal {
	const kind = (options.goal as string | undefined) ?? 'median';
	const needs = (flag: string) => {
		if (options[flag] === undefined) throw new UsageError(`--goal ${kind} needs --${flag}.`);
		return options[flag];
	};
	if (options.capacity !== undefined && (kind !== 'median' || options.capacity !== 'floor_area'))
		throw new UsageError(`--capacity ${options.capacity}: capacities apply to --goal median only, and the one basis is floor_area.`);
	if (kind === 'median')
		return options.capacity ? { kind, k: wholeNumber('--k', needs('k'), 1), capacitated: true } : { kind, k: wholeNumber('--k', needs('k'), 1) };
	if (kind === 'coverage') return { kind, k: wholeNumber('--k', needs('k'), 1), thresholdCost: positiveNumber('--threshold-m', needs('threshold-m')) };
	if (kind === 'fewest' || kind === 'cheapest') {
		const targetShare = positiveNumber('--target', needs('target'));
		if (targetShare > 1) throw new UsageError(`--target ${targetShare}: give a share above 0 and at most 1 (0.9 for 90 %).`);
		return { kind, thresholdCost: positiveNumber('--threshold-m', needs('threshold-m')), targetShare };
	}
	throw new UsageError(`--goal "${kind}": expected median, coverage, fewest or cheapest.`);
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
