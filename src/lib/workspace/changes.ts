/**
 * The workspace's edits as intents ("add these actions", "undo", "use these parameters") rather
 * than as finished scenarios. An intent can be turned into a PATCH body against whichever version
 * is current, which is what lets a save refused as stale (409) be re-applied on top of the other
 * tab's version instead of overwriting it or being lost.
 */
import { kindLabel } from '../map/siteKinds';
import type { ScenarioAction, ScenarioParameters } from '../engine/types';

/** What the API stores and returns for a scenario (the fields the workspace reads). */
export interface ScenarioRecord {
	id: number;
	name: string;
	description: string;
	isBaseline: boolean;
	/** Which worked example this is, or null; examples are read only like the baseline. */
	example?: string | null;
	actions: ScenarioAction[];
	redo: ScenarioAction[];
	parameters: ScenarioParameters;
	version: number;
	updatedAt: string;
}

export type Intent =
	| { kind: 'actions'; actions: ScenarioAction[] }
	| { kind: 'undo' }
	| { kind: 'redo' }
	/** A whole new action list (reopening a building drops the actions that emptied it); `label` says what it does. */
	| { kind: 'replace'; actions: ScenarioAction[]; label: string }
	/** `changed` lists the dotted parameter paths the user edited, so re-applying keeps the rest of theirs. */
	| { kind: 'parameters'; parameters: ScenarioParameters; changed: string[] };

/** A PATCH /api/scenarios/[id] body. */
export type PatchBody =
	| { op: 'action'; baseVersion: number; action: ScenarioAction }
	| { op: 'undo' | 'redo'; baseVersion: number }
	| { op: 'patch'; baseVersion: number; actions?: ScenarioAction[]; redo?: ScenarioAction[]; parameters?: ScenarioParameters };

/**
 * The request that applies `intent` to `base`. Several actions at once (moving two services) go
 * as one patch so they save, conflict and reload together.
 */
export function requestFor(intent: Intent, base: ScenarioRecord): PatchBody {
	const baseVersion = base.version;
	switch (intent.kind) {
		case 'actions':
			if (intent.actions.length === 1) return { op: 'action', baseVersion, action: intent.actions[0] };
			return { op: 'patch', baseVersion, actions: [...base.actions, ...intent.actions], redo: [] };
		case 'undo':
		case 'redo':
			return { op: intent.kind, baseVersion };
		case 'replace':
			return { op: 'patch', baseVersion, actions: intent.actions, redo: [] };
		case 'parameters':
			return { op: 'patch', baseVersion, parameters: mergeParameters(base.parameters, intent.parameters, intent.changed) };
	}
}

/**
 * The actions and parameters `base` will have once `intent` is saved, so the impact can be
 * worked out while the save is still on its way.
 */
export function preview(intent: Intent, base: ScenarioRecord): { actions: ScenarioAction[]; parameters: ScenarioParameters } {
	switch (intent.kind) {
		case 'actions':
			return { actions: [...base.actions, ...intent.actions], parameters: base.parameters };
		case 'undo':
			return { actions: base.actions.slice(0, -1), parameters: base.parameters };
		case 'redo': {
			const next = base.redo.at(-1);
			return { actions: next ? [...base.actions, next] : base.actions, parameters: base.parameters };
		}
		case 'replace':
			return { actions: intent.actions, parameters: base.parameters };
		case 'parameters':
			return { actions: base.actions, parameters: mergeParameters(base.parameters, intent.parameters, intent.changed) };
	}
}

/** `theirs` with the values at `paths` taken from `mine`. */
export function mergeParameters(theirs: ScenarioParameters, mine: ScenarioParameters, paths: string[]): ScenarioParameters {
	const merged = plainCopy(theirs) as unknown as Record<string, unknown>;
	for (const path of paths) {
		const keys = path.split('.');
		let target = merged;
		let source = mine as unknown as Record<string, unknown>;
		for (const key of keys.slice(0, -1)) {
			target[key] ??= {};
			target = target[key] as Record<string, unknown>;
			source = (source?.[key] ?? {}) as Record<string, unknown>;
		}
		const last = keys.at(-1)!;
		if (source[last] === undefined) delete target[last];
		else target[last] = plainCopy(source[last]);
	}
	return merged as unknown as ScenarioParameters;
}

