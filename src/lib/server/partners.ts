/**
 * The partner bodies of a partnership: list, add, rename and merge. A partner need not occupy any
 * building: a funder such as a Local Strategic Partnership can carry pilot cost shares alone.
 * Merging moves every reference (building ownership, pilot cost shares, scenarios' agreed appraisal
 * shares) to the partner kept, in one transaction.
 *
 * Import as a namespace: `import * as partners from '$lib/server/partners'`.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Actor } from './auth/actor';
import { actorLabel } from './auth/actor';
import * as audit from './audit/log';
import * as revisions from './scenario-revisions';
import { t, transaction, type Db } from './db';
import { organisationKinds, type OrganisationKind } from './db/schema';
import { renewEstateVersion } from './estate';
import * as estateWrites from './estate-writes';
import type { FieldIssue } from '../components/form-errors';
import { MAX_NAME_CHARS } from '../limits';

export type Partner = typeof t.organisation.$inferSelect;

export interface PartnerSummary extends Partner {
	/** Buildings this partner owns or runs. */
	buildings: number;
	/** Pilot cost lines it contributes to. */
	pilotShares: number;
}

/** Bad input: nothing was written. */
export class PartnerInputError extends Error {
	constructor(readonly issues: FieldIssue[]) {
		super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
	}
}

/** Plain-English labels for the kinds of partner body, in the order forms offer them. */
export const PARTNER_KIND_LABELS: Record<OrganisationKind, string> = {
	council: 'Council',
	nhs: 'NHS',
	dwp: 'Department for Work and Pensions',
	post_office: 'Post Office',
	fire: 'Fire and rescue',
	police: 'Police',
	probation: 'Probation',
	education: 'School or college',
	leisure: 'Leisure operator',
	voluntary: 'Voluntary and community sector',
	strategic_partnership: 'Local strategic partnership (funder)',
	private: 'Private provider',
	other: 'Other'
};

export interface PartnerInput {
	name: string;
	kind: string;
}

/** Every partner of the partnership with how much refers to it, by name. */
export async function list(db: Db, partnershipId: string): Promise<PartnerSummary[]> {
	const buildings = new Map(
		(
			await db
				.select({ id: t.site.organisationId, n: count() })
				.from(t.site)
				.where(eq(t.site.partnershipId, partnershipId))
				.groupBy(t.site.organisationId)
		).map((r) => [r.id, r.n])
	);
	const shares = new Map(
		(
			await db
				.select({ id: t.pilotContribution.organisationId, n: count() })
				.from(t.pilotContribution)
				.innerJoin(t.organisation, eq(t.organisation.id, t.pilotContribution.organisationId))
				.where(eq(t.organisation.partnershipId, partnershipId))
				.groupBy(t.pilotContribution.organisationId)
		).map((r) => [r.id, r.n])
	);
	const rows = await db
		.select()
		.from(t.organisation)
		.where(eq(t.organisation.partnershipId, partnershipId))
		.orderBy(asc(sql`lower(${t.organisation.name})`), asc(t.organisation.id));
	return rows.map((o) => ({ ...o, buildings: buildings.get(o.id) ?? 0, pilotShares: shares.get(o.id) ?? 0 }));
}

/**
 * Adds a partner. Organisation ids are global primary keys, so an added partner's id is its
 * partnership and its name ("trafford:oaklands-college"), numbered if that is taken.
 */
export async function add(db: Db, actor: Actor, partnershipId: string, input: PartnerInput): Promise<Partner> {
	return transaction(db, async (tx) => {
		const checked = await check(tx, partnershipId, input, null);
		const base = `${partnershipId}:${slugOf(checked.name)}`;
		let id = base;
		for (let n = 2; await exists(tx, id); n++) id = `${base}-${n}`;
		await renewEstateVersion(tx, partnershipId);
		const [added] = await tx.insert(t.organisation).values({ id, partnershipId, name: checked.name, kind: checked.kind }).returning();
		await audit.record(tx, actor, partnershipId, { entityKind: 'partner', entityId: id, action: 'created', after: audit.rowSnapshot(added), summary: `Partner "${added.name}" added` });
		return added;
	});
}

/** Renames a partner (or changes its kind); its id, and so every reference, stays. */
export async function update(db: Db, actor: Actor, partnershipId: string, id: string, input: PartnerInput): Promise<Partner> {
	return transaction(db, async (tx) => {
		const current = await get(tx, partnershipId, id);
		const checked = await check(tx, partnershipId, input, id);
		await renewEstateVersion(tx, partnershipId);
		const [updated] = await tx.update(t.organisation).set(checked).where(eq(t.organisation.id, id)).returning();
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'partner',
			entityId: id,
			action: 'changed',
			before: audit.rowSnapshot(current),
			after: audit.rowSnapshot(updated),
			summary: current.name === updated.name ? `Partner "${updated.name}" changed` : `Partner "${current.name}" renamed "${updated.name}"`
		});
		return updated;
	});
}

export async function get(db: Db, partnershipId: string, id: string): Promise<Partner> {
	const [row] = await db
		.select()
		.from(t.organisation)
		.where(and(eq(t.organisation.partnershipId, partnershipId), eq(t.organisation.id, id)));
	if (!row) throw new PartnerInputError([{ path: 'id', message: `No partner with id "${id}"; it may have been merged or renamed in another tab.` }]);
	return row;
}

/** The partner whose name is `name`, ignoring case and surrounding spaces, or null. */
export async function findByName(db: Db, partnershipId: string, name: string): Promise<Partner | null> {
	const [row] = await db
		.select()
		.from(t.organisation)
		.where(and(eq(t.organisation.partnershipId, partnershipId), eq(sql`lower(${t.organisation.name})`, name.trim().toLowerCase())))
		.orderBy(asc(t.organisation.id))
		.limit(1);
	return row ?? null;
}

