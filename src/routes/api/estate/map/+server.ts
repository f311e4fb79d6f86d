import { estateJsonResponse } from '$lib/server/estate-json';
import { estateMapData } from '$lib/map/summaries.server';
import { withheldFor } from '$lib/server/restricted-fields';
import type { RequestHandler } from './$types';

/** The estate map's buildings, zones and zone polygons, kept by the browser per estate version. */
export const GET: RequestHandler = async ({ request, locals }) => {
	const { db, partnership } = locals;
	const withheld = await withheldFor(db, partnership.id, locals.role);
	return estateJsonResponse(request, db, partnership.id, withheld, 'estate map', () => estateMapData(db, partnership.id, withheld));
};
