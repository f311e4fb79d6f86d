import { error } from '@sveltejs/kit';
import { contextLayerJson, listContextLayerNames } from '$lib/server/estate';
import type { RequestHandler } from './$types';

/** One basemap context layer (boundary, wards_2023, greenspace_sites …) as GeoJSON, for the map. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const db = locals.db;
	const partnershipId = locals.partnership.id;
	// The stored text goes out as it is: parsing and re-serialising megabytes would hold the event loop.
	const geojson = await contextLayerJson(db, partnershipId, params.name);
	if (geojson === null) error(404, `No context layer "${params.name}"; there are: ${(await listContextLayerNames(db, partnershipId)).join(', ')}.`);
	return new Response(geojson, { headers: { 'content-type': 'application/json', 'cache-control': 'private, max-age=300' } });
};
