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
