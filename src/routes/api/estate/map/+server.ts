import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { estateJsonResponse } from '$lib/server/estate-json';
import { estateMapData } from '$lib/map/summaries.server';
import type { RequestHandler } from './$types';

/** The estate map's buildings, zones and zone polygons, kept by the browser per estate version. */
export const GET: RequestHandler = ({ request }) => {
	const db = getDb();
	const partnershipId = getPartnership(db).id;
	return estateJsonResponse(request, db, partnershipId, 'estate map', () => estateMapData(db, partnershipId));
};
