/**
 * The map's style: an offline base drawn from the pack's context layers (no tile, glyph or sprite
 * URL, so it works with no internet), and the overlay every view adds on top — zones, wards,
 * boundary, flows and buildings. With a basemap style URL the overlay goes on that instead.
 * No text layers: labels are HTML (tooltips, legend, panels), so nothing depends on glyphs.
 */
import type { MapOptions } from 'maplibre-gl';
import { NO_DATA_COLOUR, zoneColour, type ZoneFill } from './indicators';
import { OTHER_KIND_COLOUR, SITE_KINDS } from './siteKinds';
import { RADIUS_EXPRESSION } from './siteSymbols';
import type { ContextLayerRef, FlowLine, SiteRole, SiteSummary } from './types';

export type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;
export type LayerSpecification = StyleSpecification['layers'][number];
type Sources = StyleSpecification['sources'];
type Expression = unknown[];

export const BACKGROUND_COLOUR = '#f4f2ec';
const INK = '#0b0c0c';

/** Context layers drawn under the zones (land) and over them (lines and stops), by pack name. */
const CONTEXT_BELOW: Record<string, (id: string) => LayerSpecification[]> = {
	built_up_areas: (s) => [{ id: `${s}-fill`, type: 'fill', source: s, paint: { 'fill-color': '#e2ded3' } }],
	greenspace_sites: (s) => [{ id: `${s}-fill`, type: 'fill', source: s, paint: { 'fill-color': '#b9d9a5' } }]
};
const CONTEXT_ABOVE: Record<string, (id: string) => LayerSpecification[]> = {
	watercourses: (s) => [
		{ id: `${s}-line`, type: 'line', source: s, paint: { 'line-color': '#2b6cb0', 'line-width': 1.5 } }
	],
	wards_2023: (s) => [
		{ id: `${s}-line`, type: 'line', source: s, paint: { 'line-color': '#3a3a3a', 'line-width': 1, 'line-dasharray': [3, 2] } }
	],
	boundary: (s) => [{ id: `${s}-line`, type: 'line', source: s, paint: { 'line-color': INK, 'line-width': 2.5 } }],
	metrolink_lines_osm: (s) => [
		{ id: `${s}-line`, type: 'line', source: s, paint: { 'line-color': '#6b6b6b', 'line-width': 2.5 } }
	],
	rail_stations: (s) => [
		{ id: `${s}-circle`, type: 'circle', source: s, paint: { 'circle-radius': 4, 'circle-color': '#ffffff', 'circle-stroke-color': INK, 'circle-stroke-width': 2 } }
	],
	metrolink_stops: (s) => [
		{ id: `${s}-circle`, type: 'circle', source: s, paint: { 'circle-radius': 3, 'circle-color': '#ffffff', 'circle-stroke-color': '#6b6b6b', 'circle-stroke-width': 1.5 } }
	]
};

/** Context layers the offline style draws, in the order the pack names them. */
export const CONTEXT_LAYER_NAMES = [...Object.keys(CONTEXT_BELOW), ...Object.keys(CONTEXT_ABOVE)];

/** Overlay sources: zones, flows and buildings. Their data is set and updated by the map component. */
export function overlaySources(zones: GeoJSON.FeatureCollection): Sources {
	const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
	return {
		zones: { type: 'geojson', data: zones },
		flows: { type: 'geojson', data: empty },
		sites: { type: 'geojson', data: empty }
	};
}

