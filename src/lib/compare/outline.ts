/**
 * Zone outlines as SVG paths for the small static maps of the comparison and the printed report.
 * Equirectangular projection with the longitude scaled by cos(mid-latitude): across a borough
 * (≈ 15 km) the distortion is far below a pixel, and it needs no map library, so it prints as
 * crisp vectors. Points closer than MIN_STEP_PX to the last kept one are dropped (radial-distance
 * simplification) and coordinates rounded to 0.1 px, which keeps pages small at no visible cost.
 */

export interface ZoneOutlines {
	width: number;
	height: number;
	/** One SVG path per zone, in the order given. */
	paths: string[];
	/** West, south, east, north of the zones, and the longitude scale. */
	west: number;
	north: number;
	scale: number;
	lonFactor: number;
}

/** Width of the maps' coordinate space, px; the height follows the area's shape. */
export const MAP_WIDTH = 300;
const PAD = 4;
/** Smallest step kept between outline points, px: below what the eye sees on a 300 px map. */
const MIN_STEP_PX = 0.75;

type Ring = number[][];

function rings(geometry: GeoJSON.Geometry): Ring[] {
	if (geometry.type === 'Polygon') return geometry.coordinates;
	if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
	return [];
}

/**
 * Fit the zones into a MAP_WIDTH-wide box and draw each as a path.
 *
 * @example zoneOutlines([square]).paths[0] // 'M4,4L296,4L296,296L4,296Z'
 */
export function zoneOutlines(geometries: GeoJSON.Geometry[]): ZoneOutlines {
	let west = Infinity;
	let east = -Infinity;
	let south = Infinity;
	let north = -Infinity;
	for (const g of geometries)
		for (const ring of rings(g))
			for (const [lon, lat] of ring) {
				west = Math.min(west, lon);
				east = Math.max(east, lon);
				south = Math.min(south, lat);
				north = Math.max(north, lat);
			}
	if (!Number.isFinite(west)) return { width: MAP_WIDTH, height: MAP_WIDTH / 2, paths: [], west: 0, north: 0, scale: 1, lonFactor: 1 };
	const lonFactor = Math.cos((((south + north) / 2) * Math.PI) / 180);
	const spanX = (east - west) * lonFactor || 1e-9;
	const spanY = north - south || 1e-9;
	const scale = (MAP_WIDTH - 2 * PAD) / spanX;
	const outlines: ZoneOutlines = { width: MAP_WIDTH, height: Math.round(spanY * scale + 2 * PAD), paths: [], west, north, scale, lonFactor };
	outlines.paths = geometries.map((g) =>
		rings(g)
			.map((ring) => {
				let d = '';
				let lastX = NaN;
				let lastY = NaN;
				ring.forEach(([lon, lat], i) => {
					const { x, y } = projectPoint(outlines, lon, lat);
					const closing = i === ring.length - 1;
					if (!closing && Math.hypot(x - lastX, y - lastY) < MIN_STEP_PX) return;
					if (closing) return; // 'Z' closes the ring
					d += `${d ? 'L' : 'M'}${round(x)},${round(y)}`;
					lastX = x;
					lastY = y;
				});
				return d ? `${d}Z` : '';
			})
			.join('')
	);
	return outlines;
}

/** Where a lon/lat falls on the map, px from the top left. */
export function projectPoint(o: ZoneOutlines, lon: number, lat: number): { x: number; y: number } {
	return { x: PAD + (lon - o.west) * o.lonFactor * o.scale, y: PAD + (o.north - lat) * o.scale };
}

function round(v: number): number {
	return Math.round(v * 10) / 10;
}
