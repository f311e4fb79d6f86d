import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import KDBush from 'kdbush';
import { nearestM } from '../../../src/lib/engine/geo/nearest';
import { haversineM } from '../../../src/lib/engine/geo/distance';

const point = fc.tuple(fc.double({ min: -6, max: 2, noNaN: true }), fc.double({ min: 49.9, max: 58.7, noNaN: true }));

function indexOf(points: [number, number][], nodeSize: number): KDBush {
	const index = new KDBush(points.length, nodeSize);
	for (const [lon, lat] of points) index.add(lon, lat);
	return index.finish();
}

describe('nearestM: best-first great-circle k-nearest search on KDBush', () => {
	it.each([4, 64])('returns the same distances, in order, as sorting every point (node size %i)', (nodeSize) => {
		fc.assert(
			fc.property(
				fc.array(point, { minLength: 1, maxLength: 600 }),
				point,
				fc.integer({ min: 1, max: 12 }),
				fc.integer({ min: 1, max: 5 }),
				(points, [lon, lat], k, skipEvery) => {
					const accept = (id: number) => id % skipEvery !== 0;
					const found = nearestM(indexOf(points, nodeSize), lon, lat, k, accept);
					const all = points
						.map(([x, y], id) => ({ id, d: haversineM(lon, lat, x, y) }))
						.filter(({ id }) => accept(id))
						.sort((a, b) => a.d - b.d || a.id - b.id)
						.slice(0, k);
					expect(found.distancesM).toEqual(all.map((a) => a.d));
					found.ids.forEach((id, i) => expect(haversineM(lon, lat, ...points[id])).toBe(found.distancesM[i]));
				}
			),
			{ numRuns: 200 }
		);
	});

	it('stops at the distance limit and on an empty index', async () => {
		const index = indexOf([[-2.35, 53.39], [-2.32, 53.43], [-2.0, 53.5]], 64);
		expect(nearestM(index, -2.35, 53.39, 3, undefined, 5000).ids).toEqual([0, 1]);
		expect(nearestM(new KDBush(0).finish(), 0, 0, 3).ids).toEqual([]);
		expect(nearestM(index, -2.35, 53.39, 0).ids).toEqual([]);
	});
});

describe('nearestM across the antimeridian', () => {
	it('finds the point 0.35° away on the other side of 180° before one 1.9° away on this side', async () => {
		// A grid from 170° to 179.75° east splits the tree into boxes bounded on every side.
		const points: [number, number][] = [];
		for (let i = 0; i < 40; i++) for (let j = 0; j < 9; j++) points.push([170 + i * 0.25, 9 + j * 0.25]);
		points.push([-178, 10]);
		const found = nearestM(indexOf(points, 4), -179.9, 10, 1);
		expect(points[found.ids[0]]).toEqual([179.75, 10]);
		expect(found.distancesM[0]).toBeCloseTo(haversineM(-179.9, 10, 179.75, 10), 6);
	});
});
