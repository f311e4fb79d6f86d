/**
 * Place names for the small maps, taken from the data rather than typed in: the ONS built-up areas
 * (the pack's context layer) that hold the most residents of the partnership's zones, each placed at
 * the population-weighted centre of those zones, so the label sits where its people live and
 * inside the mapped area even when the built-up area spills over the boundary (Manchester).
 */
import { booleanPointInPolygon } from '@turf/turf';

export interface PlaceLabel {
	name: string;
	lon: number;
	lat: number;
}

/** How many names a 300 px map can carry without crowding. */
export const MAX_PLACE_LABELS = 6;

/**
 * The `limit` built-up areas with the most residents among `zones`, largest first.
 *
 * @example placeLabels(builtUpAreas, data.zones).map((p) => p.name) // ['Sale', 'Stretford', 'Altrincham', …]
 */
export function placeLabels(
	builtUpAreas: GeoJSON.FeatureCollection | null,
	zones: { lon: number; lat: number; population: number }[],
	limit = MAX_PLACE_LABELS
): PlaceLabel[] {
	const areas = (builtUpAreas?.features ?? [])
		.filter((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon')
		.map((f) => ({
			// "Hale (Trafford)" reads as "Hale" on a map of Trafford.
			name: String(f.properties?.bua24_name ?? f.properties?.name ?? '').replace(/\s*\([^)]*\)$/, ''),
			areaHa: Number(f.properties?.area_ha ?? Infinity),
			geometry: f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon
		}))
		.filter((a) => a.name)
		// Smallest first, so a zone in a town inside a larger built-up area counts for the town.
		.sort((a, b) => a.areaHa - b.areaHa);
	const totals = new Map<string, { people: number; lon: number; lat: number }>();
	for (const zone of zones) {
		const area = areas.find((a) => booleanPointInPolygon([zone.lon, zone.lat], a.geometry));
		if (!area || zone.population <= 0) continue;
		const t = totals.get(area.name) ?? { people: 0, lon: 0, lat: 0 };
		t.people += zone.population;
		t.lon += zone.lon * zone.population;
		t.lat += zone.lat * zone.population;
		totals.set(area.name, t);
	}
	return [...totals]
		.sort(([a, x], [b, y]) => y.people - x.people || a.localeCompare(b))
		.slice(0, limit)
		.map(([name, t]) => ({ name, lon: t.lon / t.people, lat: t.lat / t.people }));
}
