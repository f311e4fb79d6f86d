import { listOrganisations } from '$lib/server/estate';
import { byEstateVersion } from '$lib/server/estate-cache';
import { estateTablePage } from '$lib/server/estate-table';
import { siteTable } from '$lib/map/tables.server';
import { withheldFor } from '$lib/server/restricted-fields';
import type { PageServerLoad } from './$types';

/** A page of the buildings table (the map's accessible alternative), as the address filters and sorts it. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const { db, partnership } = locals;
	const table = siteTable(db, partnership.id, await withheldFor(db, partnership.id, locals.role));
	const kinds = await byEstateVersion(db, partnership.id, 'site kinds', async () => [...new Set((await table.rows()).map((s) => s.kind))]);
	return {
		table: await estateTablePage(db, partnership.id, url, table),
		kinds,
		organisations: (await listOrganisations(db, partnership.id)).map(({ id, name }) => ({ id, name }))
	};
};
