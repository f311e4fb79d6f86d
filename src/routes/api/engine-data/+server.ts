import { getDb } from '$lib/server/db';
import { getPartnership, loadEngineData } from '$lib/server/estate';
import { estateJsonResponse } from '$lib/server/estate-json';
import type { RequestHandler } from './$types';

/** The estate as engine input, for the Web Workers that run the engine in the browser. */
export const GET: RequestHandler = ({ request }) => {
	const db = getDb();
	const partnershipId = getPartnership(db).id;
	return estateJsonResponse(request, db, partnershipId, 'engine data', () => loadEngineData(db, partnershipId));
};
