import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { zoneProfile } from '$lib/map/summaries.server';
import type { RequestHandler } from './$types';

/** One zone's profile without its polygon, for the map's detail panel. */
export const GET: RequestHandler = ({ params }) => {
	const db = getDb();
	const zone = zoneProfile(db, getPartnership(db).id, params.code);
	if (!zone) error(404, `No zone with code "${params.code}".`);
	return json(zone);
};
