import * as turf from '@turf/turf';
import { isInUk, UK_BOUNDS } from '../../../parse';

/** What is wrong with a lon/lat pair and which of the two to point at, or null when it is in the UK. */
export function coordinateProblem(lon: number, lat: number): { field: 'lon' | 'lat'; problem: string } | null {
	if (isInUk(lon, lat)) return null;
	if (isInUk(lat, lon)) return { field: 'lat', problem: 'looks swapped: this latitude is a UK longitude and the longitude a UK latitude' };
	const field = Math.abs(lat) > 90 || lon >= UK_BOUNDS.lonMin && lon <= UK_BOUNDS.lonMax ? 'lat' : 'lon';
	if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
		return { field, problem: 'not in degrees (British National Grid eastings/northings? convert them to WGS84 lon/lat)' };
	}
	return { field, problem: 'outside the UK' };
}

/** What a zone polygon must be, for messages. */
export const POLYGON_EXPECTED =
	'a Polygon or MultiPolygon whose rings are closed, have at least 4 positions, do not cross themselves and lie within longitude -180…180 and latitude -90…90 (WGS84)';

/**
 * What is wrong with a zone's polygon, or null when it is a valid one (RFC 7946 §3.1.6: linear
 * rings are closed and have four or more positions; simple features do not cross themselves).
 * An unclosed ring or a bow-tie would otherwise be stored as a zone of 0 ha.
 */
export function polygonProblem(geometry: GeoJSON.Geometry): string | null {
	const coordinates: unknown = 'coordinates' in geometry ? geometry.coordinates : null;
	if (!Array.isArray(coordinates) || coordinates.length === 0) return `the ${geometry.type} has no coordinates`;
	const polygons = geometry.type === 'Polygon' ? [coordinates] : coordinates;
	for (const [p, rings] of polygons.entries()) {
		const part = polygons.length > 1 ? `part ${p + 1}, ` : '';
		if (!Array.isArray(rings) || rings.length === 0) return `${part}has no rings`;
		for (const [r, ring] of rings.entries()) {
			const name = `${part}${r === 0 ? 'outer ring' : `hole ${r}`}`;
			const wrong = ringProblem(ring);
			if (wrong) return `${name} ${wrong}`;
		}
	}
	for (const [p, rings] of (polygons as GeoJSON.Position[][][]).entries()) {
		const crossing = areaChangingCrossing(rings);
		if (crossing) {
			const part = polygons.length > 1 ? `part ${p + 1} ` : '';
			return `${part}crosses itself at longitude ${crossing[0].toFixed(5)}, latitude ${crossing[1].toFixed(5)}, like a bow-tie`;
		}
	}
	if (turf.area(geometry) === 0) return 'encloses no area';
	return null;
}

/** Below this, a piece a crossing cuts off is a sliver left by simplifying a boundary, not a lobe. */
const SLIVER_M2 = 1;

/**
 * Where one polygon (of a MultiPolygon: each part alone, as parts may touch) crosses itself so as to
 * enclose two or more separate areas, or null. Rings that only touch at a shared vertex, and the
 * zero-area spikes that simplified boundaries carry (one LSOA of the Greater Manchester pack has
 * one), change no area and pass.
 */
function areaChangingCrossing(rings: GeoJSON.Position[][]): GeoJSON.Position | null {
	const polygon = turf.polygon(rings);
	const vertices = new Set(rings.flatMap((ring) => ring.map((c) => `${c[0]},${c[1]}`)));
	const crossings = turf.kinks(polygon).features.filter((k) => !vertices.has(k.geometry.coordinates.join(',')));
	if (!crossings.length) return null;
	try {
		const lobes = turf.unkinkPolygon(polygon).features.filter((piece) => turf.area(piece) >= SLIVER_M2);
		return lobes.length > 1 ? crossings[0].geometry.coordinates : null;
	} catch {
		return crossings[0].geometry.coordinates;
	}
}

function ringProblem(ring: unknown): string | null {
	if (!Array.isArray(ring)) return 'is not a list of positions';
	for (const [i, position] of ring.entries()) {
		if (!Array.isArray(position) || position.length < 2 || !position.every((n) => typeof n === 'number' && Number.isFinite(n))) {
			return `position ${i + 1} is not a pair of numbers`;
		}
		const [lon, lat] = position as number[];
		if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return `position ${i + 1} (${lon}, ${lat}) is outside WGS84's range`;
	}
	if (ring.length < 4) return `has ${ring.length} positions`;
	const [first, last] = [ring[0], ring[ring.length - 1]];
	if (first[0] !== last[0] || first[1] !== last[1]) return 'is not closed: its last position differs from its first';
	return null;
}
