/**
 * Sites import: buildings by their stable `ref`, with estate facts. New sites are added, existing
 * ones get the fields the file gives (an empty cell keeps the stored value), and sites the file
 * does not mention are deleted only when the user asks.
 */
import { t } from '../../db';
import type { Actor } from '../../auth/actor';
import { and, asc, eq, inArray } from 'drizzle-orm';
import * as estateWrites from '../../estate-writes';
import { SERVICES, organisationFor } from '../../catalogue';
import { SITE_FIELDS } from '../fields';
import { keyedDiff, type Existing, type FieldValue, type ImportDiff } from '../diff';
import { duplicateProblems, problemFor, type ImportContext, type KindHandler, type ParsedRecord } from '../records';
import { InvalidImportError, type ImportProblem } from '../problems';
import * as partners from '../../partners';
import { applyDistinctNames } from '../../site-names';
import { UK_EXPECTED } from '../../../parse';
import { coordinateProblem } from './geo';
import { gridToWgs84 } from '../osgb';
import { problemAt } from '../problems';
import { addedProvenance, changedFields } from './recorded';
import { zoneLocator } from './zone-lookup';

/** Grid references are turned into lon/lat during the check and are not stored. */
const GRID_KEYS = ['easting', 'northing'];
const FIELD_KEYS = SITE_FIELDS.map((f) => f.key).filter((k) => k !== 'ref' && !GRID_KEYS.includes(k));
const FACT_KEYS = SITE_FIELDS.filter((f) => f.fact).map((f) => f.key);

/** Kinds a site may have: those the service catalogue knows, plus any already in the database. */
export async function knownSiteKinds(ctx: ImportContext): Promise<string[]> {
	const stored = (await ctx.db.selectDistinct({ kind: t.site.kind }).from(t.site).where(eq(t.site.partnershipId, ctx.partnershipId))).map((r) => r.kind);
	const catalogue = SERVICES.map((s) => s.defaultForKind).filter((k): k is string => k !== null);
	return [...new Set([...catalogue, ...stored])].sort();
}

async function organisations(ctx: ImportContext) {
	return ctx.db.select().from(t.organisation).where(eq(t.organisation.partnershipId, ctx.partnershipId)).orderBy(asc(t.organisation.id));
}

const POSITION_EXPECTED = 'a position: longitude and latitude, or easting and northing';

