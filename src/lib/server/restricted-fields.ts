/**
 * A partnership's restricted fields (the setting, in `restricted_field`) and what a request may
 * see of them: editors and above see every value; viewers get the values withheld, the running
 * cost with them when any part of it is restricted, with the withheld fields named so pages show
 * "restricted" in their place. Partnership-level figures made from them (an option's saving) stay.
 */
import { and, asc, eq, notInArray } from 'drizzle-orm';
import { t, transaction, type Db } from './db';
import { can, type Role } from './auth/roles';
import type { Actor } from './auth/actor';
import * as audit from './audit/log';
import { isRestrictableField, RESTRICTABLE_FIELDS, restrictedAttributes, withheldFields, type RestrictableField, type WithheldField } from '../restricted-fields';
import type { EngineData, SiteInput } from '../engine/types';
import type { Provenance } from '../provenance';
import type { DecisionSnapshot } from './decisions';

/** The fields the partnership has marked restricted, in the registry's order. */
export async function restrictedFields(db: Db, partnershipId: string): Promise<RestrictableField[]> {
	const rows = await db.select({ field: t.restrictedField.field }).from(t.restrictedField).where(eq(t.restrictedField.partnershipId, partnershipId)).orderBy(asc(t.restrictedField.field));
	const marked = new Set(rows.map((r) => r.field));
	return RESTRICTABLE_FIELDS.map((f) => f.key).filter((key) => marked.has(key));
}

/**
 * Marks exactly `fields` restricted for the partnership. Throws naming the value and the accepted
 * ones for a field the registry does not list, and changes nothing.
 */
export async function setRestrictedFields(db: Db, actor: Actor, partnershipId: string, fields: readonly string[]): Promise<RestrictableField[]> {
	const unknown = fields.filter((f) => !isRestrictableField(f));
	if (unknown.length) {
		throw new RangeError(`"${unknown[0]}" is not a field that can be restricted: expected any of ${RESTRICTABLE_FIELDS.map((f) => f.key).join(', ')}.`);
	}
	const wanted = [...new Set(fields as RestrictableField[])];
	await transaction(db, async (tx) => {
		const before = await restrictedFields(tx, partnershipId);
		const scope = eq(t.restrictedField.partnershipId, partnershipId);
		await tx.delete(t.restrictedField).where(wanted.length ? and(scope, notInArray(t.restrictedField.field, wanted)) : scope);
		for (const field of wanted) await tx.insert(t.restrictedField).values({ partnershipId, field }).onConflictDoNothing();
		const after = await restrictedFields(tx, partnershipId);
		if (before.join() === after.join()) return;
		const words = (fields: readonly RestrictableField[]) => fields.map((f) => RESTRICTABLE_FIELDS.find((r) => r.key === f)!.label).join(', ') || 'none';
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'restriction',
			entityId: partnershipId,
			action: 'changed',
			before: { restricted: words(before) },
			after: { restricted: words(after) },
			summary: `Restricted fields: ${words(after)}`
		});
	});
	return restrictedFields(db, partnershipId);
}

/** What someone holding `role` does not see: nothing for editors and above, else the restricted fields and what is made from them. */
export async function withheldFor(db: Db, partnershipId: string, role: Role | null): Promise<Withheld> {
	return can(role, 'edit') ? NOTHING_WITHHELD : new Withheld(withheldFields(await restrictedFields(db, partnershipId)));
}

/** The fields a response leaves out, and how a cached response is told apart from the full one. */
export class Withheld {
	readonly fields: readonly WithheldField[];
	constructor(fields: readonly WithheldField[]) {
		this.fields = fields;
	}
	has(field: string): boolean {
		return (this.fields as readonly string[]).includes(field);
	}
	get none(): boolean {
		return this.fields.length === 0;
	}
	/** Added to cache keys and ETags: empty for the full values, else names what is withheld. */
	get variant(): string {
		return this.none ? '' : `without ${this.fields.join(',')}`;
	}
	/** `name` for a cache holding a response with these fields withheld. */
	cacheName(name: string): string {
		return this.none ? name : `${name} (${this.variant})`;
	}
}

export const NOTHING_WITHHELD = new Withheld([]);

/**
 * `row` with each withheld field set to null, its provenance dropped (an estimate's method or a
 * source's words can give the value away) and any source attribute repeating it removed, and
 * `restrictedFields` naming the fields, so a page shows "restricted".
 */
export function withholdFields<T extends { provenance?: Provenance; attributes?: Record<string, unknown> }>(row: T, withheld: Withheld): T & { restrictedFields: WithheldField[] } {
	const present = withheld.fields.filter((f) => f in row);
	if (present.length === 0) return { ...row, restrictedFields: [] };
	const copy: Record<string, unknown> = { ...row, restrictedFields: present };
	for (const field of present) copy[field] = null;
	if (row.provenance) copy.provenance = Object.fromEntries(Object.entries(row.provenance).filter(([key]) => !withheld.has(key)));
	const attributes = new Set(restrictedAttributes(withheld.fields));
	if (row.attributes) copy.attributes = Object.fromEntries(Object.entries(row.attributes).filter(([key]) => !attributes.has(key)));
	return copy as T & { restrictedFields: WithheldField[] };
}

/** The per-building values of the engine's input that can be withheld; the appraisal reads all three. */
const ENGINE_SITE_FIELDS = ['annualRunningCostGbp', 'tenure', 'leaseEnd'] as const satisfies readonly (WithheldField & keyof SiteInput)[];

/** Whether the engine input a reader gets lacks a value the appraisal reads (running cost, tenure, lease end). */
export function moneyRestricted(withheld: Withheld): boolean {
	return ENGINE_SITE_FIELDS.some((field) => withheld.has(field));
}

/**
 * Engine input with the withheld per-building values left out (null), for a viewer's browser. The
 * engine stays as it is; the workspace takes a viewer's money figures from the server instead
 * (see scenarios/[id]), so only access, footfall and fit are computed from this in the browser.
 */
export function withholdEngineData(data: EngineData, withheld: Withheld): EngineData {
	if (withheld.none) return data;
	const fields = ENGINE_SITE_FIELDS.filter((field) => withheld.has(field));
	const sites: SiteInput[] = data.sites.map((s) => ({ ...s, ...Object.fromEntries(fields.map((field) => [field, null])) }));
	return { ...data, sites };
}

/**
 * A decision record's snapshot without the withheld per-building values in the estate it froze.
 * Its outputs (the comparison and the report) hold only partnership-level figures and stay whole.
 */
export function withholdDecisionSnapshot(snapshot: DecisionSnapshot, withheld: Withheld): DecisionSnapshot {
	if (withheld.none) return snapshot;
	const estate = snapshot.inputs.estate;
	return { ...snapshot, inputs: { ...snapshot.inputs, estate: { ...estate, data: withholdEngineData(estate.data, withheld) } } };
}
