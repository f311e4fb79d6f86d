import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { siteSummariesJson } from '$lib/map/summaries.server';
import type { PageServerLoad } from './$types';

/** Every building, for the sortable, filterable table (the map's accessible alternative). */
export const load: PageServerLoad = () => {
	const db = getDb();
	return { summaries: siteSummariesJson(db, getPartnership(db).id) };
};
