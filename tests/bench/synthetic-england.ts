/**
 * A SYNTHETIC England-scale estate for load benchmarks: 33,755 zones (England's count of 2021
 * LSOAs), 25,000 sites and 10 partnerships, as the files a partnership would import (zones GeoJSON,
 * sites CSV, services CSV) with the columns the importers accept (`src/lib/server/import/fields.ts`).
 * Nothing in it is real: every name says "Synthetic", zone codes use the E99 prefix no ONS area
 * has, and populations, costs and positions are drawn from a seeded generator, so a seed always
 * gives the same bytes.
 *
 * The partnerships tile a box over England in a 5 × 2 grid; each one's zones are the cells of a
 * grid over its tile and its sites sit in randomly chosen zones.
 *
 * `npx tsx tests/bench/synthetic-england.ts DIR [SEED]` writes the files to DIR.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../../src/lib/engine/locate/random';
import { SERVICES, serviceForKind } from '../../src/lib/server/catalogue';
import { conditions, tenures } from '../../src/lib/server/db/schema';

export const ENGLAND_SCALE = { zones: 33_755, sites: 25_000, partnerships: 10 } as const;

/** Where the tiles lie: a box over England, WGS84 degrees. */
const BOX = { west: -5.0, east: 1.5, south: 50.5, north: 55.5, columns: 5, rows: 2 };
/** ONS builds LSOAs of 1,000 to 3,000 residents (ONS, Census 2021 geographies). */
const LSOA_RESIDENTS = { min: 1000, max: 3000 };
const SITE_KINDS = SERVICES.map((s) => s.defaultForKind).filter((k): k is string => k !== null);
/** A second service some buildings host besides their own (advice outreach and the like). */
const SHARED_SERVICES = ['advice', 'community_hub', 'council_customer_service'];

export interface SyntheticPartnership {
	id: string;
	name: string;
	/** [west, south, east, north]. */
	bbox: [number, number, number, number];
	zonesGeojson: string;
	sitesCsv: string;
	servicesCsv: string;
	zoneCount: number;
	siteCount: number;
	serviceCount: number;
}

export interface SyntheticOptions {
	seed?: number;
	zones?: number;
	sites?: number;
	partnerships?: number;
}

/** The estate, one entry per partnership, in order. Defaults: England scale, seed 42. */
export function syntheticEngland(options: SyntheticOptions = {}): SyntheticPartnership[] {
	const { seed = 42, zones = ENGLAND_SCALE.zones, sites = ENGLAND_SCALE.sites, partnerships = ENGLAND_SCALE.partnerships } = options;
	const rand = mulberry32(seed);
	const tileWidth = (BOX.east - BOX.west) / BOX.columns;
	const tileHeight = (BOX.north - BOX.south) / BOX.rows;
	let zonesBefore = 0;
	return Array.from({ length: partnerships }, (_, p) => {
		const west = BOX.west + (p % BOX.columns) * tileWidth;
		const south = BOX.south + (Math.floor(p / BOX.columns) % BOX.rows) * tileHeight;
		const bbox: [number, number, number, number] = [west, south, west + tileWidth, south + tileHeight];
		// Spread the remainders over the first partnerships, so the totals are exact.
		const zoneCount = Math.floor(zones / partnerships) + (p < zones % partnerships ? 1 : 0);
		const siteCount = Math.floor(sites / partnerships) + (p < sites % partnerships ? 1 : 0);
		const label = String(p + 1).padStart(2, '0');
		const cells = gridCells(bbox, zoneCount);
		const zoneRows = cells.map((cell, z) => zoneFeature(rand, cell, zonesBefore + z + 1, `${label}-${String(z + 1).padStart(4, '0')}`));
		zonesBefore += zoneCount;
		const siteRows = Array.from({ length: siteCount }, (_, s) => siteRow(rand, cells[Math.floor(rand() * cells.length)], label, s + 1));
		const serviceRows = siteRows.flatMap((site) => siteServices(rand, site));
		return {
			id: `synthetic-${label}`,
			name: `Synthetic England-scale partnership ${p + 1} of ${partnerships} (benchmark data, not real)`,
			bbox,
			zonesGeojson: JSON.stringify({ type: 'FeatureCollection', features: zoneRows }),
			sitesCsv: csv(SITE_COLUMNS, siteRows),
			servicesCsv: csv(SERVICE_COLUMNS, serviceRows),
			zoneCount,
			siteCount,
			serviceCount: serviceRows.length
		};
	});
}

