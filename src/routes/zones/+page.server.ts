import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { estateTablePage } from '$lib/server/estate-table';
import { zoneTable } from '$lib/map/tables.server';
import type { PageServerLoad } from './$types';

/** A page of the zones table (the choropleth's accessible alternative), as the address filters and sorts it. */
export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	const partnershipId = getPartnership(db).id;
	return { table: estateTablePage(db, partnershipId, url, zoneTable(db, partnershipId)) };
};
