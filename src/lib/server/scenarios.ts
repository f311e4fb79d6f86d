/**
 * Scenario persistence. Every change is one transaction that checks the version the client based it
 * on: a save from a stale page is refused with the current scenario, so two tabs never silently
 * overwrite each other and the second keeps its own edits to re-apply. Undo and redo are list
 * surgery on `actions` and `redo`, saved like any other change, so they survive reloads and restarts.
 *
 * Import as a namespace: `import * as scenarios from '$lib/server/scenarios'`.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { t, transaction, type Db } from './db';
import { completeParameters, defaultParameters, validateParameters } from '../engine/parameters';
import { prepareEstate, type PreparedEstate } from '../engine/prepare';
import { validateActions } from '../engine/scenario/apply';
import { loadEngineData } from './estate';
import { byEstateVersion } from './estate-cache';
import type { ScenarioAction, ScenarioParameters } from '../engine/types';
import type { FieldIssue } from '../components/form-errors';
import { isInUk } from '../parse';
import { MAX_NAME_CHARS } from '../limits';
import { InputError } from '../validation';
import type { Actor } from './auth/actor';
import { actorLabel } from './auth/actor';
import * as audit from './audit/log';
import * as revisions from './scenario-revisions';

export type Scenario = typeof t.scenario.$inferSelect;

export type { FieldIssue } from '../components/form-errors';

/** Bad input: nothing was written. */
export class ScenarioInputError extends InputError {}

/** The save was based on an old version; `current` is what is stored now. Nothing was written. */
export class ScenarioConflictError extends Error {
	constructor(readonly current: Scenario, readonly baseVersion: number) {
		super(`Scenario "${current.name}" was changed elsewhere (now version ${current.version}, your edit was based on version ${baseVersion}).`);
	}
}

export class ScenarioNotFoundError extends Error {}

export const BASELINE_NAME = "Today's estate";

/** Who adds the built-in baseline: Hubplan itself, the first time a partnership's scenarios are listed. */
const BUILT_IN: Actor = { kind: 'system', name: 'Hubplan (built in)' };

/** All scenarios of a partnership, the built-in baseline first (created if missing). */
export async function list(db: Db, partnershipId: string): Promise<Scenario[]> {
	await ensureBaseline(db, partnershipId);
	const rows = await db
		.select()
		.from(t.scenario)
		.where(eq(t.scenario.partnershipId, partnershipId))
		.orderBy(desc(t.scenario.isBaseline), asc(t.scenario.id));
	return rows.map(complete);
}

/** The word a comparison link uses for the built-in baseline, so links work in any database. */
export const BASELINE_ID = 'baseline';

/** How a comparison link names a scenario: `baseline` for the built-in one, else its id. */
export function linkIdOf(scenario: Pick<Scenario, 'id' | 'isBaseline'>): string {
	return scenario.isBaseline ? BASELINE_ID : String(scenario.id);
}

/**
 * The scenarios a comparison link names: the built-in baseline for `baseline` (created if missing),
 * else the scenario with that id; null for an id that is not one of this partnership's. Reads only
 * those, however many scenarios the partnership has.
 */
export async function pick(db: Db, partnershipId: string, linkIds: string[]): Promise<(Scenario | null)[]> {
	const ids = linkIds.filter((linkId) => linkId !== BASELINE_ID).map(Number).filter(Number.isSafeInteger);
	const rows = ids.length ? await db.select().from(t.scenario).where(and(eq(t.scenario.partnershipId, partnershipId), inArray(t.scenario.id, ids))) : [];
	const baseline = linkIds.includes(BASELINE_ID) ? await ensureBaseline(db, partnershipId) : null;
	return linkIds.map((linkId) => {
		const row = linkId === BASELINE_ID ? baseline : rows.find((s) => String(s.id) === linkId);
		return row ? complete(row) : null;
	});
}

/** A stored scenario with parameters added since it was saved filled in from the defaults. */
function complete(row: Scenario): Scenario {
	return { ...row, parameters: completeParameters(row.parameters) };
}

