import { getDb } from '$lib/server/db';
import { getPartnership, listZones } from '$lib/server/estate';
import { zoneSummary } from '$lib/map/summaries.server';
import type { PageServerLoad } from './$types';

/** Every zone without its polygon, for the table (the choropleth's accessible alternative). */
export const load: PageServerLoad = () => {
	const db = getDb();
	return { zones: listZones(db, getPartnership(db).id).map(zoneSummary) };
};
