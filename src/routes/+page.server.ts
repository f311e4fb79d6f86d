import { getDb } from '$lib/server/db';
import { getPartnership, listZones } from '$lib/server/estate';
import { byEstateVersion } from '$lib/server/estate-cache';
import { toJsonText } from '$lib/json-text';
import { contextLayerRefs, siteSummaries, zoneFeatures, zoneSummary } from '$lib/map/summaries.server';
import type { PageServerLoad } from './$types';

/** The estate map: buildings and zones as summaries, zone polygons, and where to fetch the context. */
export const load: PageServerLoad = () => {
	const db = getDb();
	const partnership = getPartnership(db);
	const estate = byEstateVersion(db, partnership.id, 'estate map', () => {
		const zones = listZones(db, partnership.id, { geometry: true });
		return toJsonText({
			...siteSummaries(db, partnership.id),
			zones: zones.map(zoneSummary),
			zoneGeometry: zoneFeatures(zones)
		});
	});
	return {
		partnershipName: partnership.name,
		bbox: partnership.bbox,
		estate,
		contextLayers: contextLayerRefs(db, partnership.id)
	};
};
