import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { estateJsonUrl } from '$lib/server/estate-json';
import { contextLayerRefs } from '$lib/map/summaries.server';
import type { PageServerLoad } from './$types';

/** The estate map: where to fetch the buildings and zones (kept by the browser per estate version) and the context. */
export const load: PageServerLoad = () => {
	const db = getDb();
	const partnership = getPartnership(db);
	return {
		partnershipName: partnership.name,
		bbox: partnership.bbox,
		estateUrl: estateJsonUrl('/api/estate/map', db, partnership.id),
		contextLayers: contextLayerRefs(db, partnership.id)
	};
};
