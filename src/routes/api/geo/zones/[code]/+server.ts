import { error, json } from '@sveltejs/kit';
import { zoneProfile } from '$lib/map/summaries.server';
import type { RequestHandler } from './$types';

/** One zone's profile without its polygon, for the map's detail panel. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const db = locals.db;
	const zone = await zoneProfile(db, locals.partnership.id, params.code);
	if (!zone) error(404, `No zone with code "${params.code}".`);
	return json(zone);
};
