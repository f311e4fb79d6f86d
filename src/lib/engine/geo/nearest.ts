/**
 * Exact k-nearest-neighbour search by great-circle distance over a KDBush index of lon/lat
 * points. KDBush only answers planar box and radius queries, so this walks its kd-tree
 * depth-first, nearer half first, and skips any half whose lon/lat box cannot hold a point closer
 * than the k-th best found so far (branch and bound: Friedman, Bentley and Finkel, 1977, "An
 * algorithm for finding best matches in logarithmic expected time"), in the manner of Vladimir
 * Agafonkin's geokdbush (2017) but with a cheaper box bound (see `boxBoundA`).
 * Because the bound never overestimates, results are exact haversine distances: there is no
 * projection error. Ties in distance go to the lower id, so the answer does not depend on the
 * tree's layout.
 */
import type KDBush from 'kdbush';
import { EARTH_RADIUS_M } from './distance';

const RAD = Math.PI / 180;

// Scratch stack for the iterative depth-first walk, shared by calls as KDBush shares its own
// (so `accept` must not itself call nearestM). Each frame is [left, right, axis, minLon, minLat,
// maxLon, maxLat]; it grows by at most 2 frames per tree level, and a kd-tree on 2³² points has 32.
const STACK = new Float64Array(7 * 66);

/** The nearest points found: ids as added to the index, distances in metres, nearest first. */
export interface NearestResult {
	ids: number[];
	distancesM: number[];
}

/**
 * Up to `maxResults` indexed points nearest to (lon, lat) by great-circle distance, nearest first
 * (equal distances by id), no farther than `maxDistanceM`, skipping ids for which `accept`
 * returns false.
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
	const ids: number[] = [];
	const distancesM: number[] = [];
	if (maxResults <= 0 || index.numItems === 0) return { ids, distancesM };
	const { ids: treeIds, coords, nodeSize } = index;
	const cosLats = cosLatitudes(index);
	const cosLat = Math.cos(lat * RAD);
	// Distance a candidate must not exceed to be kept, and the same as a haversine a, slightly
	// loosened so that rounding never prunes a tie.
	let boundM = maxDistanceM;
	let boundA = toA(boundM) * (1 + 1e-9);

	const stack = STACK;
	let sp = 0;
	sp = pushFrame(stack, sp, 0, treeIds.length - 1, 0, -180, -90, 180, 90);

	while (sp > 0) {
		sp -= 7;
		const left = stack[sp];
		const right = stack[sp + 1];
		const axis = stack[sp + 2];
		const minLon = stack[sp + 3];
		const minLat = stack[sp + 4];
		const maxLon = stack[sp + 5];
		const maxLat = stack[sp + 6];
		if (boxBoundA(lon, lat, cosLat, minLon, minLat, maxLon, maxLat) > boundA) continue;

		const leaf = right - left <= nodeSize;
		const m = (left + right) >> 1;
		const from = leaf ? left : m;
		const to = leaf ? right : m;
		for (let i = from; i <= to; i++) {
			// The haversine formula, as in haversineM (same operations, so the same result), but
			// compared as a before the costlier arcsine.
			const sinDLat = Math.sin(((coords[2 * i + 1] - lat) * RAD) / 2);
			const sinDLon = Math.sin(((coords[2 * i] - lon) * RAD) / 2);
			const a = sinDLat ** 2 + cosLat * cosLats[i] * sinDLon ** 2;
			if (a > boundA) continue;
			const id = treeIds[i];
			const d = 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
			if (d > boundM) continue;
			const full = ids.length === maxResults;
			if (full && d === boundM && id > ids[maxResults - 1]) continue;
			if (accept && !accept(id)) continue;
			// Insertion into a short sorted list (k is small), ties by id.
			let pos = ids.length;
			if (full) pos--;
			while (pos > 0 && (distancesM[pos - 1] > d || (distancesM[pos - 1] === d && ids[pos - 1] > id))) {
				ids[pos] = ids[pos - 1];
				distancesM[pos] = distancesM[pos - 1];
				pos--;
			}
			ids[pos] = id;
			distancesM[pos] = d;
			if (ids.length === maxResults) {
				boundM = distancesM[maxResults - 1];
				boundA = toA(boundM) * (1 + 1e-9);
			}
		}
		if (leaf) continue;

		// Push the far half first so the near half is searched first and tightens the bound.
		const mid = axis === 0 ? coords[2 * m] : coords[2 * m + 1];
		const lowFirst = (axis === 0 ? lon : lat) < mid;
		const next = 1 - axis;
		for (let k = 0; k < 2; k++) {
			const low = (k === 0) !== lowFirst;
			const l = low ? left : m + 1;
			const r = low ? m - 1 : right;
			if (r < l) continue;
			sp = pushFrame(
				stack,
				sp,
				l,
				r,
				next,
				!low && axis === 0 ? mid : minLon,
				!low && axis === 1 ? mid : minLat,
				low && axis === 0 ? mid : maxLon,
				low && axis === 1 ? mid : maxLat
			);
		}
	}
	return { ids, distancesM };
}

function pushFrame(
	stack: Float64Array,
	sp: number,
	left: number,
	right: number,
	axis: number,
	minLon: number,
	minLat: number,
	maxLon: number,
	maxLat: number
): number {
	stack[sp] = left;
	stack[sp + 1] = right;
	stack[sp + 2] = axis;
	stack[sp + 3] = minLon;
	stack[sp + 4] = minLat;
	stack[sp + 5] = maxLon;
	stack[sp + 6] = maxLat;
	return sp + 7;
}

const cosLatCache = new WeakMap<KDBush, Float64Array>();

/** cos(latitude) of every indexed point, in the tree's order, computed once per index. */
function cosLatitudes(index: KDBush): Float64Array {
	let cos = cosLatCache.get(index);
	if (!cos) {
		cos = new Float64Array(index.numItems);
		for (let i = 0; i < index.numItems; i++) cos[i] = Math.cos(index.coords[2 * i + 1] * RAD);
		cosLatCache.set(index, cos);
	}
	return cos;
}