/**
 * Dotted paths of the leaves that differ between two parameter sets. Arrays (thresholds) count as
 * one leaf; objects keyed by site or partner (capital receipts, agreed shares) are walked.
 */
export function changedParameterPaths(a: ScenarioParameters, b: ScenarioParameters): string[] {
	const paths: string[] = [];
	const walk = (x: unknown, y: unknown, path: string) => {
		if (isPlainObject(x) && isPlainObject(y)) {
			for (const key of new Set([...Object.keys(x), ...Object.keys(y)]))
				walk(x[key], y[key], path ? `${path}.${key}` : key);
		} else if (JSON.stringify(x) !== JSON.stringify(y)) paths.push(path);
	};
	walk(a, b, '');
	return paths;
}

/** Names to describe actions with: site ref → building name, service code → service name. */
export interface Names {
	site: (ref: string) => string;
	service: (code: string) => string;
}

/** One line of plain English per action, e.g. "Close Hale Library". */
export function describeAction(action: ScenarioAction, names: Names): string {
	switch (action.type) {
		case 'close':
			return `Close ${names.site(action.siteRef)}`;
		case 'hub':
			return `Make ${names.site(action.siteRef)} a hub`;
		case 'move':
			return `Move ${names.service(action.service)} from ${names.site(action.fromSiteRef)} into ${names.site(action.toSiteRef)}`;
		case 'add':
			return `Add a new site, ${action.site.name} (${kindLabel(action.site.kind).toLowerCase()})`;
		case 'add_service':
			return `Add ${names.service(action.service)} at ${names.site(action.siteRef)}${action.spaceM2 !== undefined ? ` (${action.spaceM2} m²)` : ''}`;
		case 'withdraw_service':
			return `Withdraw ${names.service(action.service)} from ${names.site(action.siteRef)}`;
	}
}

/** What the other tab changed, relative to the version this page last saw. */
export interface ConflictReport {
	theirVersion: number;
	/** Actions in their version that this page did not have. */
	theirNewActions: ScenarioAction[];
	/** Actions this page had that their version no longer has (they undid or removed them). */
	theirRemovedActions: ScenarioAction[];
	parameterPaths: string[];
	renamed: boolean;
}

export function conflictReport(seen: ScenarioRecord, theirs: ScenarioRecord): ConflictReport {
	const key = (a: ScenarioAction) => JSON.stringify(a);
	// Compare as lists in order: the shared prefix is unchanged; after it, theirs is new and ours removed.
	let common = 0;
	while (
		common < seen.actions.length &&
		common < theirs.actions.length &&
		key(seen.actions[common]) === key(theirs.actions[common])
	)
		common++;
	return {
		theirVersion: theirs.version,
		theirNewActions: theirs.actions.slice(common),
		theirRemovedActions: seen.actions.slice(common),
		parameterPaths: changedParameterPaths(seen.parameters, theirs.parameters),
		renamed: seen.name !== theirs.name || seen.description !== theirs.description
	};
}

/** What their version changed, one line each, for the conflict message. */
export function describeReport(report: ConflictReport, names: Names): string[] {
	const lines = [
		...report.theirNewActions.map((a) => `Added: ${describeAction(a, names)}`),
		...report.theirRemovedActions.map((a) => `Undid: ${describeAction(a, names)}`),
		...report.parameterPaths.map((p) => `Changed parameter ${p}`),
		...(report.renamed ? ['Changed the name or description'] : [])
	];
	return lines.length ? lines : ['Saved again with the same content'];
}

/** What my pending change would do, in words, for the conflict message. */
export function describeIntent(intent: Intent, names: Names): string[] {
	switch (intent.kind) {
		case 'actions':
			return intent.actions.map((a) => describeAction(a, names));
		case 'undo':
			return ['Undo the last action'];
		case 'redo':
			return ['Redo the last undone action'];
		case 'replace':
			return [intent.label];
		case 'parameters':
			return intent.changed.map((p) => `Change parameter ${p}`);
	}
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A deep copy by JSON, since Svelte state proxies cannot be structured-cloned. */
function plainCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
