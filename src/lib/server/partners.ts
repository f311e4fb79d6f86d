/**
 * The partner bodies of a partnership: list, add, rename and merge. A partner need not occupy any
 * building: a funder such as a Local Strategic Partnership can carry pilot cost shares alone.
 * Merging moves every reference (building ownership, pilot cost shares, scenarios' agreed appraisal
 * shares) to the partner kept, in one transaction.
 *
 * Import as a namespace: `import * as partners from '$lib/server/partners'`.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from './db';
import * as t from './db/schema';
import { renewEstateVersion } from './estate';
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
export const PARTNER_KIND_LABELS: Record<t.OrganisationKind, string> = {
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
export function list(db: Db, partnershipId: string): PartnerSummary[] {
	const buildings = new Map(
		db
			.select({ id: t.site.organisationId, n: count() })
			.from(t.site)
			.where(eq(t.site.partnershipId, partnershipId))
			.groupBy(t.site.organisationId)
			.all()
			.map((r) => [r.id, r.n])
	);
	const shares = new Map(
		db
			.select({ id: t.pilotContribution.organisationId, n: count() })
			.from(t.pilotContribution)
			.innerJoin(t.organisation, eq(t.organisation.id, t.pilotContribution.organisationId))
			.where(eq(t.organisation.partnershipId, partnershipId))
			.groupBy(t.pilotContribution.organisationId)
			.all()
			.map((r) => [r.id, r.n])
	);
	return db
		.select()
		.from(t.organisation)
		.where(eq(t.organisation.partnershipId, partnershipId))
		.orderBy(asc(sql`lower(${t.organisation.name})`))
		.all()
		.map((o) => ({ ...o, buildings: buildings.get(o.id) ?? 0, pilotShares: shares.get(o.id) ?? 0 }));
}

/**
 * Adds a partner. Organisation ids are global primary keys, so an added partner's id is its
 * partnership and its name ("trafford:oaklands-college"), numbered if that is taken.
 */
export function add(db: Db, partnershipId: string, input: PartnerInput): Partner {
	const checked = check(db, partnershipId, input, null);
	const base = `${partnershipId}:${slugOf(checked.name)}`;
	let id = base;
	for (let n = 2; exists(db, id); n++) id = `${base}-${n}`;
	return db.transaction((tx) => {
		renewEstateVersion(tx as unknown as Db, partnershipId);
		return tx.insert(t.organisation).values({ id, partnershipId, name: checked.name, kind: checked.kind }).returning().get();
	});
}

/** Renames a partner (or changes its kind); its id, and so every reference, stays. */
export function update(db: Db, partnershipId: string, id: string, input: PartnerInput): Partner {
	get(db, partnershipId, id);
	const checked = check(db, partnershipId, input, id);
	return db.transaction((tx) => {
		renewEstateVersion(tx as unknown as Db, partnershipId);
		return tx.update(t.organisation).set(checked).where(eq(t.organisation.id, id)).returning().get();
	});
}

export function get(db: Db, partnershipId: string, id: string): Partner {
	const row = db
		.select()
		.from(t.organisation)
		.where(and(eq(t.organisation.partnershipId, partnershipId), eq(t.organisation.id, id)))
		.get();
	if (!row) throw new PartnerInputError([{ path: 'id', message: `No partner with id "${id}"; it may have been merged or renamed in another tab.` }]);
	return row;
}

/** The partner whose name is `name`, ignoring case and surrounding spaces, or null. */
export function findByName(db: Db, partnershipId: string, name: string): Partner | null {
	return (
		db
			.select()
			.from(t.organisation)
			.where(and(eq(t.organisation.partnershipId, partnershipId), eq(sql`lower(${t.organisation.name})`, name.trim().toLowerCase())))
			.get() ?? null
	);
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
export function merge(db: Db, partnershipId: string, fromId: string, intoId: string): MergeResult {
	return db.transaction((tx) => {
		const d = tx as unknown as Db;
		if (fromId === intoId) throw new PartnerInputError([{ path: 'into', message: 'Choose two different partners: a partner cannot be merged into itself.' }]);
		const from = get(d, partnershipId, fromId);
		const kept = get(d, partnershipId, intoId);
		const buildings = d
			.update(t.site)
			.set({ organisationId: intoId })
			.where(and(eq(t.site.partnershipId, partnershipId), eq(t.site.organisationId, fromId)))
			.run().changes;
		const pilotShares = mergeContributions(d, fromId, intoId);
		let scenarioCount = 0;
		for (const s of d.select().from(t.scenario).where(eq(t.scenario.partnershipId, partnershipId)).all()) {
			const moved = movedScenario(s, fromId, intoId);
			if (!moved) continue;
			scenarioCount++;
			d.update(t.scenario).set(moved).where(eq(t.scenario.id, s.id)).run();
		}
		d.delete(t.organisation).where(eq(t.organisation.id, fromId)).run();
		renewEstateVersion(d, partnershipId);
		return { kept, removedName: from.name, buildings, pilotShares, scenarios: scenarioCount };
	});
}

function mergeContributions(db: Db, fromId: string, intoId: string): number {
	const rows = db.select().from(t.pilotContribution).where(eq(t.pilotContribution.organisationId, fromId)).all();
	for (const row of rows) {
		const both = and(eq(t.pilotContribution.pilotCostId, row.pilotCostId), eq(t.pilotContribution.organisationId, intoId));
		const existing = db.select().from(t.pilotContribution).where(both).get();
		if (existing) {
			db.update(t.pilotContribution).set({ amountGbp: existing.amountGbp + row.amountGbp }).where(both).run();
			db.delete(t.pilotContribution)
				.where(and(eq(t.pilotContribution.pilotCostId, row.pilotCostId), eq(t.pilotContribution.organisationId, fromId)))
				.run();
		} else {
			db.update(t.pilotContribution)
				.set({ organisationId: intoId })
				.where(and(eq(t.pilotContribution.pilotCostId, row.pilotCostId), eq(t.pilotContribution.organisationId, fromId)))
				.run();
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

function check(db: Db, partnershipId: string, input: PartnerInput, selfId: string | null): { name: string; kind: t.OrganisationKind } {
	const issues: FieldIssue[] = [];
	const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
	if (!name) issues.push({ path: 'name', message: 'Enter the partner’s name, e.g. "Oaklands College".' });
	else if (name.length > MAX_NAME_CHARS) {
		issues.push({ path: 'name', message: `Name must be ${MAX_NAME_CHARS} characters or fewer (it has ${name.length}).` });
	} else {
		const same = findByName(db, partnershipId, name);
		if (same && same.id !== selfId) issues.push({ path: 'name', message: `There is already a partner called "${same.name}"; choose another name, or merge the two.` });
	}
	const kind = input.kind as t.OrganisationKind;
	if (!(t.organisationKinds as readonly string[]).includes(kind)) {
		issues.push({ path: 'kind', message: `Choose what kind of body it is (got "${input.kind ?? ''}").` });
	}
	if (issues.length) throw new PartnerInputError(issues);
	return { name, kind };
}

function exists(db: Db, id: string): boolean {
	return db.select({ id: t.organisation.id }).from(t.organisation).where(eq(t.organisation.id, id)).get() !== undefined;
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
