/**
 * Names a person can tell apart. The pack names 27 Trafford post offices just "Post Office" (OS
 * records no name) and several pharmacies, fire stations and schools share a name, so tables,
 * pickers, search and reports showed identical rows. Every building whose name is shared gets a
 * derived display name: its name, the place it is in and its postcode, e.g. "Post Office, Stretford
 * (M32 0AB)". The place is the ONS built-up area (2024) containing the building where the pack has
 * that layer, else the ward of its LSOA; the postcode is the recorded one, else the pack's nearest
 * ONSPD postcode. Where even that is shared, the building's ref is added. The name the source gave
 * is kept in the attributes (`name_in_source`), and `provenance.name` says how the name was made.
 *
 * Safe to run again: once names are distinct there is nothing to do, so `npm start` runs it on
 * every start to bring older databases up to date.
 */
import { booleanPointInPolygon } from '@turf/turf';
import { and, asc, eq } from 'drizzle-orm';
import { t, transaction, type Db } from './db';
import { renewEstateVersion } from './estate';
import * as estateWrites from './estate-writes';
import type { FactProvenance } from '../provenance';

export interface NameableSite {
	ref: string;
	name: string;
	/** Built-up area or ward the building is in, or null. */
	place: string | null;
	/** Recorded postcode, else the nearest one, or null. */
	postcode: string | null;
}

/**
 * Display names for the sites whose name is shared (ignoring case and spaces), by ref. Sites with a
 * name of their own are left out. Every name in the result, and every name left as it was, is
 * different from every other.
 */
export function distinctNames(sites: NameableSite[]): Map<string, string> {
	const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
	const groups = new Map<string, NameableSite[]>();
	for (const s of sites) groups.set(key(s.name), [...(groups.get(key(s.name)) ?? []), s]);
	const shared = [...groups.values()].filter((g) => g.length > 1).flat();
	if (shared.length === 0) return new Map();

	const withPlace = new Map(shared.map((s) => [s.ref, qualified(s)]));
	// A qualified name is taken when another shared site gets it too, or a building already has it.
	const count = new Map<string, number>();
	for (const name of withPlace.values()) count.set(key(name), (count.get(key(name)) ?? 0) + 1);
	const result = new Map<string, string>();
	for (const s of shared) {
		const name = withPlace.get(s.ref)!;
		// Nothing to qualify it with leaves the shared name itself, which groups has.
		const clash = count.get(key(name))! > 1 || groups.has(key(name));
		result.set(s.ref, clash ? `${name} [${s.ref}]` : name);
	}
	return result;
}

function qualified(s: NameableSite): string {
	const place = s.place ? `, ${s.place}` : '';
	const postcode = s.postcode ? ` (${s.postcode})` : '';
	return `${s.name.trim()}${place}${postcode}`;
}

const METHOD =
	'derived, because other buildings share its name in the source: the name, the built-up area (ONS 2024) or ward it is in, and its postcode (or the nearest postcode)';

/**
 * Gives every building of the partnership whose name is shared its derived display name, in one
 * transaction; returns how many were renamed.
 */
export async function applyDistinctNames(db: Db, partnershipId: string): Promise<number> {
	return transaction(db, async (tx) => {
		const sites = await tx.select().from(t.site).where(eq(t.site.partnershipId, partnershipId)).orderBy(asc(t.site.id));
		const placeOf = await placeFinder(tx, partnershipId);
		const names = distinctNames(
			sites.map((s) => ({
				ref: s.ref,
				name: s.name,
				place: placeOf(s),
				postcode: s.postcode ?? stringOrNull(s.attributes.nearest_postcode)
			}))
		);
		const derived: FactProvenance = { basis: 'derived', method: METHOD };
		for (const s of sites) {
			const name = names.get(s.ref);
			if (!name) continue;
			await estateWrites.updateSite(tx, s.id, {
				name,
				provenance: { ...s.provenance, name: derived },
				attributes: { ...s.attributes, name_in_source: s.attributes.name_in_source ?? s.name }
			});
		}
		if (names.size) await renewEstateVersion(tx, partnershipId);
		return names.size;
	});
}

type SiteRow = typeof t.site.$inferSelect;

/** The built-up area containing a building (smallest first, without "(Trafford)"), else its ward. */
async function placeFinder(db: Db, partnershipId: string): Promise<(site: SiteRow) => string | null> {
	const [layer] = await db
		.select()
		.from(t.contextLayer)
		.where(and(eq(t.contextLayer.partnershipId, partnershipId), eq(t.contextLayer.name, 'built_up_areas')));
	const areas = (layer?.geojson.features ?? [])
		.filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
		.map((f) => ({
			name: String(f.properties?.bua24_name ?? '').replace(/\s*\([^)]*\)$/, ''),
			areaHa: Number(f.properties?.area_ha ?? Infinity),
			geometry: f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon
		}))
		.filter((a) => a.name)
		.sort((a, b) => a.areaHa - b.areaHa);
	const wards = new Map(
		(await db.select({ code: t.zone.code, ward: t.zone.wardName }).from(t.zone).where(eq(t.zone.partnershipId, partnershipId))).map((z) => [
			z.code,
			z.ward
		])
	);
	return (site) =>
		areas.find((a) => booleanPointInPolygon([site.lon, site.lat], a.geometry))?.name ??
		(site.lsoaCode ? (wards.get(site.lsoaCode) ?? null) : null);
}

function stringOrNull(value: unknown): string | null {
	return typeof value === 'string' && value.trim() ? value.trim() : null;
}
