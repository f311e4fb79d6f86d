/**
 * Test fixtures for the engine: the real open-data pack read from data/ (tests may use node:fs),
 * and small synthetic estates built from plain numbers for property tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineData, SiteInput, ZoneInput } from '../../../src/lib/engine/types';

type Props = Record<string, unknown>;
interface Feature {
	properties: Props;
	geometry: { type: string; coordinates: [number, number] } | null;
}

const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data');

function features(file: string): Feature[] {
	return (JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as { features: Feature[] }).features;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Zones from a pack's zones.geojson. Population: mid-2024 estimate where the pack has it
 * (Trafford), else Census 2021 (GM). Groups: age65/age75 from the same source; deprived =
 * the population when IMD 2025 decile ≤ 2; noCar = c21_hh_no_car (households; Trafford only);
 * disabled = c21_disabled_ea; badHealth = c21_bad_health. Centroid: the ONS population-weighted one.
 */
export function packZones(area: 'trafford' | 'greater-manchester'): ZoneInput[] {
	return features(`${area}/zones.geojson`).map(({ properties: p }) => {
		const population = num(p.mye24_pop_total) ?? num(p.c21_pop_total) ?? 0;
		const age65 = num(p.mye24_pop_65_plus) ?? num(p.c21_pop_65_plus) ?? 0;
		const age75 = num(p.mye24_pop_75_plus) ?? num(p.c21_pop_75_plus) ?? 0;
		const decile = num(p.imd25_decile) ?? null;
		const noCar = num(p.c21_hh_no_car);
		const [lon, lat] = p.centroid as [number, number];
		return {
			code: p.code as string,
			lon,
			lat,
			population,
			groups: {
				age65,
				age75,
				deprived: decile !== null && decile <= 2 ? population : 0,
				...(noCar !== undefined ? { noCar } : {}),
				disabled: num(p.c21_disabled_ea) ?? 0,
				badHealth: num(p.c21_bad_health) ?? 0
			},
			share65Plus: population > 0 ? age65 / population : 0,
			imdDecile: decile
		};
	});
}

/** Sites from a pack's sites.geojson: one service per site, its kind; no visits, space or costs. */
export function packSites(area: 'trafford' | 'greater-manchester'): SiteInput[] {
	return features(`${area}/sites.geojson`).map(({ properties: p, geometry }) => ({
		ref: p.id as string,
		name: p.name as string,
		kind: p.kind as string,
		lon: geometry!.coordinates[0],
		lat: geometry!.coordinates[1],
		giaM2: num(p.council_asset_gia_m2) ?? null,
		desks: null,
		visitCapacityPerWeek: null,
		annualRunningCostGbp: null,
		organisationId: (p.operator as string | undefined) ?? null,
		services: [{ service: p.kind as string, visitsPerWeek: null, spaceM2: null, staffFte: null }]
	}));
}

/** A whole pack as engine input; partners are the sites' operators. */
export function packData(area: 'trafford' | 'greater-manchester'): EngineData {
	const sites = packSites(area);
	const operators = [...new Set(sites.map((s) => s.organisationId).filter((o): o is string => o !== null))].sort();
	return { zones: packZones(area), sites, organisations: operators.map((id) => ({ id, name: id })) };
}

/** A zone at a point with a population and no groups beyond what is given. */
export function zone(code: string, lon: number, lat: number, population: number, extra: Partial<ZoneInput> = {}): ZoneInput {
	return { code, lon, lat, population, groups: {}, share65Plus: 0, imdDecile: null, ...extra };
}

/** A site at a point offering the given services, each with `visitsPerWeek` (default 100). */
export function site(
	ref: string,
	lon: number,
	lat: number,
	services: string[],
	extra: Partial<SiteInput> = {},
	visitsPerWeek: number | null = 100
): SiteInput {
	return {
		ref,
		name: ref,
		kind: services[0] ?? 'office',
		lon,
		lat,
		giaM2: null,
		desks: null,
		visitCapacityPerWeek: null,
		annualRunningCostGbp: null,
		organisationId: null,
		services: services.map((service) => ({ service, visitsPerWeek, spaceM2: null, staffFte: null })),
		...extra
	};
}
