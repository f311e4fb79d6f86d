/**
 * What the pool threads run. Each thread keeps the estates it has prepared (by estate version) and
 * the evaluations it has made (by estate version and scenario content), so a comparison that was
 * asked before costs only its arrangement. The main thread reads the database and sends plain data;
 * nothing here opens a database, so a later asynchronous data layer changes nothing on this side.
 */
import { createHash } from 'node:crypto';
import { evaluateScenario, prepareEstate, type EvaluationResult, type PreparedEstate } from '../../engine';
import {
	buildComparison,
	CompareInputError,
	evaluateForComparison,
	type CompareTask,
	type ComparisonEstate,
	type ComparisonInput,
	type ScenarioToCompare
} from '../comparison';
import type { readTable } from '../import/read';
import { resultColumns, type ExportValue } from '../export/tables';
import { zoneOutlines } from '../../compare/outline';
import { LruCache } from './lru';
import { readSharedJson, type SharedJson } from './shared-json';

/** Estates kept per thread: the current one and the one before, while requests drain. */
const ESTATES_KEPT = 2;
/**
 * Evaluations kept per thread. A Greater Manchester result is a few hundred kB (per-zone access for
 * every service), so 64 stay well inside the pool's memory. Hubplan planning assumption.
 */
const EVALUATIONS_KEPT = 64;

interface ReadyEstate {
	input: Omit<ComparisonInput, 'scenarios' | 'service' | 'now'>;
	prepared: PreparedEstate;
}

const estates = new LruCache<ReadyEstate>(ESTATES_KEPT);
const evaluations = new LruCache<EvaluationResult>(EVALUATIONS_KEPT);

const TASKS = {
	compare,
	scenarioResults,
	// Imported when first asked for: the XLSX reader takes seconds to load, and most threads never read a file.
	readTable: async (args: Parameters<typeof readTable>) => (await import('../import/read')).readTable(...args)
};

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>;
export interface Task<N extends TaskName = TaskName> {
	name: N;
	input: TaskInput<N>;
}

/** The pool's entry point (and the in-thread one when the pool is off). */
export async function runTask<N extends TaskName>(task: Task<N>): Promise<TaskOutput<N>> {
	const run = TASKS[task.name] as (input: TaskInput<N>) => TaskOutput<N> | Promise<TaskOutput<N>>;
	if (!run) throw new Error(`Unknown pool task "${String(task.name)}"; expected one of ${Object.keys(TASKS).join(', ')}.`);
	return run(task.input);
}

/**
 * A comparison, or the reason the reader must fix (a CompareInputError's message: errors lose their
 * class on the way out of a thread, so it travels as data).
 */
function compare(task: CompareTask): ReturnType<typeof buildComparison> | { inputError: string } {
	const estate = readyEstate(task.estate);
	try {
		const results = task.scenarios.map((s) =>
			evaluations.getOrSet(evaluationKey(task.estate.key, s), () => evaluateForComparison(estate.prepared, s))
		);
		return buildComparison({ ...estate.input, scenarios: task.scenarios, service: task.service, now: new Date(task.now) }, results);
	} catch (error) {
		if (error instanceof CompareInputError) return { inputError: error.message };
		throw error;
	}
}

/** Headline figures of each scenario against the estate, for the scenarios export. */
function scenarioResults(task: { estate: SharedJson; scenarios: Pick<ScenarioToCompare, 'actions' | 'parameters'>[] }): Record<string, ExportValue>[] {
	const estate = readyEstate(task.estate);
	return task.scenarios.map((s) =>
		resultColumns(() => evaluations.getOrSet(evaluationKey(task.estate.key, s), () => evaluateScenario(estate.prepared, s.actions, s.parameters)))
	);
}

function readyEstate(shared: SharedJson): ReadyEstate {
	return estates.getOrSet(shared.key, () => ready(readSharedJson<ComparisonEstate>(shared)));
}

function ready(estate: ComparisonEstate): ReadyEstate {
	return {
		input: {
			...estate,
			estimated: { cost: new Set(estate.estimated.cost), visits: new Set(estate.estimated.visits) },
			outlines: zoneOutlines(estate.zoneGeometries)
		},
		prepared: prepareEstate(estate.data)
	};
}

/**
 * Where an evaluation is cached: the estate version and what the scenario evaluates (its actions and
 * parameters), which change with every new scenario version. The content rather than the version
 * number, because a number can repeat (a restored backup, a reused id) while the content cannot.
 */
export function evaluationKey(estateKey: string, scenario: Pick<ScenarioToCompare, 'actions' | 'parameters' | 'pilotCosts'>): string {
	// Pilot costs are charged in the appraisal, so a changed cost line is a different evaluation.
	const content = createHash('sha256').update(JSON.stringify([scenario.actions, scenario.parameters, scenario.pilotCosts ?? []])).digest('base64');
	return `${estateKey}|${content}`;
}
