/**
 * British National Grid eastings/northings (OSGB36, EPSG:27700) to WGS84 longitude/latitude, for
 * estate registers that record grid references instead of lon/lat. Method: Ordnance Survey, "A
 * Guide to Coordinate Systems in Great Britain" (v3.6, 2020) — the inverse Transverse Mercator
 * projection of Annex C, then the 7-parameter Helmert datum transformation of section 6.6, which
 * OS gives as accurate to about 5 m: ample for placing a building, not for surveying.
 */

const AIRY_1830 = { a: 6377563.396, b: 6356256.909 };
const WGS84 = { a: 6378137, b: 6356752.3141 };
/** National Grid true origin and scale factor. */
const GRID = { F0: 0.9996012717, lat0: (49 * Math.PI) / 180, lon0: (-2 * Math.PI) / 180, E0: 400000, N0: -100000 };
/** Helmert parameters OSGB36 → WGS84 (OS's WGS84 → OSGB36 set, negated). Metres, ppm, arc-seconds. */
const HELMERT = { tx: 446.448, ty: -125.157, tz: 542.06, sPpm: -20.4894, rx: 0.1502, ry: 0.247, rz: 0.8421 };

/** Latitude and longitude on the Airy 1830 ellipsoid (OSGB36), radians. OS guide Annex C, equations C6–C9. */
export function gridToOsgb36(easting: number, northing: number): { lat: number; lon: number } {
	const { a, b } = AIRY_1830;
	const { F0, lat0, lon0, E0, N0 } = GRID;
	const e2 = 1 - (b * b) / (a * a);
	const n = (a - b) / (a + b);
	const meridionalArc = (lat: number) => {
		const d = lat - lat0;
		const s = lat + lat0;
		return (
			b *
			F0 *
			((1 + n + (5 / 4) * n ** 2 + (5 / 4) * n ** 3) * d -
				(3 * n + 3 * n ** 2 + (21 / 8) * n ** 3) * Math.sin(d) * Math.cos(s) +
				((15 / 8) * n ** 2 + (15 / 8) * n ** 3) * Math.sin(2 * d) * Math.cos(2 * s) -
				(35 / 24) * n ** 3 * Math.sin(3 * d) * Math.cos(3 * s))
		);
	};
	let lat = lat0;
	let M = 0;
	do {
		lat = (northing - N0 - M) / (a * F0) + lat;
		M = meridionalArc(lat);
	} while (Math.abs(northing - N0 - M) >= 0.00001);

	const sin = Math.sin(lat);
	const nu = a * F0 * (1 - e2 * sin * sin) ** -0.5;
	const rho = a * F0 * (1 - e2) * (1 - e2 * sin * sin) ** -1.5;
	const eta2 = nu / rho - 1;
	const tan = Math.tan(lat);
	const sec = 1 / Math.cos(lat);
	const VII = tan / (2 * rho * nu);
	const VIII = (tan / (24 * rho * nu ** 3)) * (5 + 3 * tan ** 2 + eta2 - 9 * tan ** 2 * eta2);
	const IX = (tan / (720 * rho * nu ** 5)) * (61 + 90 * tan ** 2 + 45 * tan ** 4);
	const X = sec / nu;
	const XI = (sec / (6 * nu ** 3)) * (nu / rho + 2 * tan ** 2);
	const XII = (sec / (120 * nu ** 5)) * (5 + 28 * tan ** 2 + 24 * tan ** 4);
	const XIIA = (sec / (5040 * nu ** 7)) * (61 + 662 * tan ** 2 + 1320 * tan ** 4 + 720 * tan ** 6);
	const dE = easting - E0;
	return {
		lat: lat - VII * dE ** 2 + VIII * dE ** 4 - IX * dE ** 6,
		lon: lon0 + X * dE - XI * dE ** 3 + XII * dE ** 5 - XIIA * dE ** 7
	};
}

/** WGS84 [lon, lat] in degrees for a British National Grid easting and northing in metres. */
export function gridToWgs84(easting: number, northing: number): [number, number] {
	const { lat, lon } = gridToOsgb36(easting, northing);
	// Geodetic → cartesian on Airy 1830 (height taken as 0: it moves the result by centimetres).
	const airyE2 = 1 - AIRY_1830.b ** 2 / AIRY_1830.a ** 2;
	const nu = AIRY_1830.a / Math.sqrt(1 - airyE2 * Math.sin(lat) ** 2);
	const x = nu * Math.cos(lat) * Math.cos(lon);
	const y = nu * Math.cos(lat) * Math.sin(lon);
	const z = (1 - airyE2) * nu * Math.sin(lat);
	// Helmert transformation, small-angle form (OS guide section 6.6).
	const arcSec = Math.PI / 180 / 3600;
	const [rx, ry, rz] = [HELMERT.rx * arcSec, HELMERT.ry * arcSec, HELMERT.rz * arcSec];
	const s = 1 + HELMERT.sPpm * 1e-6;
	const x2 = HELMERT.tx + s * x - rz * y + ry * z;
	const y2 = HELMERT.ty + rz * x + s * y - rx * z;
	const z2 = HELMERT.tz - ry * x + rx * y + s * z;
	// Cartesian → geodetic on WGS84, iterating latitude (OS guide Annex B, equations B5–B7).
	const e2 = 1 - WGS84.b ** 2 / WGS84.a ** 2;
	const p = Math.hypot(x2, y2);
	let phi = Math.atan2(z2, p * (1 - e2));
	for (let i = 0; i < 10; i++) {
		const v = WGS84.a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
		phi = Math.atan2(z2 + e2 * v * Math.sin(phi), p);
	}
	return [(Math.atan2(y2, x2) * 180) / Math.PI, (phi * 180) / Math.PI];
}
