/** The UK's extent in WGS84 degrees, with a margin for the islands; used to catch bad or swapped coordinates. */
export const UK_BOUNDS = { lonMin: -8.7, lonMax: 1.9, latMin: 49.8, latMax: 60.9 } as const;

export const UK_EXPECTED = `longitude ${UK_BOUNDS.lonMin}…${UK_BOUNDS.lonMax} and latitude ${UK_BOUNDS.latMin}…${UK_BOUNDS.latMax} (WGS84 degrees)`;

export function inUk(lon: number, lat: number): boolean {
	return lon >= UK_BOUNDS.lonMin && lon <= UK_BOUNDS.lonMax && lat >= UK_BOUNDS.latMin && lat <= UK_BOUNDS.latMax;
}

/** What is wrong with a lon/lat pair and which of the two to point at, or null when it is in the UK. */
export function coordinateProblem(lon: number, lat: number): { field: 'lon' | 'lat'; problem: string } | null {
	if (inUk(lon, lat)) return null;
	if (inUk(lat, lon)) return { field: 'lat', problem: 'looks swapped: this latitude is a UK longitude and the longitude a UK latitude' };
	const field = Math.abs(lat) > 90 || lon >= UK_BOUNDS.lonMin && lon <= UK_BOUNDS.lonMax ? 'lat' : 'lon';
	if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
		return { field, problem: 'not in degrees (British National Grid eastings/northings? convert them to WGS84 lon/lat)' };
	}
	return { field, problem: 'outside the UK' };
}
