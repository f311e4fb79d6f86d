/**
 * Loads the Trafford open-data pack into an empty database: partnership, partners, service
 * catalogue, buildings with their estate facts (recorded or estimated, each with provenance), zones
 * and basemap context; buildings that share a name get distinct display names (site-names.ts).
 * Idempotent: a database that already holds the partnership keeps its data, so running `npm start`
 * again never duplicates or overwrites anyone's data; it only gets the upgrades it lacks.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { exclusively, t, transaction, type Db } from './db';
import type { Tenure } from './db/schema';
import { renewEstateVersion } from './estate';
import * as estateWrites from './estate-writes';
import type { Provenance } from '../provenance';
import { ORGANISATIONS, SERVICES, organisationFor, serviceForKind, staffServicesForKind } from './catalogue';
import {
	estimateFacilitiesCost,
	estimateFloorArea,
	estimateLibrarySpace,
	estimateWeeklyVisits,
	zonePopulation,
	type Estimate
} from './estimates';
import { applyDistinctNames } from './site-names';
import { ensureExamples } from './examples';
import type { Actor } from './auth/actor';
import * as audit from './audit/log';
import { readEquality, readPack, TRAFFORD_PACK_DIR, type Pack, type PackSite, type PackZone } from './pack';

export const DEMO_PARTNERSHIP_ID = 'trafford';

/** Which partnership a pack becomes. */
export interface PackPartnership {
	id: string;
	name: string;
	areaCode: string | null;
}

const DEMO: PackPartnership = {
	id: DEMO_PARTNERSHIP_ID,
	name: 'Trafford public estate partnership (demo)',
	areaCode: 'E08000009'
};

/** Seed the demo partnership unless it is already there; returns a one-line report. */
export async function ensureDemoData(db: Db, actor: Actor, packDir: string = TRAFFORD_PACK_DIR): Promise<string> {
	const [existing] = await db.select().from(t.partnership).where(eq(t.partnership.id, DEMO_PARTNERSHIP_ID));
	if (existing) {
		// Upgrades for databases made by older versions; each does nothing once done.
		const filled = await ensureEqualityData(db, packDir, DEMO_PARTNERSHIP_ID);
		const renamed = await applyDistinctNames(db, DEMO_PARTNERSHIP_ID);
		const upgrades = [
			filled ? `added Census equality counts to ${filled} zones` : '',
			renamed ? `${renamed} buildings given names they no longer share` : ''
		].filter(Boolean);
		if (upgrades.length) {
			await transaction(db, (tx) =>
				audit.record(tx, actor, DEMO_PARTNERSHIP_ID, { entityKind: 'seed', entityId: existing.seededFrom ?? 'pack', action: 'changed', summary: `Data pack upgraded: ${upgrades.join('; ')}` })
			);
		}
		return `database ready (partnership "${existing.name}" already loaded${upgrades.map((u) => `; ${u}`).join('')})`;
	}
	const pack = await seedPack(db, actor, packDir, DEMO);
	return `loaded the Trafford open-data pack: ${pack.sites.length} sites, ${pack.zones.length} zones, ${pack.context.size} context layers`;
}

/** A lock number for first-start seeding (db/index.ts's migration lock is the one before it). */
const SEED_LOCK = 1_452_700_915;

/**
 * What `npm start`, `hubplan seed` and the CLI run: the demo data as above, then the worked example
 * scenarios, once (examples.ts). App servers starting together on one database take turns, so only
 * the first seeds. Tests that need a bare estate call ensureDemoData alone.
 */
export async function ensureDemoWithExamples(db: Db, actor: Actor, packDir: string = TRAFFORD_PACK_DIR): Promise<string> {
	return exclusively(db, SEED_LOCK, async () => {
		const report = await ensureDemoData(db, actor, packDir);
		const added = await ensureExamples(db, actor, DEMO_PARTNERSHIP_ID);
		return added ? `${report}; added ${added} worked example scenarios` : report;
	});
}

/**
 * Load one area of the pack as a partnership, in one transaction. The CLI also uses this to
 * evaluate a pack folder (e.g. data/greater-manchester) in an in-memory database, so a folder and
 * the app's database give the same engine input.
 */
export async function seedPack(db: Db, actor: Actor, packDir: string, partnership: PackPartnership): Promise<Pack> {
	const pack = readPack(packDir);
	await transaction(db, async (tx) => {
		await insertPack(tx, pack, partnership);
		const renamed = await applyDistinctNames(tx, partnership.id);
		const from = path.relative(process.cwd(), pack.dir) || pack.dir;
		await audit.record(tx, actor, partnership.id, {
			entityKind: 'seed',
			entityId: from,
			action: 'seeded',
			after: { sites: pack.sites.length, zones: pack.zones.length, contextLayers: pack.context.size, renamedBuildings: renamed },
			summary: `Data pack ${from} loaded as "${partnership.name}": ${pack.sites.length} buildings, ${pack.zones.length} zones, ${pack.context.size} map layers`
		});
	});
	return pack;
}