export async function ensureBaseline(db: Db, partnershipId: string): Promise<Scenario> {
	const baseline = () =>
		db
			.select()
			.from(t.scenario)
			.where(and(eq(t.scenario.partnershipId, partnershipId), eq(t.scenario.isBaseline, true)))
			.orderBy(asc(t.scenario.id))
			.limit(1);
	const [existing] = await baseline();
	if (existing) return existing;
	return transaction(db, async (tx) => {
		// Checked again inside the transaction: another request may have added it meanwhile.
		const [added] = await baseline();
		if (added) return added;
		const [created] = await tx
			.insert(t.scenario)
		.values({
			partnershipId,
			name: BASELINE_NAME,
			description: 'The estate as it is today: no closures, moves or new sites. Built in; cannot be edited.',
			isBaseline: true,
			parameters: defaultParameters()
		})
		.returning();
		await audit.record(tx, BUILT_IN, partnershipId, { entityKind: 'scenario', entityId: created.id, action: 'created', summary: `Built-in scenario "${BASELINE_NAME}" added` });
		return created;
	});
}

export async function get(db: Db, partnershipId: string, id: number): Promise<Scenario> {
	const [row] = await db
		.select()
		.from(t.scenario)
		.where(and(eq(t.scenario.partnershipId, partnershipId), eq(t.scenario.id, id)));
	if (!row) throw new ScenarioNotFoundError(`No scenario with id ${id}.`);
	return complete(row);
}

export interface ScenarioInput {
	name: string;
	description?: string;
	actions?: ScenarioAction[];
	parameters?: ScenarioParameters;
}

/** `copyOf` names the scenario it was duplicated from, for the history. */
export async function create(db: Db, actor: Actor, partnershipId: string, input: ScenarioInput, copyOf?: string): Promise<Scenario> {
	const summary = copyOf === undefined ? 'Created' : `Created as a copy of "${copyOf}"`;
	const parameters = input.parameters ?? defaultParameters();
	const issues = [
		...nameIssues(input.name),
		...(await parameterIssues(db, partnershipId, parameters)),
		...(await actionIssues(db, partnershipId, input.actions ?? []))
	];
	if (issues.length) throw new ScenarioInputError(issues);
	return transaction(db, async (tx) => {
		const [created] = await tx
			.insert(t.scenario)
		.values({
			partnershipId,
			name: input.name.trim(),
			description: input.description?.trim() ?? '',
			actions: input.actions ?? [],
			parameters
		})
		.returning();
		await revisions.add(tx, partnershipId, created.id, { version: created.version, snapshot: created, actorLabel: actorLabel(actor), summary });
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'scenario',
			entityId: created.id,
			action: 'created',
			after: revisions.snapshotOf(created),
			summary: `Scenario "${created.name}": ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`
		});
		return created;
	});
}

export interface ScenarioPatch {
	name?: string;
	description?: string;
	actions?: ScenarioAction[];
	redo?: ScenarioAction[];
	parameters?: ScenarioParameters;
}

/**
 * Apply `patch` if the stored version is still `baseVersion`; returns the saved scenario with its
 * new version. Throws ScenarioConflictError (stale), ScenarioInputError (invalid) or
 * ScenarioNotFoundError, in each case without writing anything.
 */
export function update(
	db: Db,
	actor: Actor,
	partnershipId: string,
	id: number,
	baseVersion: number,
	patch: ScenarioPatch
): Promise<Scenario> {
	return updateWith(db, actor, partnershipId, id, baseVersion, () => patch);
}

/**
 * Restore the scenario as it was saved at `version`: a new save (checked against `baseVersion` like
 * any other) that keeps every later revision, recorded as "Reverted to version N".
 */
export async function revert(db: Db, actor: Actor, partnershipId: string, id: number, baseVersion: number, version: number): Promise<Scenario> {
	const revision = await revisions.get(db, partnershipId, id, version);
	const { name, description, actions, parameters } = revision.snapshot;
	return updateWith(db, actor, partnershipId, id, baseVersion, () => ({ name, description, actions, parameters, redo: [] }), version);
}

/**
 * The one write path: read the stored scenario inside the transaction, derive the patch from it,
 * check the version and the input, save. `patchFor` returning null means "nothing to change"
 * (undo with nothing to undo), which answers the stored scenario as it is.
 */
