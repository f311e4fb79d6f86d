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

/** How a context layer is drawn: the map's paint and the map key's swatch both read this. */
export type ContextLook =
	| { type: 'fill'; colour: string }
	| { type: 'line'; colour: string; widthPx: number; dash?: [number, number] }
	| { type: 'circle'; radiusPx: number; fill: string; stroke: string; strokeWidthPx: number };

export interface ContextLayer {
	/** The layer's name in the pack (`context_layer.name`). */
	name: string;
	/** What it shows, in the map key. */
	label: string;
	/** Land goes under the zones; lines and stops over them. */
	position: 'below' | 'above';
	look: ContextLook;
}

/**
 * The pack's context layers the offline style draws, in drawing order: one list, so the map key
 * explains exactly what the map draws (issue 13: the white ringed dots, dashed lines and blue
 * lines had no key). Layers the pack has but this list does not name (bus stops) are not drawn.
 */
export const CONTEXT_LAYERS: readonly ContextLayer[] = [
	{ name: 'built_up_areas', label: 'Built-up areas', position: 'below', look: { type: 'fill', colour: '#e2ded3' } },
	{ name: 'greenspace_sites', label: 'Parks and green spaces', position: 'below', look: { type: 'fill', colour: '#b9d9a5' } },
	{ name: 'watercourses', label: 'Rivers, brooks and canals', position: 'above', look: { type: 'line', colour: '#2b6cb0', widthPx: 1.5 } },
	{ name: 'wards_2023', label: 'Ward boundaries', position: 'above', look: { type: 'line', colour: '#3a3a3a', widthPx: 1, dash: [3, 2] } },
	{ name: 'boundary', label: 'Local authority boundary', position: 'above', look: { type: 'line', colour: INK, widthPx: 2.5 } },
	{ name: 'metrolink_lines_osm', label: 'Metrolink tram lines', position: 'above', look: { type: 'line', colour: '#6b6b6b', widthPx: 2.5 } },
	{ name: 'rail_stations', label: 'Railway stations', position: 'above', look: { type: 'circle', radiusPx: 4, fill: '#ffffff', stroke: INK, strokeWidthPx: 2 } },
	{ name: 'metrolink_stops', label: 'Metrolink stops', position: 'above', look: { type: 'circle', radiusPx: 3, fill: '#ffffff', stroke: '#6b6b6b', strokeWidthPx: 1.5 } }
];

const CONTEXT_BY_NAME = new Map(CONTEXT_LAYERS.map((c) => [c.name, c]));

/** Context layers the offline style draws, land first. */
export const CONTEXT_LAYER_NAMES = [...CONTEXT_LAYERS.filter((c) => c.position === 'below'), ...CONTEXT_LAYERS.filter((c) => c.position === 'above')].map(
	(c) => c.name
);

export function contextLayer(name: string): ContextLayer | undefined {
	return CONTEXT_BY_NAME.get(name);
}

/** Id of the map layer that draws a context layer (for switching it on and off). */
export function contextLayerId(name: string): string {
	return `ctx-${name}-${CONTEXT_BY_NAME.get(name)?.look.type ?? 'none'}`;
}

function contextLayerSpec({ name, look }: ContextLayer, source: string): LayerSpecification {
	const id = contextLayerId(name);
	switch (look.type) {
		case 'fill':
			return { id, type: 'fill', source, paint: { 'fill-color': look.colour } };
		case 'line':
			return { id, type: 'line', source, paint: { 'line-color': look.colour, 'line-width': look.widthPx, ...(look.dash ? { 'line-dasharray': look.dash } : {}) } };
		case 'circle':
			return {
				id,
				type: 'circle',
				source,
				paint: { 'circle-radius': look.radiusPx, 'circle-color': look.fill, 'circle-stroke-color': look.stroke, 'circle-stroke-width': look.strokeWidthPx }
			};
	}
}

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
		const layer = CONTEXT_BY_NAME.get(name);
		if (!layer) continue;
		const source = `ctx-${name}`;
		(layer.position === 'below' ? below : above).push(contextLayerSpec(layer, source));
		sources[source] = { type: 'geojson', data: url };
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