export function zoneLayers(): LayerSpecification[] {
	return [
		{ id: 'zones-fill', type: 'fill', source: 'zones', paint: { 'fill-color': NO_DATA_COLOUR, 'fill-opacity': 0.72 } },
		{ id: 'zones-line', type: 'line', source: 'zones', paint: { 'line-color': '#ffffff', 'line-width': 0.6, 'line-opacity': 0.8 } },
		{ id: 'zone-selected', type: 'line', source: 'zones', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': INK, 'line-width': 3.5 } }
	];
}

const KIND_COLOUR: Expression = ['match', ['get', 'kind'], ...SITE_KINDS.flatMap((k) => [k.kind, k.colour]), OTHER_KIND_COLOUR];
const ROLE = ['coalesce', ['get', 'role'], ''];
const ESTIMATED = ['==', ['get', 'estimated'], true];

/**
 * Buildings as circles: fill by kind, area by weekly visits. Estimated visits are drawn hollow
 * (pale fill, thick ring in the kind's colour); scenario roles override the look: closed buildings
 * white with a grey ring, hubs with a heavy black ring, new sites white with a black ring.
 */
export function siteLayers(): LayerSpecification[] {
	return [
		{ id: 'flows-line', type: 'line', source: 'flows', layout: { 'line-cap': 'round' }, paint: { 'line-color': INK, 'line-opacity': 0.55, 'line-width': ['get', 'widthPx'] } },
		{
			id: 'sites',
			type: 'circle',
			source: 'sites',
			layout: { 'circle-sort-key': ['-', 0, ['coalesce', ['get', 'visits'], 0]] },
			paint: {
				'circle-radius': ['case', ['==', ROLE, 'hub'], ['+', RADIUS_EXPRESSION, 2], RADIUS_EXPRESSION],
				'circle-color': ['case', ['in', ROLE, ['literal', ['closed', 'new']]], '#ffffff', KIND_COLOUR],
				'circle-opacity': ['case', ['==', ROLE, 'closed'], 0.85, ESTIMATED, 0.3, 1],
				'circle-stroke-color': [
					'case',
					['==', ROLE, 'closed'], '#6b6b6b',
					['in', ROLE, ['literal', ['hub', 'new']]], INK,
					ESTIMATED, KIND_COLOUR,
					INK
				],
				'circle-stroke-width': ['case', ['==', ROLE, 'hub'], 4, ['==', ROLE, 'new'], 3, ESTIMATED, 3, 1]
			}
		},
		{
			id: 'site-selected',
			type: 'circle',
			source: 'sites',
			filter: ['==', ['get', 'ref'], ''],
			paint: {
				'circle-radius': ['+', RADIUS_EXPRESSION, 5],
				'circle-opacity': 0,
				'circle-stroke-color': INK,
				'circle-stroke-width': 3
			}
		}
	] as LayerSpecification[];
}

/** The offline style: background, pack context under and over the zones, then the overlay. */
export function offlineStyle(zones: GeoJSON.FeatureCollection, context: readonly ContextLayerRef[]): StyleSpecification {
	const sources: Sources = { ...overlaySources(zones) };
	const below: LayerSpecification[] = [];
	const above: LayerSpecification[] = [];
	for (const { name, url } of context) {
		const id = `ctx-${name}`;
		if (CONTEXT_BELOW[name]) below.push(...CONTEXT_BELOW[name](id));
		else if (CONTEXT_ABOVE[name]) above.push(...CONTEXT_ABOVE[name](id));
		else continue;
		sources[id] = { type: 'geojson', data: url };
	}
	return {
		version: 8,
		sources,
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } },
			...below,
			...zoneLayers(),
			...above,
			...siteLayers()
		]
	};
}

/** The zones' fill colour as one `match` expression on zone code. */
export function zoneFillColour(fill: ZoneFill | null, codes: readonly string[]): unknown {
	if (!fill || codes.length === 0) return NO_DATA_COLOUR;
	return ['match', ['get', 'code'], ...codes.flatMap((code) => [code, zoneColour(fill, code)]), NO_DATA_COLOUR];
}

/** Buildings as GeoJSON points carrying what the circle paint reads. */
export function siteFeatures(
	sites: readonly SiteSummary[],
	roles: Readonly<Record<string, SiteRole>> = {}
): GeoJSON.FeatureCollection<GeoJSON.Point> {
	return {
		type: 'FeatureCollection',
		features: sites.map((s) => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
			properties: {
				ref: s.ref,
				name: s.name,
				kind: s.kind,
				estimated: s.visitsPerWeek !== null && s.visitsEstimated,
				...(s.visitsPerWeek !== null ? { visits: s.visitsPerWeek } : {}),
				...(roles[s.ref] ? { role: roles[s.ref] } : {})
			}
		}))
	};
}

/** Flow lines with a width from 1 to 8 px in proportion to weight. */
export function flowFeatures(flows: readonly FlowLine[]): GeoJSON.FeatureCollection<GeoJSON.LineString> {
	const maxWeight = Math.max(0, ...flows.map((f) => f.weight));
	return {
		type: 'FeatureCollection',
		features: flows.map((f) => ({
			type: 'Feature',
			geometry: { type: 'LineString', coordinates: [f.from, f.to] },
			properties: { weight: f.weight, label: f.label ?? '', widthPx: maxWeight > 0 ? 1 + (7 * f.weight) / maxWeight : 1 }
		}))
	};
}
