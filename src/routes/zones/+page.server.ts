import { estateTablePage } from '$lib/server/estate-table';
import { zoneTable } from '$lib/map/tables.server';
import type { PageServerLoad } from './$types';

/** A page of the zones table (the choropleth's accessible alternative), as the address filters and sorts it. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const { db, partnership } = locals;
	return { table: await estateTablePage(db, partnership.id, url, zoneTable(db, partnership.id)) };
};
