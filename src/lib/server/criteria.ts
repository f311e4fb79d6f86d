/**
 * A partnership's own access criteria: list, add (from form text, with field issues naming each
 * bad value) and remove. The engine tests them beside its built-in ones (`loadEngineData` passes
 * them on). Import as a namespace: `import * as criteria from '$lib/server/criteria'`.
 */
import { and, asc, eq } from 'drizzle-orm';
import { t, transaction, type Db } from './db';
import { renewEstateVersion } from './estate';
import type { FieldIssue } from '../components/form-errors';
import { criterionGroups } from '../engine/access/criteria';
import { METRES_PER_MILE } from '../engine/parameters';
import type { AccessCriterionInput } from '../engine/types';
import { MAX_NAME_CHARS } from '../limits';
import { parseNumber } from '../parse';
import type { Actor } from './auth/actor';
import * as audit from './audit/log';

export type Criterion = typeof t.accessCriterion.$inferSelect;

/** Criterion fields as the form sends them (all text). */
export interface CriterionFormInput {
	name: string;
	service: string;
	threshold: string;
	/** `miles` or `minutes`. */
	thresholdUnit: string;
	group: string;
	/** Percent, 0–100. */
	targetPercent: string;
}

export const THRESHOLD_UNITS = [
	{ value: 'miles', label: 'Miles (straight line)' },
	{ value: 'minutes', label: 'Minutes (imported travel-time matrix)' }
] as const;

/** Bad input: nothing was written. */
export class CriterionInputError extends Error {
	constructor(readonly issues: FieldIssue[]) {
		super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
	}
}

export async function list(db: Db, partnershipId: string): Promise<Criterion[]> {
	return db
		.select()
		.from(t.accessCriterion)
		.where(eq(t.accessCriterion.partnershipId, partnershipId))
		.orderBy(asc(t.accessCriterion.id));
}

/** The criteria as engine input; ids are `own-N` so they never clash with built-in ones. */
export async function listInputs(db: Db, partnershipId: string): Promise<AccessCriterionInput[]> {
	return (await list(db, partnershipId)).map((c) => ({
		id: `own-${c.id}`,
		name: c.name,
		source: 'Set by the partnership',
		service: c.serviceCode,
		...(c.thresholdM !== null ? { thresholdM: c.thresholdM } : {}),
		...(c.thresholdMin !== null ? { thresholdMin: c.thresholdMin } : {}),
		group: c.populationGroup,
		targetShare: c.targetShare
	}));
}

export async function create(db: Db, actor: Actor, partnershipId: string, input: CriterionFormInput): Promise<Criterion> {
	const issues: FieldIssue[] = [];
	const name = (input.name ?? '').trim();
	if (!name) issues.push({ path: 'name', message: 'Enter a name for the criterion, for example “Libraries: 95 % within 2 miles”.' });
	else if (name.length > MAX_NAME_CHARS)
		issues.push({ path: 'name', message: `Name must be ${MAX_NAME_CHARS} characters or fewer (it has ${name.length}).` });
	const services = (await db.select({ code: t.service.code }).from(t.service)).map((s) => s.code);
	if (!services.includes(input.service)) issues.push({ path: 'service', message: `Choose a service from the list (got "${input.service}").` });
	const threshold = parseNumber(input.threshold ?? '');
	if (threshold === null || threshold <= 0)
		issues.push({ path: 'threshold', message: `Enter the distance or time as a number above 0, for example 2 (got "${input.threshold}").` });
	const unit = input.thresholdUnit;
	if (!THRESHOLD_UNITS.some((u) => u.value === unit)) issues.push({ path: 'thresholdUnit', message: 'Choose miles or minutes.' });
	if (!criterionGroups().some((g) => g.key === input.group)) issues.push({ path: 'group', message: `Choose who the criterion is about from the list (got "${input.group}").` });
	const percent = parseNumber((input.targetPercent ?? '').replace(/%\s*$/, ''));
	if (percent === null || percent <= 0 || percent > 100)
		issues.push({ path: 'targetPercent', message: `Enter the share that must be within reach as a percentage above 0 and up to 100, for example 95 (got "${input.targetPercent}").` });
	if (issues.length) throw new CriterionInputError(issues);
	// The engine reads the criteria with the estate, so its cached evaluations must be renewed too.
	return transaction(db, async (tx) => {
		await renewEstateVersion(tx, partnershipId);
		const [created] = await tx
			.insert(t.accessCriterion)
			.values({
				partnershipId,
				name,
				serviceCode: input.service,
				thresholdM: unit === 'miles' ? threshold! * METRES_PER_MILE : null,
				thresholdMin: unit === 'minutes' ? threshold! : null,
				populationGroup: input.group,
				targetShare: percent! / 100
			})
			.returning();
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'criterion',
			entityId: created.id,
			action: 'created',
			after: audit.rowSnapshot(created),
			summary: `Access criterion "${created.name}" added`
		});
		return created;
	});
}

/** Remove one; false when there was none with that id. */
export async function remove(db: Db, actor: Actor, partnershipId: string, id: number): Promise<boolean> {
	return transaction(db, async (tx) => {
		const removed = await tx
			.delete(t.accessCriterion)
			.where(and(eq(t.accessCriterion.partnershipId, partnershipId), eq(t.accessCriterion.id, id)))
			.returning();
		for (const row of removed) {
			await renewEstateVersion(tx, partnershipId);
			await audit.record(tx, actor, partnershipId, {
				entityKind: 'criterion',
				entityId: row.id,
				action: 'deleted',
				before: audit.rowSnapshot(row),
				summary: `Access criterion "${row.name}" removed`
			});
		}
		return removed.length > 0;
	});
}