export interface MergeResult {
	kept: Partner;
	removedName: string;
	buildings: number;
	pilotShares: number;
	scenarios: number;
}

/**
 * Merges partner `fromId` into `intoId` in one transaction: buildings, pilot cost shares (added
 * together where both paid into the same line) and scenarios' agreed appraisal shares move to
 * `intoId`, then `fromId` is deleted.
 */
export async function merge(db: Db, actor: Actor, partnershipId: string, fromId: string, intoId: string): Promise<MergeResult> {
	return transaction(db, async (tx) => {
		if (fromId === intoId) throw new PartnerInputError([{ path: 'into', message: 'Choose two different partners: a partner cannot be merged into itself.' }]);
		const from = await get(tx, partnershipId, fromId);
		const kept = await get(tx, partnershipId, intoId);
		const buildings = await estateWrites.moveSitesToPartner(tx, partnershipId, fromId, intoId);
		const pilotShares = await mergeContributions(tx, fromId, intoId);
		let scenarioCount = 0;
		for (const s of await tx.select().from(t.scenario).where(eq(t.scenario.partnershipId, partnershipId)).orderBy(asc(t.scenario.id))) {
			const moved = movedScenario(s, fromId, intoId);
			if (!moved) continue;
			scenarioCount++;
			const [saved] = await tx.update(t.scenario).set(moved).where(eq(t.scenario.id, s.id)).returning();
			const summary = `Agreed appraisal share of "${from.name}" moved to "${kept.name}" (partners merged)`;
			await revisions.add(tx, partnershipId, s.id, { version: saved.version, snapshot: saved, actorLabel: actorLabel(actor), summary });
			await audit.record(tx, actor, partnershipId, {
				entityKind: 'scenario',
				entityId: s.id,
				action: 'changed',
				...revisions.changedFields(s, saved),
				summary: `Scenario "${saved.name}", version ${saved.version}: ${summary}`
			});
		}
		await tx.delete(t.organisation).where(eq(t.organisation.id, fromId));
		await renewEstateVersion(tx, partnershipId);
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'partner',
			entityId: fromId,
			action: 'merged',
			before: audit.rowSnapshot(from),
			after: audit.rowSnapshot(kept),
			summary: `Partner "${from.name}" merged into "${kept.name}": ${buildings} building(s), ${pilotShares} pilot cost share(s) and ${scenarioCount} scenario(s) moved`
		});
		return { kept, removedName: from.name, buildings, pilotShares, scenarios: scenarioCount };
	});
}

async function mergeContributions(tx: Db, fromId: string, intoId: string): Promise<number> {
	const rows = await tx.select().from(t.pilotContribution).where(eq(t.pilotContribution.organisationId, fromId));
	for (const row of rows) {
		const both = and(eq(t.pilotContribution.pilotCostId, row.pilotCostId), eq(t.pilotContribution.organisationId, intoId));
		const fromRow = and(eq(t.pilotContribution.pilotCostId, row.pilotCostId), eq(t.pilotContribution.organisationId, fromId));
		const [existing] = await tx.select().from(t.pilotContribution).where(both);
		if (existing) {
			await tx.update(t.pilotContribution).set({ amountGbp: existing.amountGbp + row.amountGbp }).where(both);
			await tx.delete(t.pilotContribution).where(fromRow);
		} else {
			await tx.update(t.pilotContribution).set({ organisationId: intoId }).where(fromRow);
		}
	}
	return rows.length;
}

type Scenario = typeof t.scenario.$inferSelect;

/** The scenario's parameters with `fromId`'s agreed appraisal share added to `intoId`'s; null when it has none. */
function movedScenario(s: Scenario, fromId: string, intoId: string): Partial<Scenario> | null {
	const shares = { ...s.parameters.appraisal.agreedShares };
	if (!(fromId in shares)) return null;
	shares[intoId] = (shares[intoId] ?? 0) + shares[fromId];
	delete shares[fromId];
	return {
		parameters: { ...s.parameters, appraisal: { ...s.parameters.appraisal, agreedShares: shares } },
		version: s.version + 1,
		updatedAt: new Date().toISOString()
	};
}

async function check(db: Db, partnershipId: string, input: PartnerInput, selfId: string | null): Promise<{ name: string; kind: OrganisationKind }> {
	const issues: FieldIssue[] = [];
	const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
	if (!name) issues.push({ path: 'name', message: 'Enter the partner’s name, e.g. "Oaklands College".' });
	else if (name.length > MAX_NAME_CHARS) {
		issues.push({ path: 'name', message: `Name must be ${MAX_NAME_CHARS} characters or fewer (it has ${name.length}).` });
	} else {
		const same = await findByName(db, partnershipId, name);
		if (same && same.id !== selfId) issues.push({ path: 'name', message: `There is already a partner called "${same.name}"; choose another name, or merge the two.` });
	}
	const kind = input.kind as OrganisationKind;
	if (!(organisationKinds as readonly string[]).includes(kind)) {
		issues.push({ path: 'kind', message: `Choose what kind of body it is (got "${input.kind ?? ''}").` });
	}
	if (issues.length) throw new PartnerInputError(issues);
	return { name, kind };
}

async function exists(db: Db, id: string): Promise<boolean> {
	return (await db.select({ id: t.organisation.id }).from(t.organisation).where(eq(t.organisation.id, id))).length > 0;
}

function slugOf(name: string): string {
	const slug = name
		.normalize('NFKD')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);
	return slug || 'partner';
}
