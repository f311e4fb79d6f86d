/**
 * Mitigations recorded for an option: what will be done, who owns it, and for whom. Input is form
 * text; a refused entry writes nothing and names each bad field. Import as a namespace:
 * `import * as mitigations from '$lib/server/mitigations'`.
 */
import type { Actor } from './auth/actor';
import * as audit from './audit/log';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { t, transaction, type Db } from './db';
import * as scenarios from './scenarios';
import type { FieldIssue } from '../components/form-errors';
import { MAX_NAME_CHARS, MAX_TEXT_CHARS } from '../limits';

export type Mitigation = typeof t.mitigation.$inferSelect;

export interface MitigationInput {
	action: string;
	owner: string;
	forWhom: string;
}

export class MitigationInputError extends Error {
	constructor(readonly issues: FieldIssue[]) {
		super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
	}
}

/** A scenario's mitigations, oldest first. */
export async function list(db: Db, partnershipId: string, scenarioId: number): Promise<Mitigation[]> {
	return (await listFor(db, partnershipId, [scenarioId])).get(scenarioId) ?? [];
}

/** Mitigations of several scenarios at once (the comparison), by scenario id. */
export async function listFor(db: Db, partnershipId: string, scenarioIds: number[]): Promise<Map<number, Mitigation[]>> {
	const rows = scenarioIds.length
		? await db
				.select()
				.from(t.mitigation)
				.where(and(eq(t.mitigation.partnershipId, partnershipId), inArray(t.mitigation.scenarioId, scenarioIds)))
				.orderBy(asc(t.mitigation.id))
		: [];
	const byScenario = new Map<number, Mitigation[]>();
	for (const row of rows) byScenario.set(row.scenarioId, [...(byScenario.get(row.scenarioId) ?? []), row]);
	return byScenario;
}

export async function create(db: Db, actor: Actor, partnershipId: string, scenarioId: number, input: MitigationInput): Promise<Mitigation> {
	const issues: FieldIssue[] = [];
	const text = (path: keyof MitigationInput, value: string, max: number, missing: string) => {
		const trimmed = (value ?? '').trim();
		if (!trimmed) issues.push({ path, message: missing });
		else if (trimmed.length > max) issues.push({ path, message: `Must be ${max} characters or fewer (it has ${trimmed.length}).` });
		return trimmed;
	};
	const action = text('action', input.action, MAX_TEXT_CHARS, 'Enter what will be done, for example “Outreach post office counter at Partington library two days a week”.');
	const owner = text('owner', input.owner, MAX_NAME_CHARS, 'Enter who owns this mitigation (a partner, team or role).');
	const forWhom = text('forWhom', input.forWhom, MAX_NAME_CHARS, 'Enter who it is for, for example “Residents aged 75+ in Partington”.');
	const scenario = await scenarios.get(db, partnershipId, scenarioId);
	if (scenario.isBaseline)
		issues.unshift({ path: 'action', message: 'Today’s estate changes nothing, so it needs no mitigations: record them on an option.' });
	if (issues.length) throw new MitigationInputError(issues);
	return transaction(db, async (tx) => {
		const [created] = await tx.insert(t.mitigation).values({ partnershipId, scenarioId, action, owner, forWhom }).returning();
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'mitigation',
			entityId: created.id,
			action: 'created',
			after: audit.rowSnapshot(created),
			summary: `Mitigation added to scenario "${scenario.name}": ${created.action}`
		});
		return created;
	});
}

/** Remove one; false when the scenario has none with that id. */
export async function remove(db: Db, actor: Actor, partnershipId: string, scenarioId: number, id: number): Promise<boolean> {
	return transaction(db, async (tx) => {
		const removed = await tx
			.delete(t.mitigation)
			.where(and(eq(t.mitigation.partnershipId, partnershipId), eq(t.mitigation.scenarioId, scenarioId), eq(t.mitigation.id, id)))
			.returning();
		for (const row of removed) {
			await audit.record(tx, actor, partnershipId, {
				entityKind: 'mitigation',
				entityId: row.id,
				action: 'deleted',
				before: audit.rowSnapshot(row),
				summary: `Mitigation removed from scenario ${scenarioId}: ${row.action}`
			});
		}
		return removed.length > 0;
	});
}
