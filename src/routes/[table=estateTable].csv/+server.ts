import { ESTATE_TABLE_CSV } from '$lib/map/tables.server';
import { withheldFor } from '$lib/server/restricted-fields';
import type { RequestHandler } from './$types';

/** Every row of /sites or /zones that the address's search, filters and sort select (all pages), as CSV. */
export const GET: RequestHandler = async ({ params, url, locals }) =>
	ESTATE_TABLE_CSV[params.table](locals.db, locals.partnership.id, url, await withheldFor(locals.db, locals.partnership.id, locals.role));
