import { loadEngineData } from '$lib/server/estate';
import { estateJsonResponse } from '$lib/server/estate-json';
import type { RequestHandler } from './$types';

/** The estate as engine input, for the Web Workers that run the engine in the browser. */
export const GET: RequestHandler = ({ request, locals }) => {
	const { db, partnership } = locals;
	return estateJsonResponse(request, db, partnership.id, 'engine data', () => loadEngineData(db, partnership.id));
};