async function updateWith(
	db: Db,
	actor: Actor,
	partnershipId: string,
	id: number,
	baseVersion: number,
	patchFor: (current: Scenario) => ScenarioPatch | null,
	revertedTo?: number
): Promise<Scenario> {
	return transaction(db, async (tx) => {
		const current = await get(tx, partnershipId, id);
		const patch = patchFor(current);
		if (!patch) return current;
		assertEditable(current);
		if (current.version !== baseVersion) throw new ScenarioConflictError(current, baseVersion);
		const issues = [
			...(patch.name !== undefined ? nameIssues(patch.name) : []),
			...(patch.parameters ? await parameterIssues(tx, partnershipId, patch.parameters) : []),
			...(patch.actions ? await actionIssues(tx, partnershipId, patch.actions) : [])
		];
		if (issues.length) throw new ScenarioInputError(issues);
		const [saved] = await tx
			.update(t.scenario)
			.set({
				...(patch.name !== undefined && { name: patch.name.trim() }),
				...(patch.description !== undefined && { description: patch.description.trim() }),
				...(patch.actions && { actions: patch.actions }),
				...(patch.redo && { redo: patch.redo }),
				...(patch.parameters && { parameters: patch.parameters }),
				version: current.version + 1,
				updatedAt: new Date().toISOString()
			})
			.where(eq(t.scenario.id, id))
			.returning();
		const change = revisions.changedFields(current, saved);
		const what = revertedTo === undefined ? await revisions.describeChange(tx, partnershipId, current, saved) : `Reverted to version ${revertedTo}`;
		await revisions.add(tx, partnershipId, id, { version: saved.version, snapshot: saved, actorLabel: actorLabel(actor), summary: what });
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'scenario',
			entityId: id,
			action: revertedTo === undefined ? 'changed' : 'reverted',
			...change,
			summary: `Scenario "${saved.name}", version ${saved.version}: ${what}`
		});
		return saved;
	});
}

/**
 * Refuses a change to the baseline or a worked example (both read only: duplicate to edit), with
 * nothing written.
 */
export function assertEditable(scenario: Scenario): void {
	if (scenario.isBaseline) {
		throw new ScenarioInputError([{ path: 'scenario', message: `"${BASELINE_NAME}" is built in and cannot be edited; duplicate it to make a scenario.` }]);
	}
	if (scenario.example) {
		throw new ScenarioInputError([{ path: 'scenario', message: `"${scenario.name}" is a worked example and stays as shipped; use "Duplicate to edit" to change a copy.` }]);
	}
}

/** Marks a scenario as the worked example `key` (examples.ts), which makes it read only. */
export async function markExample(db: Db, actor: Actor, partnershipId: string, id: number, key: string): Promise<void> {
	return transaction(db, async (tx) => {
		const current = await get(tx, partnershipId, id);
		await tx.update(t.scenario).set({ example: key }).where(eq(t.scenario.id, id));
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'scenario',
			entityId: id,
			action: 'changed',
			summary: `Scenario "${current.name}" made a read-only worked example`
		});
	});
}

/** Add an action; a new action clears the redo stack, as in any editor. */
export function addAction(db: Db, actor: Actor, partnershipId: string, id: number, baseVersion: number, action: ScenarioAction): Promise<Scenario> {
	return updateWith(db, actor, partnershipId, id, baseVersion, (current) => ({ actions: [...current.actions, action], redo: [] }));
}

export function undo(db: Db, actor: Actor, partnershipId: string, id: number, baseVersion: number): Promise<Scenario> {
	return updateWith(db, actor, partnershipId, id, baseVersion, (current) => {
		const last = current.actions.at(-1);
		return last ? { actions: current.actions.slice(0, -1), redo: [...current.redo, last] } : null;
	});
}

export function redo(db: Db, actor: Actor, partnershipId: string, id: number, baseVersion: number): Promise<Scenario> {
	return updateWith(db, actor, partnershipId, id, baseVersion, (current) => {
		const next = current.redo.at(-1);
		return next ? { actions: [...current.actions, next], redo: current.redo.slice(0, -1) } : null;
	});
}

/** Copy a scenario (the baseline too: that is how options start), with a fresh version. */
export async function duplicate(db: Db, actor: Actor, partnershipId: string, id: number, name?: string): Promise<Scenario> {
	const source = await get(db, partnershipId, id);
	return create(db, actor, partnershipId, {
		// A copy of an example is the user's own: "Copy of …" without the "Example: " label.
		name: name ?? `Copy of ${source.name.replace(/^Example: /, '')}`.slice(0, MAX_NAME_CHARS),
		description: source.isBaseline ? '' : source.description,
		actions: source.actions,
		parameters: source.parameters
	}, source.name);
}

/**
 * Delete a scenario; with `baseVersion` (a confirmation form opened on that version) only if it is
 * still that version, so what the user confirmed deleting is what is deleted.
 */
