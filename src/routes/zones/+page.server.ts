import { listZones } from '$lib/server/estate';
import { zoneSummary } from '$lib/map/summaries.server';
import type { PageServerLoad } from './$types';

/** Every zone without its polygon, for the table (the choropleth's accessible alternative). */
export const load: PageServerLoad = async ({ locals }) => {
	const db = locals.db;
	return { zones: (await listZones(db, locals.partnership.id)).map(zoneSummary) };
};
