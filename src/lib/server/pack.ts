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
}

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
	return { dir, zones, sites, footprints, context };
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
