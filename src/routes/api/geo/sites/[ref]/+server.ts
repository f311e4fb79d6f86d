import { error, json } from '@sveltejs/kit';
import { siteDetail } from '$lib/map/summaries.server';
import { withheldFor } from '$lib/server/restricted-fields';
import type { RequestHandler } from './$types';

/** Everything known about one building, for the map's detail panel. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const db = locals.db;
	const detail = await siteDetail(db, locals.partnership.id, params.ref, await withheldFor(db, locals.partnership.id, locals.role));
	if (!detail) error(404, `No site with ref "${params.ref}".`);
	return json(detail);
};
