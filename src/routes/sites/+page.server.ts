import { siteSummariesJson } from '$lib/map/summaries.server';
import type { PageServerLoad } from './$types';

/** Every building, for the sortable, filterable table (the map's accessible alternative). */
export const load: PageServerLoad = async ({ locals }) => {
	const db = locals.db;
	return { summaries: await siteSummariesJson(db, locals.partnership.id) };
};
