import { json } from '@sveltejs/kit';
import { loadEngineData } from '$lib/server/estate';
import type { RequestHandler } from './$types';

/** The estate as engine input, for the Web Workers that run the engine in the browser. */
export const GET: RequestHandler = async ({ locals }) => {
	const db = locals.db;
	return json(await loadEngineData(db, locals.partnership.id));
};
