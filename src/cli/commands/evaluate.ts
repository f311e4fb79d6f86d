/**
 * `hubplan evaluate`: run the engine on the database (or a pack folder) for today's estate or a
 * scenario file, and print the EvaluationResult as JSON — the same object the app shows.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluateScenario, prepareEstate } from '../../lib/engine';
import { GROUP_KEYS, type DistanceMode, type EngineData, type GroupKey } from '../../lib/engine/types';
import { defaultParameters, validateParameters } from '../../lib/engine/parameters';
import type { Db } from '../../lib/server/db';
import { loadEngineData } from '../../lib/server/estate';
import { openSource, partnershipHelp, UsageError } from '../source';
import { actionIssuesIn, get as getScenario } from '../../lib/server/scenarios';
import { costsForAppraisal } from '../../lib/server/pilots';
import type { PilotCostInput } from '../../lib/engine/types';
import { parseScenarioFile, ScenarioFileError, type ScenarioFile } from '../../lib/scenario-file';

const HELP = `Usage: hubplan evaluate [options]

Runs the engine and prints JSON: { actions, parameters, assumptions, services, footfall,
colocation, appraisal, zoneAccess, equality, equalityGaps, criteria, warnings }.

  --scenario FILE.json     closures/moves/new sites: { "actions": [...], "parameters": {...} }
                           (without it, today's estate)
  --scenario-id N          a scenario saved in the database (with its pilot costs)
  --data DIR               evaluate a pack folder (e.g. data/greater-manchester) instead of the database
  ${partnershipHelp(25)}
  --distance MODE          straight | road (great circle × circuity) | matrix (the latest imported
                           travel-time matrix, minutes; use --thresholds-min)
  --circuity X             road-estimate multiplier (default 1.3)
  --thresholds-m A,B       access thresholds in metres (default 1609.344,4828.032: 1 and 3 miles)
  --thresholds-min A,B     access thresholds in minutes for matrix mode (default 15,30)
  --population FIELD       whose access to measure: total (default) or ${GROUP_KEYS.join(', ')}
  --services A,B           only these services (site kinds), e.g. post_office,library
  --no-zones               leave the per-zone before/after arrays out of the output
  --pretty                 indent the JSON

Database: HUBPLAN_DB or data/hubplan.sqlite (created and seeded if missing).
`;

export async function run(args: string[]): Promise<number> {
	let options;
	try {
		options = parseArgs({
			args,
			strict: true,
			options: {
				scenario: { type: 'string' },
				'scenario-id': { type: 'string' },
				data: { type: 'string' },
				partnership: { type: 'string' },
				distance: { type: 'string' },
				circuity: { type: 'string' },
				'thresholds-m': { type: 'string' },
				'thresholds-min': { type: 'string' },
				population: { type: 'string' },
				services: { type: 'string' },
				'no-zones': { type: 'boolean' },
				pretty: { type: 'boolean' },
				help: { type: 'boolean' }
			}
		}).values;
	} catch (error) {
		process.stderr.write(`hubplan evaluate: ${(error as Error).message}\n\n${HELP}`);
		return 2;
	}
	if (options.help) {
		process.stdout.write(HELP);
		return 0;
	}
	try {
		const { db, partnershipId } = await openSource(options.data, options.partnership);
		const scenario = await readScenario(db, partnershipId, options.scenario, options['scenario-id']);
		applyOverrides(scenario, options);
		const data = withPopulation(await loadEngineData(db, partnershipId), options.population);
		const estate = prepareEstate(data);
		const problems = [
			...validateParameters(scenario.parameters).map((i) => `parameters.${i.path}: ${i.message}`),
			...actionIssuesIn(estate, scenario.actions).map((i) => `${i.path}: ${i.message}`)
		];
		if (problems.length) throw new UsageError(`${scenario.source}:\n  ${problems.join('\n  ')}`);
		if (scenario.parameters.distance.mode === 'matrix' && !data.matrix) {
			throw new UsageError('Distance mode "matrix" needs a travel-time matrix: import one with `hubplan import FILE --kind matrix`.');
		}
		const services = options.services?.split(',').map((s) => s.trim()).filter(Boolean);
		const known = new Set(data.sites.flatMap((s) => s.services.map((x) => x.service)));
		const unknown = services?.filter((s) => !known.has(s)) ?? [];
		if (unknown.length) throw new UsageError(`--services: no building offers ${unknown.map((s) => `"${s}"`).join(', ')}; known: ${[...known].sort().join(', ')}`);
		const result = evaluateScenario(estate, scenario.actions, scenario.parameters, { ...(services && { services }), pilotCosts: scenario.pilotCosts });
		const output = options['no-zones'] ? { ...result, zoneAccess: undefined } : result;
		process.stdout.write(`${JSON.stringify(output, null, options.pretty ? 2 : undefined)}\n`);
		return 0;
	} catch (error) {
		if (error instanceof UsageError || error instanceof ScenarioFileError) {
			process.stderr.write(`hubplan evaluate: ${error.message}\n`);
			return 1;
		}
		throw error;
	}
}

async function readScenario(
	db: Db,
	partnershipId: string,
	file: string | undefined,
	id: string | undefined
): Promise<ScenarioFile & { source: string; pilotCosts?: PilotCostInput[] }> {
	if (file && id) throw new UsageError('Give --scenario or --scenario-id, not both.');
	if (file) {
		if (!fs.existsSync(file)) throw new UsageError(`--scenario ${file}: no such file.`);
		return { ...parseScenarioFile(fs.readFileSync(file, 'utf8'), file), source: file };
	}
	if (id) {
		const row = await getScenario(db, partnershipId, Number(id));
		return {
			name: row.name,
			actions: row.actions,
			parameters: row.parameters,
			source: `scenario ${id}`,
			pilotCosts: await costsForAppraisal(db, partnershipId, row.id)
		};
	}
	return { actions: [], parameters: defaultParameters(), source: "today's estate" };
}

function applyOverrides(
	scenario: ScenarioFile,
	options: { distance?: string; circuity?: string; 'thresholds-m'?: string; 'thresholds-min'?: string }
): void {
	const p = scenario.parameters;
	if (options.distance) {
		if (!['straight', 'road', 'matrix'].includes(options.distance)) {
			throw new UsageError(`--distance "${options.distance}": expected straight, road or matrix.`);
		}
		p.distance.mode = options.distance as DistanceMode;
	}
	if (options.circuity) p.distance.circuity = numberOption('--circuity', options.circuity);
	if (options['thresholds-m']) {
		p.thresholdsM = options['thresholds-m'].split(',').map((v) => numberOption('--thresholds-m', v));
	}
	if (options['thresholds-min']) {
		p.thresholdsMin = options['thresholds-min'].split(',').map((v) => numberOption('--thresholds-min', v));
	}
}

function numberOption(flag: string, value: string): number {
	const n = Number(value);
	if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} "${value}": expected a number.`);
	return n;
}

/** Measure access for one group instead of all residents: the group becomes the population. */
function withPopulation(data: EngineData, field: string | undefined): EngineData {
	if (!field || field === 'total') return data;
	if (!GROUP_KEYS.includes(field as GroupKey)) {
		throw new UsageError(`--population "${field}": expected total or one of ${GROUP_KEYS.join(', ')}.`);
	}
	const key = field as GroupKey;
	return { ...data, zones: data.zones.map((z) => ({ ...z, population: z.groups[key] ?? 0 })) };
}