type Cell = [number, number, number, number];

/** `count` cells of a near-square grid over `bbox` (row by row), as [west, south, east, north]. */
function gridCells([west, south, east, north]: Cell, count: number): Cell[] {
	const aspect = ((east - west) * Math.cos((((south + north) / 2) * Math.PI) / 180)) / (north - south);
	const columns = Math.max(1, Math.round(Math.sqrt(count * aspect)));
	const rows = Math.ceil(count / columns);
	const w = (east - west) / columns;
	const h = (north - south) / rows;
	return Array.from({ length: count }, (_, i) => {
		const x = west + (i % columns) * w;
		const y = south + Math.floor(i / columns) * h;
		return [round6(x), round6(y), round6(x + w), round6(y + h)];
	});
}

/** Zone `number` of the whole estate (its code: E99 and six digits), `label` its name's number. */
function zoneFeature(rand: () => number, [w, s, e, n]: Cell, number: number, label: string) {
	const population = LSOA_RESIDENTS.min + Math.floor(rand() * (LSOA_RESIDENTS.max - LSOA_RESIDENTS.min + 1));
	const share = (low: number, spread: number) => low + rand() * spread;
	const children = Math.round(population * share(0.12, 0.14));
	const aged65 = Math.round(population * share(0.08, 0.22));
	const aged75 = Math.round(aged65 * share(0.35, 0.2));
	const aged85 = Math.round(aged75 * share(0.2, 0.15));
	const households = Math.round(population / share(2.1, 0.5));
	const noCar = Math.round(households * share(0.05, 0.4));
	const disabled = Math.round(population * share(0.12, 0.14));
	const badHealth = Math.round(population * share(0.03, 0.06));
	const imdScore = Math.round(share(3, 60) * 100) / 100;
	const imdRank = 1 + Math.floor(rand() * ENGLAND_SCALE.zones);
	return {
		type: 'Feature',
		properties: {
			code: `E99${String(number).padStart(6, '0')}`,
			name: `Synthetic zone ${label}`,
			lad_code: `SYN${label.slice(0, 2)}`,
			lad_name: `Synthetic authority ${label.slice(0, 2)}`,
			population_source: 'Synthetic (Hubplan benchmark generator), not a real estimate',
			pop_total: population,
			pop_children: children,
			pop_working_age: population - children - aged65,
			pop_65_plus: aged65,
			pop_75_plus: aged75,
			pop_85_plus: aged85,
			imd_score: imdScore,
			imd_rank: imdRank,
			imd_decile: 1 + Math.floor(((imdRank - 1) * 10) / ENGLAND_SCALE.zones),
			disabled,
			pct_disabled: percent(disabled, population),
			bad_health: badHealth,
			pct_bad_health: percent(badHealth, population),
			households,
			households_no_car: noCar,
			pct_households_no_car: percent(noCar, households)
		},
		geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] }
	};
}

const SITE_COLUMNS = [
	'ref', 'name', 'kind', 'operator', 'address', 'lon', 'lat', 'gia_m2', 'occupied_m2', 'rent_gbp_per_year',
	'rates_gbp_per_year', 'facilities_gbp_per_year', 'tenure', 'lease_end', 'condition', 'backlog_gbp', 'desks',
	'counter_positions', 'interview_rooms', 'visit_capacity_per_week', 'opening_hours_per_week', 'step_free'
] as const;
type SiteRow = Record<(typeof SITE_COLUMNS)[number], string | number>;

