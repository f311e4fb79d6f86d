/** Mean Earth radius (IUGG), metres; the great-circle distances below use it. */
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

/**
 * Great-circle distance in metres between two WGS84 points (haversine formula).
 *
 * @example
 * haversineM(-2.3521, 53.3871, -2.3181, 53.4251); // ≈ 4,718 m, Altrincham to Sale
 */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
	const dLat = (lat2 - lat1) * RAD;
	const dLon = (lon2 - lon1) * RAD;
	const a =
		Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}
