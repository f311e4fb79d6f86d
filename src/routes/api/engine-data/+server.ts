import { loadEngineData } from '$lib/server/estate';
import { estateJsonResponse } from '$lib/server/estate-json';
import { withheldFor, withholdEngineData } from '$lib/server/restricted-fields';
import type { RequestHandler } from './$types';

/** The estate as engine input, for the Web Workers that run the engine in the browser (restricted values left out for viewers). */
export const GET: RequestHandler = async ({ request, locals }) => {
	const { db, partnership } = locals;
	const withheld = await withheldFor(db, partnership.id, locals.role);
	return estateJsonResponse(request, db, partnership.id, withheld, 'engine data', async () => withholdEngineData(await loadEngineData(db, partnership.id), withheld));
};
