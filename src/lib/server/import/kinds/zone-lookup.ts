/**
 * Which stored zone a point falls in, so imported sites get their LSOA like the pack's do (the
 * sites table and zone pages link through it). Bounding boxes first, then point-in-polygon.
 */
import * as turf from '@turf/turf';
import { asc, eq } from 'drizzle-orm';
import { t, type Db } from '../../db';

/** A function from lon/lat to the code of the zone containing it, or null outside every zone. */
export async function zoneLocator(db: Db, partnershipId: string): Promise<(lon: number, lat: number) => string | null> {
	const rows = await db
		.select({ code: t.zone.code, geometry: t.zone.geometry })
		.from(t.zone)
		.where(eq(t.zone.partnershipId, partnershipId))
		.orderBy(asc(t.zone.code));
	const zones = rows.map((z) => ({ code: z.code, geometry: z.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon, bbox: turf.bbox(z.geometry) }));
	return (lon, lat) => {
		for (const z of zones) {
			const [w, s, e, n] = z.bbox;
			if (lon < w || lon > e || lat < s || lat > n) continue;
			if (turf.booleanPointInPolygon([lon, lat], z.geometry)) return z.code;
		}
		return null;
	};
}