/**
 * Give a database seeded before the equality data existed the pack's Census equality counts: each
 * zone still without them gets its row of zones_equality.csv, and the MSOAs their counts. Changes
 * nothing once done (safe to run again); returns how many zones it filled.
 */
export async function ensureEqualityData(db: Db, packDir: string, partnershipId: string): Promise<number> {
	const missing = await db
		.select({ id: t.zone.id, code: t.zone.code })
		.from(t.zone)
		.where(and(eq(t.zone.partnershipId, partnershipId), isNull(t.zone.equality)));
	if (missing.length === 0) return 0;
	const pack = readEquality(packDir);
	let filled = 0;
	await transaction(db, async (tx) => {
		await insertAreas(tx, pack, partnershipId);
		for (const { id, code } of missing) {
			const row = pack.zoneEquality.get(code);
			if (!row) continue;
			await estateWrites.updateZone(tx, id, { areaCode: row.areaCode, equality: row.equality });
			filled++;
		}
		await renewEstateVersion(tx, partnershipId);
	});
	return filled;
}

async function insertAreas(db: Db, pack: Pick<Pack, 'areas'>, partnershipId: string): Promise<void> {
	for (const area of pack.areas) await db.insert(t.area).values({ ...area, partnershipId }).onConflictDoNothing();
}

async function insertPack(db: Db, pack: Pack, partnership: PackPartnership): Promise<void> {
	const partnershipId = partnership.id;
	const boundary = pack.context.get('boundary')?.features[0]?.geometry ?? null;
	await db.insert(t.partnership)
		.values({
			...partnership,
			boundary,
			bbox: bboxOf(boundary ? [boundary] : pack.zones.map((z) => z.geometry)),
			seededFrom: path.relative(process.cwd(), pack.dir) || pack.dir,
			estateVersion: randomUUID()
		});
	await db.insert(t.organisation)
		.values(ORGANISATIONS.map((o) => ({ ...o, id: organisationId(partnershipId, o.id), partnershipId })));
	await db.insert(t.service).values(SERVICES).onConflictDoNothing();

	await estateWrites.insertZones(db, pack.zones.map((zone) => zoneRow(zone, partnershipId, pack)));
	await insertAreas(db, pack, partnershipId);

	const visits = estimateWeeklyVisits(pack.sites, pack.zones);
	const space = estimateLibrarySpace(pack.sites, pack.zones);
	const siteIds = await estateWrites.insertSites(db, pack.sites.map((site) => siteRow(pack, partnershipId, site)));
	await estateWrites.insertSiteServices(
		db,
		pack.sites.flatMap((site) => {
			const ref = site.properties.id;
			return siteServiceRows(partnershipId, siteIds.get(ref)!, site, visits.get(ref), space.get(ref));
		})
	);

	for (const [name, geojson] of pack.context) {
		await db.insert(t.contextLayer)
			.values({ partnershipId, name, geojson, source: (geojson as { name?: string }).name });
	}
}

function zoneRow(zone: PackZone, partnershipId: string, pack: Pack): estateWrites.ZoneInsert {
	const p = zone.properties;
	const equality = pack.zoneEquality.get(p.code);
	const mye = p.mye24_pop_total !== undefined;
	const {
		code, name, lad_code, lad_name, area_ha, centroid,
		ward23_code, ward23_name, ward22_code, ward22_name, ...rest
	} = p;
	return {
		partnershipId,
		code,
		name,
		ladCode: lad_code,
		ladName: lad_name,
		wardCode: ward23_code ?? ward22_code,
		wardName: ward23_name ?? ward22_name,
		areaHa: area_ha,
		geometry: zone.geometry,
		centroidLon: centroid[0],
		centroidLat: centroid[1],
		populationSource: mye ? 'ONS mid-2024 population estimates' : 'Census 2021 usual residents',
		popTotal: zonePopulation(zone),
		popChildren: mye ? p.mye24_pop_0_15 : p.c21_pop_0_14,
		popWorkingAge: mye ? p.mye24_pop_16_64 : p.c21_pop_15_64,
		pop65Plus: mye ? p.mye24_pop_65_plus : p.c21_pop_65_plus,
		pop75Plus: mye ? p.mye24_pop_75_plus : p.c21_pop_75_plus,
		pop85Plus: mye ? p.mye24_pop_85_plus : p.c21_pop_85_plus,
		imdScore: p.imd25_score,
		imdRank: p.imd25_rank,
		imdDecile: p.imd25_decile,
		disabled: p.c21_disabled_ea,
		pctDisabled: p.c21_pct_disabled_ea,
		badHealth: p.c21_bad_health,
		pctBadHealth: p.c21_pct_bad_health,
		households: p.c21_households,
		householdsNoCar: p.c21_hh_no_car,
		pctHouseholdsNoCar: p.c21_pct_hh_no_car,
		areaCode: equality?.areaCode ?? null,
		equality: equality?.equality ?? null,
		attributes: rest
	};
}

