/**
 * The scenario file format shared by `hubplan evaluate --scenario FILE.json`, scenario export and
 * download: `{ "name"?, "description"?, "actions": [...], "parameters"?: {...} }`. Parameters are
 * partial: what is given overrides the defaults, and a key that does not exist is an error rather
 * than silently ignored (a misspelt "discountRate" must not leave the default in place unnoticed).
 */
import { defaultParameters } from './engine/parameters';
import type { ScenarioAction, ScenarioParameters } from './engine/types';

export interface ScenarioFile {
	name?: string;
	description?: string;
	actions: ScenarioAction[];
	parameters: ScenarioParameters;
}

export class ScenarioFileError extends Error {}

const TOP_LEVEL_KEYS = new Set(['name', 'description', 'actions', 'parameters', 'id', 'version', 'isBaseline', 'redo', 'createdAt', 'updatedAt', 'partnershipId', 'results']);
const ACTION_KEYS: Record<ScenarioAction['type'], string[]> = {
	close: ['type', 'siteRef'],
	hub: ['type', 'siteRef'],
	move: ['type', 'fromSiteRef', 'toSiteRef', 'service'],
	add: ['type', 'site'],
	add_service: ['type', 'siteRef', 'service'],
	withdraw_service: ['type', 'siteRef', 'service']
};
/** Fields an action may leave out. */
const OPTIONAL_ACTION_KEYS: Partial<Record<ScenarioAction['type'], string[]>> = {
	move: ['spaceM2'],
	add_service: ['spaceM2', 'visitsPerWeek']
};
/** Records keyed by site ref or organisation id: any key is allowed inside these. */
const FREE_RECORDS = new Set([
	'appraisal.capitalReceiptsGbp',
	'appraisal.agreedShares',
	'appraisal.serviceUnitCostGbp',
	'appraisal.disposalRoutes',
	'colocation.serviceSpaceM2'
]);

/** Parse and check a scenario file's text; `fileName` goes into every message. */
export function parseScenarioFile(text: string, fileName: string): ScenarioFile {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		throw new ScenarioFileError(`${fileName}: not valid JSON (${(error as Error).message}).`);
	}
	if (!isObject(raw)) throw new ScenarioFileError(`${fileName}: expected a JSON object with an "actions" array.`);
	for (const key of Object.keys(raw)) {
		if (!TOP_LEVEL_KEYS.has(key)) {
			throw new ScenarioFileError(`${fileName}: unknown field "${key}"; expected name, description, actions, parameters.`);
		}
	}
	const actions = raw.actions ?? [];
	if (!Array.isArray(actions)) throw new ScenarioFileError(`${fileName}: "actions" must be an array.`);
	actions.forEach((action, i) => checkAction(action, `${fileName}: actions[${i}]`));
	const parameters = defaultParameters();
	if (raw.parameters !== undefined) {
		if (!isObject(raw.parameters)) throw new ScenarioFileError(`${fileName}: "parameters" must be an object.`);
		mergeInto(parameters as unknown as Record<string, unknown>, raw.parameters, `${fileName}: parameters`, '');
	}
	return {
		name: typeof raw.name === 'string' ? raw.name : undefined,
		description: typeof raw.description === 'string' ? raw.description : undefined,
		actions: actions as ScenarioAction[],
		parameters
	};
}

function checkAction(action: unknown, where: string): void {
	if (!isObject(action) || typeof action.type !== 'string' || !(action.type in ACTION_KEYS)) {
		throw new ScenarioFileError(`${where}: "type" must be one of ${Object.keys(ACTION_KEYS).join(', ')}.`);
	}
	const required = ACTION_KEYS[action.type as ScenarioAction['type']];
	const optional = OPTIONAL_ACTION_KEYS[action.type as ScenarioAction['type']] ?? [];
	const allowed = [...required, ...optional];
	for (const key of Object.keys(action)) {
		if (!allowed.includes(key)) throw new ScenarioFileError(`${where}: unknown field "${key}" for a "${action.type}" action; expected ${allowed.join(', ')}.`);
	}
	for (const key of required) {
		if (action[key] === undefined) throw new ScenarioFileError(`${where}: missing "${key}".`);
	}
	for (const key of optional) {
		const value = action[key];
		if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0))
			throw new ScenarioFileError(`${where}: "${key}" must be a number, 0 or more; got ${JSON.stringify(value)}.`);
	}
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>, where: string, path: string): void {
	for (const [key, value] of Object.entries(source)) {
		const keyPath = path ? `${path}.${key}` : key;
		if (!(key in target)) {
			throw new ScenarioFileError(`${where}: unknown field "${keyPath}"; expected one of ${Object.keys(target).join(', ')}.`);
		}
		const current = target[key];
		if (isObject(current) && !FREE_RECORDS.has(keyPath)) {
			if (!isObject(value)) throw new ScenarioFileError(`${where}: "${keyPath}" must be an object.`);
			mergeInto(current, value, where, keyPath);
		} else {
			target[key] = value;
		}
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
