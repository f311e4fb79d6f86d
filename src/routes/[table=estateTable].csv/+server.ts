import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { ESTATE_TABLE_CSV } from '$lib/map/tables.server';
import type { RequestHandler } from './$types';

/** Every row of /sites or /zones that the address's search, filters and sort select (all pages), as CSV. */
export const GET: RequestHandler = ({ params, url }) => {
	const db = getDb();
	return ESTATE_TABLE_CSV[params.table](db, getPartnership(db).id, url);
};
