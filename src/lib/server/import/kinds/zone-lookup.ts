/**
 * Which stored zone a point falls in, so imported sites get their LSOA like the pack's do (the
 * sites table and zone pages link through it). Bounding boxes first, then point-in-polygon.
 */
import * as turf from '@turf/turf';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db';
import * as t from '../../db/schema';

/** A function from lon/lat to the code of the zone containing it, or null outside every zone. */
export function zoneLocator(db: Db, partnershipId: string): (lon: number, lat: number) => string | null {
	const zones = db
		.select({ code: t.zone.code, geometry: t.zone.geometry })
		.from(t.zone)
		.where(eq(t.zone.partnershipId, partnershipId))
		.all()
		.map((z) => ({ code: z.code, geometry: z.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon, bbox: turf.bbox(z.geometry) }));
	return (lon, lat) => {
		for (const z of zones) {
			const [w, s, e, n] = z.bbox;
			if (lon < w || lon > e || lat < s || lat > n) continue;
			if (turf.booleanPointInPolygon([lon, lat], z.geometry)) return z.code;
		}
		return null;
	};
}
