import { listZones } from '$lib/server/estate';
import { byEstateVersion } from '$lib/server/estate-cache';
import { toJsonText } from '$lib/json-text';
import { contextLayerRefs, siteSummaries, zoneFeatures, zoneSummary } from '$lib/map/summaries.server';
import type { PageServerLoad } from './$types';

/** The estate map: buildings and zones as summaries, zone polygons, and where to fetch the context. */
export const load: PageServerLoad = async ({ locals }) => {
	const db = locals.db;
	const partnership = locals.partnership;
	const estate = await byEstateVersion(db, partnership.id, 'estate map', async () => {
		const zones = await listZones(db, partnership.id, { geometry: true });
		return toJsonText({
			...(await siteSummaries(db, partnership.id)),
			zones: zones.map(zoneSummary),
			zoneGeometry: zoneFeatures(zones)
		});
	});
	return {
		partnershipName: partnership.name,
		bbox: partnership.bbox,
		estate,
		contextLayers: await contextLayerRefs(db, partnership.id)
	};
};