export async function remove(db: Db, actor: Actor, partnershipId: string, id: number, baseVersion?: number): Promise<void> {
	return transaction(db, async (tx) => {
		const current = await get(tx, partnershipId, id);
		if (current.isBaseline) {
			throw new ScenarioInputError([{ path: 'scenario', message: `"${BASELINE_NAME}" is built in and cannot be deleted.` }]);
		}
		if (baseVersion !== undefined && current.version !== baseVersion) throw new ScenarioConflictError(current, baseVersion);
		await tx.delete(t.scenario).where(eq(t.scenario.id, id));
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'scenario',
			entityId: id,
			action: 'deleted',
			before: revisions.snapshotOf(current),
			summary: `Deleted scenario "${current.name}" (version ${current.version})`
		});
	});
}

function nameIssues(name: string): FieldIssue[] {
	const trimmed = name?.trim() ?? '';
	if (!trimmed) return [{ path: 'name', message: 'Enter a name for the scenario.' }];
	if (trimmed.length > MAX_NAME_CHARS) {
		return [{ path: 'name', message: `Name must be ${MAX_NAME_CHARS} characters or fewer (it has ${trimmed.length}).` }];
	}
	return [];
}

/** The engine's parameter checks, plus: matrix mode needs an imported travel-time matrix. */
async function parameterIssues(db: Db, partnershipId: string, parameters: ScenarioParameters): Promise<FieldIssue[]> {
	const issues = prefix('parameters', validateParameters(parameters));
	if (parameters.distance?.mode === 'matrix' && !(await hasTravelMatrix(db, partnershipId))) {
		issues.push({
			path: 'parameters.distance.mode',
			message: 'No travel-time matrix has been imported yet: import one on the Import & export page, or choose straight line or road estimate.'
		});
	}
	return issues;
}

async function hasTravelMatrix(db: Db, partnershipId: string): Promise<boolean> {
	return (await db.select({ id: t.travelMatrix.id }).from(t.travelMatrix).where(eq(t.travelMatrix.partnershipId, partnershipId)).limit(1)).length > 0;
}

function prefix(path: string, issues: { path: string; message: string }[]): FieldIssue[] {
	return issues.map((i) => ({ path: `${path}.${i.path}`, message: i.message }));
}

/**
 * The engine's own check (unknown buildings, services a building does not offer, a hub that also
 * closes …) so that what saves is exactly what evaluates, plus the rules of the workspace: a hub
 * needs a floor area to fit anything into, and a new building needs a name and a UK location.
 */
async function actionIssues(db: Db, partnershipId: string, actions: ScenarioAction[]): Promise<FieldIssue[]> {
	// Preparing the estate takes tens of milliseconds, so each save does not do it again.
	const estate = await byEstateVersion(db, partnershipId, 'prepared estate', async () => prepareEstate(await loadEngineData(db, partnershipId)));
	return actionIssuesIn(estate, actions);
}

/** The same check against an estate the caller has already prepared (the CLI evaluates it next). */
export function actionIssuesIn(estate: PreparedEstate, actions: ScenarioAction[]): FieldIssue[] {
	const issues: FieldIssue[] = validateActions(estate, actions).map((i) => ({
		path: `actions[${i.index}]`,
		message: i.message
	}));
	const floorArea = new Map(estate.sites.map((s) => [s.ref, s.giaM2]));
	actions.forEach((action, i) => {
		if (action.type === 'add') {
			const { site } = action;
			floorArea.set(site.ref, site.giaM2);
			if (!site.name?.trim()) issues.push({ path: `actions[${i}].site.name`, message: 'Enter a name for the new building.' });
			if (!isInUk(site.lon, site.lat)) {
				issues.push({ path: `actions[${i}].site`, message: `Location ${site.lon}, ${site.lat} is outside the UK.` });
			}
			if (site.giaM2 !== null && !(site.giaM2 > 0)) {
				issues.push({ path: `actions[${i}].site.giaM2`, message: `Floor area must be more than 0 m², got ${site.giaM2}.` });
			}
		}
	});
	actions.forEach((action, i) => {
		const hubRef = action.type === 'hub' ? action.siteRef : action.type === 'move' ? action.toSiteRef : null;
		if (hubRef && floorArea.has(hubRef) && !floorArea.get(hubRef)) {
			issues.push({ path: `actions[${i}]`, message: `"${hubRef}" has no floor area recorded, so nothing can be fitted into it; record its floor area first.` });
		}
	});
	return issues.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}
