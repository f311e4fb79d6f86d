/**
 * Reads the shipped open-data pack (data/<area>/, see data/README.md) into typed records. The pack is
 * GeoJSON in WGS84; property names are the pack's own, documented in its README.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface PackZoneProperties {
	code: string;
	name: string;
	lad_code?: string;
	lad_name?: string;
	area_ha: number;
	/** ONS population-weighted centroid [lon, lat]. */
	centroid: [number, number];
	ward23_code?: string;
	ward23_name?: string;
	ward22_code?: string;
	ward22_name?: string;
	mye24_pop_total?: number;
	mye24_pop_0_15?: number;
	mye24_pop_16_64?: number;
	mye24_pop_65_plus?: number;
	mye24_pop_75_plus?: number;
	mye24_pop_85_plus?: number;
	c21_pop_total: number;
	c21_pop_0_14?: number;
	c21_pop_15_64?: number;
	c21_pop_65_plus?: number;
	c21_pop_75_plus?: number;
	c21_pop_85_plus?: number;
	c21_disabled_ea?: number;
	c21_pct_disabled_ea?: number;
	c21_bad_health?: number;
	c21_pct_bad_health?: number;
	c21_households?: number;
	c21_hh_no_car?: number;
	c21_pct_hh_no_car?: number;
	imd25_score?: number;
	imd25_rank?: number;
	imd25_decile?: number;
	[key: string]: unknown;
}

export interface PackSiteProperties {
	id: string;
	name: string;
	kind: string;
	operator?: string;
	operator_basis?: string;
	address?: string;
	postcode?: string;
	lsoa21cd?: string;
	source: string;
	as_of?: string;
	council_asset_code?: string;
	council_asset_gia_m2?: number;
	council_asset_tenure?: string;
	footprint_m2?: number;
	outline_m2?: number;
	registered_patients?: number;
	registered_patients_as_of?: string;
	verify_note?: string;
	[key: string]: unknown;
}

export type PackZone = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, PackZoneProperties>;
export type PackSite = GeoJSON.Feature<GeoJSON.Point, PackSiteProperties>;

export interface Pack {
	dir: string;
	zones: PackZone[];
	sites: PackSite[];
	/** Building footprints / outlines keyed by site id (several polygons merge into a MultiPolygon). */
	footprints: Map<string, GeoJSON.Polygon | GeoJSON.MultiPolygon>;
	/** Basemap context layers by file name without extension (boundary, wards_2023 …). */
	context: Map<string, GeoJSON.FeatureCollection>;
	/** Census equality counts by LSOA code (zones_equality.csv), keyed as the engine's `ZoneInput.equality`. */
	zoneEquality: Map<string, PackZoneEquality>;
	/** Counts published only for MSOAs (msoa_equality.csv), keyed the same way. */
	areas: PackArea[];
}

export interface PackZoneEquality {
	areaCode: string;
	areaName: string;
	equality: Record<string, number>;
}

export interface PackArea {
	code: string;
	name: string;
	equality: Record<string, number>;
}

/**
 * Which pack column holds each equality count (data/README.md, zones_equality.csv and
 * msoa_equality.csv), by the engine's key (`characteristic.group`, `characteristic.base`).
 * A column the file lacks (White British in Greater Manchester) is simply not carried.
 */
export const ZONE_EQUALITY_COLUMNS: Record<string, string> = {
	'sex.base': 'c21_sex_base',
	'sex.female': 'c21_female',
	'sex.male': 'c21_male',
	'ethnicity.base': 'c21_eth_base',
	'ethnicity.asian': 'c21_eth_asian',
	'ethnicity.black': 'c21_eth_black',
	'ethnicity.mixed': 'c21_eth_mixed',
	'ethnicity.white': 'c21_eth_white',
	'ethnicity.whiteBritish': 'c21_eth_white_british',
	'ethnicity.other': 'c21_eth_other',
	'religion.base': 'c21_rel_base',
	'religion.christian': 'c21_rel_christian',
	'religion.buddhist': 'c21_rel_buddhist',
	'religion.hindu': 'c21_rel_hindu',
	'religion.jewish': 'c21_rel_jewish',
	'religion.muslim': 'c21_rel_muslim',
	'religion.sikh': 'c21_rel_sikh',
	'religion.other': 'c21_rel_other',
	'religion.none': 'c21_rel_none',
	'religion.notStated': 'c21_rel_not_stated',
	'english.base': 'c21_eng_base',
	'english.poor': 'c21_eng_poor',
	'carers.base': 'c21_carer_base',
	'carers.any': 'c21_carers',
	'carers.hours20': 'c21_carers_20h_plus',
	'partnership.base': 'c21_partnership_base',
	'partnership.married': 'c21_married_cp',
	'partnership.neverMarried': 'c21_never_married_cp',
	'partnership.separated': 'c21_separated',
	'partnership.divorced': 'c21_divorced_dissolved',
	'partnership.widowed': 'c21_widowed'
};

