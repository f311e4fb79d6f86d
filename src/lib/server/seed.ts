/**
 * Loads the Trafford open-data pack into an empty database: partnership, partners, service
 * catalogue, buildings with their estate facts (recorded or estimated, each with provenance), zones
 * and basemap context. Idempotent: a database that already holds the partnership is left as it is,
 * so running `npm start` again never duplicates or overwrites anyone's data.
 */
import { eq } from 'drizzle-orm';
import type { Db } from './db';
import * as t from './db/schema';
import type { Provenance } from '../provenance';
import { ORGANISATIONS, SERVICES, organisationFor, serviceForKind } from './catalogue';
import {
	estimateFacilitiesCost,
	estimateFloorArea,
	estimateWeeklyVisits,
	zonePopulation
} from './estimates';
import { readPack, TRAFFORD_PACK_DIR, type Pack, type PackSite, type PackZone } from './pack';

export const DEMO_PARTNERSHIP_ID = 'trafford';

/** Seed the demo partnership unless it is already there; returns a one-line report. */
export function ensureDemoData(db: Db, packDir: string = TRAFFORD_PACK_DIR): string {
	const existing = db.select().from(t.partnership).where(eq(t.partnership.id, DEMO_PARTNERSHIP_ID)).get();
	if (existing) return `database ready (partnership "${existing.name}" already loaded)`;
	const pack = readPack(packDir);
	db.transaction((tx) => seedPack(tx as unknown as Db, pack));
	return `loaded the Trafford open-data pack: ${pack.sites.length} sites, ${pack.zones.length} zones, ${pack.context.size} context layers`;
}

function seedPack(db: Db, pack: Pack): void {
	const boundary = pack.context.get('boundary')?.features[0]?.geometry ?? null;
	db.insert(t.partnership)
		.values({
			id: DEMO_PARTNERSHIP_ID,
			name: 'Trafford public estate partnership (demo)',
			areaCode: 'E08000009',
			boundary,
			bbox: bboxOf(boundary ? [boundary] : pack.zones.map((z) => z.geometry)),
			seededFrom: 'data/trafford'
		})
		.run();
	db.insert(t.organisation)
		.values(ORGANISATIONS.map((o) => ({ ...o, partnershipId: DEMO_PARTNERSHIP_ID })))
		.run();
	db.insert(t.service).values(SERVICES).onConflictDoNothing().run();

	db.insert(t.zone).values(pack.zones.map(zoneRow)).run();

	const visits = estimateWeeklyVisits(pack.sites, pack.zones);
	for (const site of pack.sites) insertSite(db, pack, site, visits.get(site.properties.id));

	for (const [name, geojson] of pack.context) {
		db.insert(t.contextLayer)
			.values({ partnershipId: DEMO_PARTNERSHIP_ID, name, geojson, source: geojson.name as string | undefined })
			.run();
	}
}

function zoneRow(zone: PackZone): typeof t.zone.$inferInsert {
	const p = zone.properties;
	const mye = p.mye24_pop_total !== undefined;
	const {
		code, name, lad_code, lad_name, area_ha, centroid,
		ward23_code, ward23_name, ward22_code, ward22_name, ...rest
	} = p;
	return {
		partnershipId: DEMO_PARTNERSHIP_ID,
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
		attributes: rest
	};
}

const SITE_FIELDS_STORED_AS_COLUMNS = new Set([
	'id', 'name', 'kind', 'operator', 'address', 'postcode', 'lsoa21cd', 'source', 'as_of'
]);

function insertSite(
	db: Db,
	pack: Pack,
	site: PackSite,
	visits: { value: number; provenance: Provenance[string] } | undefined
): void {
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
	const row = db
		.insert(t.site)
		.values({
			partnershipId: DEMO_PARTNERSHIP_ID,
			ref: p.id,
			name: p.name,
			kind: p.kind,
			operatorName: p.operator ?? null,
			organisationId: organisationFor(p.kind, p.operator),
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
		})
		.returning({ id: t.site.id })
		.get();
	const serviceCode = serviceForKind(p.kind);
	if (!serviceCode) return;
	const serviceProvenance: Provenance = {};
	if (visits) serviceProvenance.visitsPerWeek = visits.provenance;
	if (area) {
		serviceProvenance.spaceM2 = {
			basis: 'estimated',
			method: 'the whole floor area of its building (one service per building in the pack)'
		};
	}
	db.insert(t.siteService)
		.values({
			partnershipId: DEMO_PARTNERSHIP_ID,
			siteId: row.id,
			serviceCode,
			visitsPerWeek: visits?.value ?? null,
			spaceM2: area?.value ?? null,
			provenance: serviceProvenance
		})
		.run();
}

function tenureFrom(text: string | undefined): t.Tenure | null {
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
