import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership, loadEngineData } from '$lib/server/estate';
import type { RequestHandler } from './$types';

/** The estate as engine input, for the Web Workers that run the engine in the browser. */
export const GET: RequestHandler = () => {
	const db = getDb();
	return json(loadEngineData(db, getPartnership(db).id));
};