function siteRow(rand: () => number, [w, s, e, n]: Cell, label: string, number: number): SiteRow {
	const kind = SITE_KINDS[Math.floor(rand() * SITE_KINDS.length)];
	const gia = 100 + Math.round(rand() * 2900);
	const tenure = tenures[Math.floor(rand() * tenures.length)];
	const ref = `syn-${label}-${String(number).padStart(5, '0')}`;
	return {
		ref,
		name: `Synthetic ${kind.replace(/_/g, ' ')} ${label}-${String(number).padStart(5, '0')}`,
		kind,
		operator: `Synthetic operator ${1 + Math.floor(rand() * 20)}`,
		address: `${1 + Math.floor(rand() * 200)} Synthetic Street`,
		lon: round6(w + rand() * (e - w)),
		lat: round6(s + rand() * (n - s)),
		gia_m2: gia,
		occupied_m2: Math.round(gia * (0.5 + rand() * 0.5)),
		rent_gbp_per_year: tenure === 'leasehold' ? Math.round(gia * (50 + rand() * 150)) : '',
		rates_gbp_per_year: Math.round(gia * (10 + rand() * 40)),
		facilities_gbp_per_year: Math.round(gia * (60 + rand() * 80)),
		tenure,
		lease_end: tenure === 'leasehold' ? `${2027 + Math.floor(rand() * 15)}-03-31` : '',
		condition: conditions[Math.floor(rand() * conditions.length)],
		backlog_gbp: Math.round(rand() * 500_000),
		desks: Math.floor(rand() * 80),
		counter_positions: Math.floor(rand() * 6),
		interview_rooms: Math.floor(rand() * 8),
		visit_capacity_per_week: 200 + Math.floor(rand() * 3000),
		opening_hours_per_week: 20 + Math.floor(rand() * 50),
		step_free: rand() < 0.8 ? 'yes' : 'no'
	};
}

const SERVICE_COLUMNS = ['site_ref', 'service', 'visits_per_week', 'staff_fte', 'space_m2'] as const;
type ServiceRow = Record<(typeof SERVICE_COLUMNS)[number], string | number>;

/** The service of the site's kind, and for about one site in three a shared service as well. */
function siteServices(rand: () => number, site: SiteRow): ServiceRow[] {
	const own = serviceForKind(site.kind as string)!;
	const codes = [own];
	const extra = SHARED_SERVICES[Math.floor(rand() * SHARED_SERVICES.length)];
	if (rand() < 0.3 && extra !== own) codes.push(extra);
	return codes.map((service) => ({
		site_ref: site.ref,
		service,
		visits_per_week: Math.floor(rand() * 1500),
		staff_fte: Math.round(rand() * 200) / 10,
		space_m2: 20 + Math.floor(rand() * 300)
	}));
}

function csv<K extends string>(columns: readonly K[], rows: Record<K, string | number>[]): string {
	const cell = (v: string | number) => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
	return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

function percent(part: number, whole: number): number {
	return Math.round((1000 * part) / whole) / 10;
}

function round6(n: number): number {
	return Math.round(n * 1e6) / 1e6;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
	const [dir, seed] = process.argv.slice(2);
	if (!dir) {
		console.error('Usage: npx tsx tests/bench/synthetic-england.ts DIR [SEED]');
		process.exit(2);
	}
	fs.mkdirSync(dir, { recursive: true });
	for (const p of syntheticEngland({ seed: seed ? Number(seed) : 42 })) {
		fs.writeFileSync(path.join(dir, `${p.id}-zones.geojson`), p.zonesGeojson);
		fs.writeFileSync(path.join(dir, `${p.id}-sites.csv`), p.sitesCsv);
		fs.writeFileSync(path.join(dir, `${p.id}-services.csv`), p.servicesCsv);
		console.log(`${p.id}: ${p.zoneCount} zones, ${p.siteCount} sites, ${p.serviceCount} services (synthetic)`);
	}
}
