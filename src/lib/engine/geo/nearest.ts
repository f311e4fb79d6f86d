/**
 * Exact k-nearest-neighbour search by great-circle distance over a KDBush index of lon/lat
 * points. KDBush only answers planar box and radius queries, so this walks its kd-tree best-first
 * (Hjaltason and Samet, 1999, "Distance browsing in spatial databases"), ordering tree nodes by a
 * lower bound of the great-circle distance from the query to the node's lon/lat box. The bound
 * and the traversal follow Vladimir Agafonkin's geokdbush (2017). Because the bound never
 * overestimates, results are exact haversine distances in exact order: no projection error.
 */
import type KDBush from 'kdbush';
import { EARTH_RADIUS_M, haversineM } from './distance';
import { MinHeap } from './heap';

const RAD = Math.PI / 180;

/** A tree node still to visit: index range in the kd-sorted arrays, split axis and its box. */
interface Node {
	left: number;
	right: number;
	axis: number;
	minLon: number;
	minLat: number;
	maxLon: number;
	maxLat: number;
}

/** The nearest points found: ids as added to the index, distances in metres, nearest first. */
export interface NearestResult {
	ids: number[];
	distancesM: number[];
}

/**
 * Up to `maxResults` indexed points nearest to (lon, lat) by great-circle distance, nearest first,
 * skipping ids for which `accept` returns false. Ties in distance are broken by the lower id so the
 * answer does not depend on the tree's layout.
 *
 * @example
 * const index = new KDBush(2); index.add(-2.35, 53.39); index.add(-2.32, 53.43); index.finish();
 * nearestM(index, -2.34, 53.40, 1).ids; // [0]
 */
export function nearestM(
	index: KDBush,
	lon: number,
	lat: number,
	maxResults: number,
	accept?: (id: number) => boolean,
	maxDistanceM = Infinity
): NearestResult {
	const result: NearestResult = { ids: [], distancesM: [] };
	if (maxResults <= 0 || index.numItems === 0) return result;
	const { ids, coords, nodeSize } = index;
	const cosLat = Math.cos(lat * RAD);
	const sinLat = Math.sin(lat * RAD);
	// Points and nodes share one queue; a point is encoded as -(id + 1), a node as itself.
	const queue = new MinHeap<Node | number>();
	let node: Node | undefined = {
		left: 0,
		right: ids.length - 1,
		axis: 0,
		minLon: -180,
		minLat: -90,
		maxLon: 180,
		maxLat: 90
	};
	const pushPoint = (i: number) => {
		const id = ids[i];
		if (accept && !accept(id)) return;
		queue.push(id, haversineM(lon, lat, coords[2 * i], coords[2 * i + 1]));
	};

	while (node) {
		const { left, right } = node;
		if (right - left <= nodeSize) {
			for (let i = left; i <= right; i++) pushPoint(i);
		} else {
			const m = (left + right) >> 1;
			const midLon = coords[2 * m];
			const midLat = coords[2 * m + 1];
			pushPoint(m);
			const axis = 1 - node.axis;
			const low: Node = {
				left,
				right: m - 1,
				axis,
				minLon: node.minLon,
				minLat: node.minLat,
				maxLon: node.axis === 0 ? midLon : node.maxLon,
				maxLat: node.axis === 1 ? midLat : node.maxLat
			};
			const high: Node = {
				left: m + 1,
				right,
				axis,
				minLon: node.axis === 0 ? midLon : node.minLon,
				minLat: node.axis === 1 ? midLat : node.minLat,
				maxLon: node.maxLon,
				maxLat: node.maxLat
			};
			if (low.right >= low.left) queue.push(low, boxDistM(lon, lat, cosLat, sinLat, low));
			if (high.right >= high.left) queue.push(high, boxDistM(lon, lat, cosLat, sinLat, high));
		}

		// Emit every point that is nearer than anything left in the queue.
		while (queue.length && typeof queue.peek() === 'number') {
			const distM = queue.peekPriority();
			if (distM > maxDistanceM) return result;
			const id = takeLowestIdAt(queue, distM);
			result.ids.push(id);
			result.distancesM.push(distM);
			if (result.ids.length === maxResults) return result;
		}
		node = queue.pop() as Node | undefined;
	}
	return result;
}

/**
 * Pop the point on top of the queue, but if other points share its exact distance and sit on top
 * too, take the lowest id among them and put the others back, so ties resolve by id.
 */
function takeLowestIdAt(queue: MinHeap<Node | number>, distM: number): number {
	const tied: number[] = [];
	while (queue.length && queue.peekPriority() === distM && typeof queue.peek() === 'number')
		tied.push(queue.pop() as number);
	let best = 0;
	for (let i = 1; i < tied.length; i++) if (tied[i] < tied[best]) best = i;
	for (let i = 0; i < tied.length; i++) if (i !== best) queue.push(tied[i], distM);
	return tied[best];
}

/**
 * Lower bound of the great-circle distance (metres) from a point to a lon/lat box: zero inside,
 * the meridian distance when the point's longitude lies within the box, otherwise the distance to
 * the nearer meridian edge, found where the great circle through the point meets it at right
 * angles (geokdbush, Agafonkin 2017).
 */
function boxDistM(lon: number, lat: number, cosLat: number, sinLat: number, b: Node): number {
	if (lon >= b.minLon && lon <= b.maxLon) {
		if (lat < b.minLat) return EARTH_RADIUS_M * (b.minLat - lat) * RAD;
		if (lat > b.maxLat) return EARTH_RADIUS_M * (lat - b.maxLat) * RAD;
		return 0;
	}
	// Longitude of the nearer edge, measured eastwards across the antimeridian if need be.
	const closestLon = (b.minLon - lon + 360) % 360 <= (lon - b.maxLon + 360) % 360 ? b.minLon : b.maxLon;
	const cosLonDelta = Math.cos((closestLon - lon) * RAD);
	const extremumLat = Math.atan(sinLat / (cosLat * cosLonDelta)) / RAD;
	let d = Math.max(
		greatCircleM(cosLat, sinLat, cosLonDelta, b.minLat),
		greatCircleM(cosLat, sinLat, cosLonDelta, b.maxLat)
	);
	d = Math.min(
		greatCircleM(cosLat, sinLat, cosLonDelta, b.minLat),
		greatCircleM(cosLat, sinLat, cosLonDelta, b.maxLat)
	);
	if (extremumLat > b.minLat && extremumLat < b.maxLat)
		d = Math.min(d, greatCircleM(cosLat, sinLat, cosLonDelta, extremumLat));
	return d;
}

/** Spherical law of cosines for a point on the meridian `cosLonDelta` away, in metres. */
function greatCircleM(cosLat: number, sinLat: number, cosLonDelta: number, lat2: number): number {
	const c = sinLat * Math.sin(lat2 * RAD) + cosLat * Math.cos(lat2 * RAD) * cosLonDelta;
	return EARTH_RADIUS_M * Math.acos(Math.min(1, Math.max(-1, c)));
}