const SITE_FIELDS_STORED_AS_COLUMNS = new Set([
	'id', 'name', 'kind', 'operator', 'address', 'postcode', 'lsoa21cd', 'source', 'as_of'
]);

function siteRow(pack: Pack, partnershipId: string, site: PackSite): estateWrites.SiteInsert {
	const p = site.properties;
	const provenance: Provenance = {};
	const area = estimateFloorArea(site);
	let facilities: number | null = null;
	if (area) {
		provenance.giaM2 = area.provenance;
		const cost = estimateFacilitiesCost(area.value, area.provenance);
		facilities = cost.value;
		provenance.facilitiesGbpPerYear = cost.provenance;
	}
	const tenure = tenureFrom(p.council_asset_tenure);
	if (tenure) provenance.tenure = { basis: 'recorded', source: `Trafford Council asset register: "${p.council_asset_tenure}"` };
	const attributes = Object.fromEntries(
		Object.entries(p).filter(([key]) => !SITE_FIELDS_STORED_AS_COLUMNS.has(key))
	);
	const [lon, lat] = site.geometry.coordinates;
	return {
		partnershipId,
		ref: p.id,
		name: p.name,
		kind: p.kind,
		operatorName: p.operator ?? null,
		organisationId: orgOrNull(partnershipId, organisationFor(p.kind, p.operator)),
		address: p.address ?? null,
		postcode: p.postcode ?? null,
		lon,
		lat,
		footprint: pack.footprints.get(p.id) ?? null,
		lsoaCode: p.lsoa21cd ?? null,
		source: p.source,
		asOf: p.as_of ?? null,
		giaM2: area?.value ?? null,
		facilitiesGbpPerYear: facilities,
		tenure,
		provenance,
		attributes
	};
}

/** The services a pack building runs: its kind's own service (with estimated demand) and the staff ones. */
function siteServiceRows(
	partnershipId: string,
	siteId: number,
	site: PackSite,
	visits: Estimate | undefined,
	space: Estimate | undefined
): estateWrites.SiteServiceInsert[] {
	const serviceCode = serviceForKind(site.properties.kind);
	if (!serviceCode) return [];
	const serviceProvenance: Provenance = {};
	if (visits) serviceProvenance.visitsPerWeek = visits.provenance;
	// A service's space is what it needs, never its building's floor area: a published standard
	// where there is one (libraries), else the engine's norms at evaluation.
	if (space) serviceProvenance.spaceM2 = space.provenance;
	return [
		{
			partnershipId,
			siteId,
			serviceCode,
			visitsPerWeek: visits?.value ?? null,
			spaceM2: space?.value ?? null,
			provenance: serviceProvenance
		},
		...staffServicesForKind(site.properties.kind).map((staff) => ({ partnershipId, siteId, serviceCode: staff, provenance: {} }))
	];
}

/**
 * Organisation ids are global primary keys; the demo keeps the catalogue's short ids and other
 * partnerships prefix theirs, so two packs can share one database.
 */
function organisationId(partnershipId: string, id: string): string {
	return partnershipId === DEMO_PARTNERSHIP_ID ? id : `${partnershipId}:${id}`;
}

function orgOrNull(partnershipId: string, id: string | null): string | null {
	return id === null ? null : organisationId(partnershipId, id);
}

function tenureFrom(text: string | undefined): Tenure | null {
	if (!text) return null;
	if (/^freehold|owner occupied/i.test(text)) return 'freehold';
	if (/leasehold in|leased in/i.test(text)) return 'leasehold';
	return 'other';
}

function bboxOf(geometries: GeoJSON.Geometry[]): [number, number, number, number] {
	const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
	const visit = (c: unknown): void => {
		if (typeof (c as number[])[0] === 'number') {
			const [x, y] = c as number[];
			box[0] = Math.min(box[0], x);
			box[1] = Math.min(box[1], y);
			box[2] = Math.max(box[2], x);
			box[3] = Math.max(box[3], y);
		} else (c as unknown[]).forEach(visit);
	};
	for (const g of geometries) if ('coordinates' in g) visit(g.coordinates);
	return box;
}
