import { estateJsonResponse } from '$lib/server/estate-json';
import { estateMapData } from '$lib/map/summaries.server';
import type { RequestHandler } from './$types';

/** The estate map's buildings, zones and zone polygons, kept by the browser per estate version. */
export const GET: RequestHandler = ({ request, locals }) => {
	const { db, partnership } = locals;
	return estateJsonResponse(request, db, partnership.id, 'estate map', () => estateMapData(db, partnership.id));
};