/**
 * Lower bound, in haversine terms (a = sin²(d / 2R)), of the great-circle distance d from a point
 * to any point of a lon/lat box. The haversine formula is a = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2);
 * over the box, each term is at least its value at the smallest latitude gap, the smallest
 * longitude gap and the box latitude with the smallest cosine (an end of its latitude range), so
 * their sum never overestimates. Cheaper than the exact box distance (geokdbush's, which needs
 * several inverse trigonometric calls) and as tight for small boxes.
 */
function boxBoundA(
	lon: number,
	lat: number,
	cosLat: number,
	minLon: number,
	minLat: number,
	maxLon: number,
	maxLat: number
): number {
	const dLat = lat < minLat ? minLat - lat : lat > maxLat ? lat - maxLat : 0;
	let dLon = 0;
	if (lon < minLon || lon > maxLon) {
		// The shorter way round to each edge, so a box across the antimeridian is not overestimated.
		const toMin = Math.abs(lon - minLon) % 360;
		const toMax = Math.abs(lon - maxLon) % 360;
		dLon = Math.min(toMin, 360 - toMin, toMax, 360 - toMax);
	}
	const sinLat = Math.sin((dLat * RAD) / 2);
	if (dLon === 0) return sinLat * sinLat;
	const sinLon = Math.sin((dLon * RAD) / 2);
	const cosFar = Math.min(Math.cos(minLat * RAD), Math.cos(maxLat * RAD));
	return sinLat * sinLat + cosLat * Math.max(0, cosFar) * sinLon * sinLon;
}

/** Haversine a for a distance in metres (Infinity stays Infinity). */
function toA(distanceM: number): number {
	if (distanceM === Infinity) return Infinity;
	const s = Math.sin(Math.min(Math.PI / 2, distanceM / (2 * EARTH_RADIUS_M)));
	return s * s;
}