export const AREA_EQUALITY_COLUMNS: Record<string, string> = {
	'sexualOrientation.base': 'c21_so_base',
	'sexualOrientation.lgbPlus': 'c21_so_lgb_plus',
	'sexualOrientation.straight': 'c21_so_straight',
	'sexualOrientation.notAnswered': 'c21_so_not_answered',
	'genderIdentity.base': 'c21_gi_base',
	'genderIdentity.transOrDifferent': 'c21_gi_trans_or_different',
	'genderIdentity.sameAsSex': 'c21_gi_same_as_sex',
	'genderIdentity.notAnswered': 'c21_gi_not_answered'
};

/** The demo pack that `npm start` loads. */
export const TRAFFORD_PACK_DIR = path.resolve('data/trafford');

function readJson<T>(file: string): T {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch (error) {
		throw new Error(`Cannot read pack file ${file}: ${(error as Error).message}`);
	}
}

/** Read one area of the pack (zones, sites, footprints and context layers where present). */
export function readPack(dir: string): Pack {
	const zones = readJson<GeoJSON.FeatureCollection>(path.join(dir, 'zones.geojson')).features as PackZone[];
	const sites = readJson<GeoJSON.FeatureCollection>(path.join(dir, 'sites.geojson')).features as PackSite[];
	const footprints = new Map<string, GeoJSON.Polygon | GeoJSON.MultiPolygon>();
	const footprintFile = path.join(dir, 'site_footprints.geojson');
	if (fs.existsSync(footprintFile)) {
		for (const feature of readJson<GeoJSON.FeatureCollection>(footprintFile).features) {
			const siteId = String(feature.properties?.site_id ?? '');
			const geometry = feature.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
			footprints.set(siteId, mergePolygons(footprints.get(siteId), geometry));
		}
	}
	const context = new Map<string, GeoJSON.FeatureCollection>();
	const contextDir = path.join(dir, 'context');
	if (fs.existsSync(contextDir)) {
		for (const file of fs.readdirSync(contextDir).filter((f) => f.endsWith('.geojson')).sort()) {
			context.set(file.replace(/\.geojson$/, ''), readJson(path.join(contextDir, file)));
		}
	}
	return { dir, zones, sites, footprints, context, ...readEquality(dir) };
}

/** The pack's Census equality counts alone (absent files give none). */
export function readEquality(dir: string): Pick<Pack, 'zoneEquality' | 'areas'> {
	const zoneEquality = new Map<string, PackZoneEquality>();
	for (const { row, equality } of readCounts(path.join(dir, 'zones_equality.csv'), 'code', ZONE_EQUALITY_COLUMNS)) {
		zoneEquality.set(row.code, { areaCode: row.msoa21_code, areaName: row.msoa21_name, equality });
	}
	const areas = readCounts(path.join(dir, 'msoa_equality.csv'), 'msoa21_code', AREA_EQUALITY_COLUMNS).map(({ row, equality }) => ({
		code: row.msoa21_code,
		name: row.msoa21_name,
		equality
	}));
	return { zoneEquality, areas };
}

/**
 * The rows of a pack CSV of counts (no quoted fields: the pack writes none), each with its counts
 * under the engine's keys. An absent file gives no rows; a bad count names file, row, field and value.
 */
function readCounts(
	file: string,
	idColumn: string,
	columns: Record<string, string>
): { row: Record<string, string>; equality: Record<string, number> }[] {
	if (!fs.existsSync(file)) return [];
	const [headerLine, ...lines] = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
	const header = headerLine.split(',');
	if (!header.includes(idColumn)) throw new Error(`Pack file ${file}: no "${idColumn}" column.`);
	return lines.map((line, i) => {
		const cells = line.split(',');
		const row = Object.fromEntries(header.map((h, j) => [h, cells[j] ?? '']));
		const equality: Record<string, number> = {};
		for (const [key, column] of Object.entries(columns)) {
			if (!header.includes(column)) continue;
			const value = Number(row[column]);
			if (row[column] === '' || !Number.isFinite(value) || value < 0)
				throw new Error(`Pack file ${file}, row ${i + 2}, field ${column}: "${row[column]}" is not a count (expected a whole number of people, 0 or more).`);
			equality[key] = value;
		}
		return { row, equality };
	});
}

function mergePolygons(
	a: GeoJSON.Polygon | GeoJSON.MultiPolygon | undefined,
	b: GeoJSON.Polygon | GeoJSON.MultiPolygon
): GeoJSON.Polygon | GeoJSON.MultiPolygon {
	if (!a) return b;
	const parts = (g: GeoJSON.Polygon | GeoJSON.MultiPolygon) =>
		g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	return { type: 'MultiPolygon', coordinates: [...parts(a), ...parts(b)] };
}
