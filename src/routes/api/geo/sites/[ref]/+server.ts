import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { siteDetail } from '$lib/map/summaries.server';
import type { RequestHandler } from './$types';

/** Everything known about one building, for the map's detail panel. */
export const GET: RequestHandler = ({ params }) => {
	const db = getDb();
	const detail = siteDetail(db, getPartnership(db).id, params.ref);
	if (!detail) error(404, `No site with ref "${params.ref}".`);
	return json(detail);
};