async function check(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportProblem[]> {
	const kinds = new Set(await knownSiteKinds(ctx));
	const orgs = await organisations(ctx);
	const problems = duplicateProblems(ctx, records, (r) => r.values.ref as string | null, 'ref', 'site ref');
	const mapped = (key: string) => (ctx.mapping[key] ?? null) !== null;
	const columns = mapped('lon') && mapped('lat') ? 'lonlat' : mapped('easting') && mapped('northing') ? 'grid' : null;
	if (!columns) {
		const expected = 'columns for longitude and latitude (WGS84), or easting and northing (British National Grid)';
		problems.push(problemAt(ctx.table.fileName, 1, 'lon', null, 'no columns are mapped to the coordinates', expected));
	}
	for (const r of records) {
		const v = r.values;
		const position = columns && placeSite(ctx, r, columns);
		if (position) problems.push(position);
		if (typeof v.kind === 'string' && !kinds.has(v.kind)) {
			problems.push(problemFor(ctx, r, 'kind', 'unknown kind', `one of ${[...kinds].join(', ')}`));
		}
		// A partner Hubplan does not know is not a problem: the review step offers to add it.
		const org = partnerNamed(orgs, v.organisationId);
		if (org) v.organisationId = org.id;
	}
	return problems;
}

type Partner = Awaited<ReturnType<typeof organisations>>[number];

/** The partner a cell names by id or by name (any case), or undefined. */
function partnerNamed(orgs: Partner[], cell: unknown): Partner | undefined {
	if (typeof cell !== 'string') return undefined;
	const name = cell.trim().toLowerCase();
	return orgs.find((o) => o.id === cell || o.name.toLowerCase() === name);
}

/** Partner names in the file that match no partner, each once, as first written. */
async function newPartnerNames(ctx: ImportContext, records: ParsedRecord[]): Promise<string[]> {
	const orgs = await organisations(ctx);
	const names = new Map<string, string>();
	for (const r of records) {
		const cell = r.values.organisationId;
		const key = typeof cell === 'string' ? cell.trim().toLowerCase() : '';
		if (key && !names.has(key) && !partnerNamed(orgs, cell)) names.set(key, (cell as string).trim());
	}
	return [...names.values()];
}

/**
 * Adds the new partners the user agreed to (kind "other", to be set on the Partners page) and
 * points the records at them; without that agreement the import is refused, naming each row.
 */
async function addNewPartners(ctx: ImportContext & { actor: Actor }, records: ParsedRecord[]): Promise<void> {
	const names = await newPartnerNames(ctx, records);
	if (names.length === 0) return;
	const known = await organisations(ctx);
	const unknown = records.filter((r) => typeof r.values.organisationId === 'string' && !partnerNamed(known, r.values.organisationId));
	if (!ctx.options.createPartners) {
		throw new InvalidImportError(
			unknown.map((r) =>
				problemFor(ctx, r, 'organisationId', 'unknown partner organisation', 'a partner Hubplan knows, or agree to add the new partners in the review step (CLI: --create-partners)')
			)
		);
	}
	for (const name of names) await partners.add(ctx.db, ctx.actor, ctx.partnershipId, { name, kind: 'other' });
	const orgs = await organisations(ctx);
	for (const r of unknown) r.values.organisationId = partnerNamed(orgs, r.values.organisationId)!.id;
}

/** Fills lon/lat from a grid reference where the file gives one; returns what is wrong with the position. */
function placeSite(ctx: ImportContext, r: ParsedRecord, columns: 'lonlat' | 'grid'): ImportProblem | null {
	const v = r.values;
	if ((v.lon === null || v.lat === null) && typeof v.easting === 'number' && typeof v.northing === 'number') {
		[v.lon, v.lat] = gridToWgs84(v.easting, v.northing);
	}
	if (v.lon === null || v.lat === null) {
		const key = columns === 'lonlat' ? (v.lon === null ? 'lon' : 'lat') : v.easting === null ? 'easting' : 'northing';
		// A cell that failed to parse has its own problem already.
		return r.invalid.has(key) ? null : problemFor(ctx, r, key, 'is empty', POSITION_EXPECTED);
	}
	const wrong = coordinateProblem(v.lon as number, v.lat as number);
	return wrong ? problemFor(ctx, r, wrong.field, wrong.problem, UK_EXPECTED) : null;
}

async function stored(ctx: ImportContext) {
	return ctx.db.select().from(t.site).where(eq(t.site.partnershipId, ctx.partnershipId)).orderBy(asc(t.site.id));
}

async function diff(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportDiff> {
	const rows = await stored(ctx);
	const existing = new Map<string, Existing>(rows.map((s) => [s.ref, { label: s.name, values: s as unknown as Record<string, FieldValue> }]));
	const sourceNames = new Map(rows.filter((s) => s.provenance.name?.basis === 'derived').map((s) => [s.ref, s.attributes.name_in_source]));
	const incoming = records.map((r) => {
		const values = Object.fromEntries(FIELD_KEYS.map((k) => [k, r.values[k]]));
		// The source's shared name ("Post Office") for a building Hubplan gave a display name is no change.
		if (values.name !== null && values.name === sourceNames.get(r.values.ref as string)) values.name = null;
		return { id: r.values.ref as string, label: (r.values.name as string | null) ?? (r.values.ref as string), values };
	});
	const newPartners = await newPartnerNames(ctx, records);
	return { ...keyedDiff(existing, incoming, ctx.options.removeMissing ?? false), ...(newPartners.length && { newPartners }) };
}

async function commit(ctx: ImportContext & { actor: Actor }, records: ParsedRecord[]): Promise<ImportDiff> {
	await addNewPartners(ctx, records);
	const plan = await diff(ctx, records);
	const byRef = new Map(records.map((r) => [r.values.ref as string, r]));
	const rows = new Map((await stored(ctx)).map((s) => [s.ref, s]));
	const orgIds = new Set((await organisations(ctx)).map((o) => o.id));
	const asOf = ctx.source.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? null;
	const zoneAt = await zoneLocator(ctx.db, ctx.partnershipId);

	await estateWrites.insertSites(
		ctx.db,
		plan.added.map(({ id }) => {
			const v = byRef.get(id)!.values;
			const guessedOrg = organisationFor(v.kind as string, (v.operatorName as string | null) ?? undefined);
			return {
				...(Object.fromEntries(FIELD_KEYS.map((k) => [k, v[k]])) as Partial<estateWrites.SiteInsert>),
				partnershipId: ctx.partnershipId,
				ref: id,
				name: v.name as string,
				kind: v.kind as string,
				lon: v.lon as number,
				lat: v.lat as number,
				lsoaCode: zoneAt(v.lon as number, v.lat as number),
				organisationId: (v.organisationId as string | null) ?? (guessedOrg && orgIds.has(guessedOrg) ? guessedOrg : null),
				source: ctx.fileName,
				asOf,
				provenance: addedProvenance(ctx, v, FACT_KEYS),
				attributes: byRef.get(id)!.extras
			};
		})
	);
	for (const entry of plan.changed) {
		const row = rows.get(entry.id)!;
		const { set, provenance } = changedFields(ctx, entry, row.provenance, FACT_KEYS);
		// A name from the file is the building's own, no longer one Hubplan derived.
		if ('name' in set) delete provenance.name;
		if ('lon' in set || 'lat' in set) {
			const moved = { lon: row.lon, lat: row.lat, ...set } as { lon: number; lat: number };
			set.lsoaCode = zoneAt(moved.lon, moved.lat);
		}
		await estateWrites.updateSite(ctx.db, row.id, { ...set, provenance, updatedAt: new Date().toISOString() });
	}
	if (plan.removeMissing) await estateWrites.deleteSites(ctx.db, ctx.partnershipId, plan.removed.map((r) => r.id));
	// The file may name a building as another is named: tell them apart as the pack's are.
	await applyDistinctNames(ctx.db, ctx.partnershipId);
	return plan;
}

export const sitesImport: KindHandler = { fields: SITE_FIELDS, check, diff, commit };
