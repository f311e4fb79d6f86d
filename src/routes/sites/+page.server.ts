import { getDb } from '$lib/server/db';
import { getPartnership, listOrganisations } from '$lib/server/estate';
import { byEstateVersion } from '$lib/server/estate-cache';
import { estateTablePage } from '$lib/server/estate-table';
import { siteTable } from '$lib/map/tables.server';
import type { PageServerLoad } from './$types';

/** A page of the buildings table (the map's accessible alternative), as the address filters and sorts it. */
export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	const partnershipId = getPartnership(db).id;
	const table = siteTable(db, partnershipId);
	const kinds = byEstateVersion(db, partnershipId, 'site kinds', () => [...new Set(table.rows().map((s) => s.kind))]);
	return {
		table: estateTablePage(db, partnershipId, url, table),
		kinds,
		organisations: listOrganisations(db, partnershipId).map(({ id, name }) => ({ id, name }))
	};
};
