/**
 * Scenario revisions (`scenario_revision`): every saved version of a scenario, as the user edits it
 * (name, description, actions, parameters), with when, who and what the save changed in words.
 * scenarios.ts adds one inside each save's transaction; restoring one is a new save (scenarios.ts
 * `revert`), so later revisions are kept.
 *
 * Import as a namespace: `import * as revisions from '$lib/server/scenario-revisions'`.
 */
import { and, desc, eq } from 'drizzle-orm';
import { t, type Db } from './db';
import { byEstateVersion } from './estate-cache';
import { SERVICES } from './catalogue';
import { assumptionsFor } from '../engine/parameters';
import { changedParameterPaths, describeAction } from '../workspace/changes';
import type { ScenarioAction } from '../engine/types';

export type Revision = typeof t.scenarioRevision.$inferSelect;
export type ScenarioSnapshot = Revision['snapshot'];

export class RevisionNotFoundError extends Error {}

/** The part of a scenario a revision keeps. */
export function snapshotOf(s: ScenarioSnapshot): ScenarioSnapshot {
	return { name: s.name, description: s.description, actions: s.actions, parameters: s.parameters };
}

export async function add(
	tx: Db,
	partnershipId: string,
	scenarioId: number,
	revision: { version: number; snapshot: ScenarioSnapshot; actorLabel: string; summary: string }
): Promise<void> {
	await tx.insert(t.scenarioRevision).values({ partnershipId, scenarioId, ...revision, snapshot: snapshotOf(revision.snapshot) });
}

/** A scenario's revisions, newest first. */
export async function list(db: Db, partnershipId: string, scenarioId: number): Promise<Revision[]> {
	return db
		.select()
		.from(t.scenarioRevision)
		.where(and(eq(t.scenarioRevision.partnershipId, partnershipId), eq(t.scenarioRevision.scenarioId, scenarioId)))
		.orderBy(desc(t.scenarioRevision.version));
}

export async function get(db: Db, partnershipId: string, scenarioId: number, version: number): Promise<Revision> {
	const [row] = await db
		.select()
		.from(t.scenarioRevision)
		.where(
			and(
				eq(t.scenarioRevision.partnershipId, partnershipId),
				eq(t.scenarioRevision.scenarioId, scenarioId),
				eq(t.scenarioRevision.version, version)
			)
		);
	if (!row) throw new RevisionNotFoundError(`Scenario ${scenarioId} has no saved version ${version}.`);
	return row;
}

/** The fields of `after` that differ from `before`, each side with only those fields (for the audit log). */
export function changedFields(before: ScenarioSnapshot, after: ScenarioSnapshot): { before: Partial<ScenarioSnapshot>; after: Partial<ScenarioSnapshot> } {
	const keys = (['name', 'description', 'actions', 'parameters'] as const).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
	return {
		before: Object.fromEntries(keys.map((k) => [k, before[k]])),
		after: Object.fromEntries(keys.map((k) => [k, after[k]]))
	};
}

/**
 * What a save changed, in words: "Close Hale Library; Road circuity factor 1.3 → 1.4". Building
 * names come from the estate (cached per estate version), so describing costs no extra query.
 */
export async function describeChange(db: Db, partnershipId: string, before: ScenarioSnapshot, after: ScenarioSnapshot): Promise<string> {
	const parts: string[] = [];
	if (before.name !== after.name) parts.push(`renamed from "${before.name}" to "${after.name}"`);
	if (before.description !== after.description) parts.push('description changed');
	if (JSON.stringify(before.actions) !== JSON.stringify(after.actions)) parts.push(await describeActions(db, partnershipId, before.actions, after.actions));
	if (JSON.stringify(before.parameters) !== JSON.stringify(after.parameters)) {
		const labels = new Map(assumptionsFor(after.parameters).map((a) => [a.key, a.label]));
		const paths = changedParameterPaths(before.parameters, after.parameters);
		parts.push(`changed ${paths.map((p) => labels.get(p) ?? 'an assumption').filter((l, i, all) => all.indexOf(l) === i).join(', ')}`);
	}
	return parts.length ? capitalise(parts.join('; ')) : 'Saved with no change';
}

async function describeActions(db: Db, partnershipId: string, before: ScenarioAction[], after: ScenarioAction[]): Promise<string> {
	const names = await actionNames(db, partnershipId, [...before, ...after]);
	const key = (a: ScenarioAction) => JSON.stringify(a);
	let common = 0;
	while (common < before.length && common < after.length && key(before[common]) === key(after[common])) common++;
	const added = after.slice(common).map((a) => describeAction(a, names));
	const removed = before.slice(common).map((a) => describeAction(a, names));
	return [
		...(added.length ? [added.join('; ')] : []),
		...(removed.length ? [`took back: ${removed.join('; ')}`] : [])
	].join('; ');
}

async function actionNames(db: Db, partnershipId: string, actions: ScenarioAction[]) {
	const siteNames = await byEstateVersion(db, partnershipId, 'site names by ref', async () => {
		const rows = await db.select({ ref: t.site.ref, name: t.site.name }).from(t.site).where(eq(t.site.partnershipId, partnershipId));
		return new Map(rows.map((r) => [r.ref, r.name]));
	});
	const added = new Map(actions.flatMap((a) => (a.type === 'add' ? [[a.site.ref, a.site.name] as const] : [])));
	const services = new Map(SERVICES.map((s) => [s.code, s.name]));
	return {
		site: (ref: string) => siteNames.get(ref) ?? added.get(ref) ?? ref,
		service: (code: string) => services.get(code) ?? code
	};
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
