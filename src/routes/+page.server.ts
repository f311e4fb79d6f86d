import { estateJsonUrl } from '$lib/server/estate-json';
import { contextLayerRefs } from '$lib/map/summaries.server';
import { withheldFor } from '$lib/server/restricted-fields';
import type { PageServerLoad } from './$types';

/** The estate map: where to fetch the buildings and zones (kept by the browser per estate version) and the context. */
export const load: PageServerLoad = async ({ locals }) => {
	const { db, partnership } = locals;
	return {
		partnershipName: partnership.name,
		bbox: partnership.bbox,
		estateUrl: await estateJsonUrl('/api/estate/map', db, partnership.id, await withheldFor(db, partnership.id, locals.role)),
		contextLayers: await contextLayerRefs(db, partnership.id)
	};
};
