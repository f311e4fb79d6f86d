import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership, listOrganisations, listServices, listSites, listZones } from '$lib/server/estate';
import { contextLayerRefs, siteSummary, zoneFeatures } from '$lib/map/summaries.server';
import type { Bbox } from '$lib/map/types';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import { ScenarioNotFoundError } from '$lib/server/scenarios';
import * as mitigations from '$lib/server/mitigations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const db = getDb();
	const partnershipId = getPartnership(db).id;
	let scenario: scenarios.Scenario;
	try {
		scenario = scenarios.get(db, partnershipId, Number(params.id));
	} catch (e) {
		if (e instanceof ScenarioNotFoundError) error(404, `There is no scenario ${params.id}; it may have been deleted.`);
		throw e;
	}
	const organisations = listOrganisations(db, partnershipId);
	const sites = listSites(db, partnershipId);
	const zones = listZones(db, partnershipId, { geometry: true });
	return {
		scenario,
		sites: sites.map((s) => ({ ...siteSummary(s, organisations), services: s.services.map((x) => x.serviceCode) })),
		zones: zoneFeatures(zones),
		contextLayers: contextLayerRefs(db, partnershipId),
		zoneCentres: zones.map((z) => ({ id: `zone:${z.code}`, label: `${z.name}${z.wardName ? `, ${z.wardName}` : ''} (${z.code})`, lon: z.centroidLon, lat: z.centroidLat })),
		bbox: boundsOf(zones.map((z) => [z.centroidLon, z.centroidLat] as const)),
		serviceNames: Object.fromEntries(listServices(db).map((s) => [s.code, s.name])),
		organisations: organisations.map(({ id, name }) => ({ id, name })),
		mitigations: mitigations.list(db, partnershipId, scenario.id),
		pilotCosts: pilots.costsForAppraisal(db, partnershipId, scenario.id)
	};
};

/** Bounds of the zone centroids, padded by a little so edge zones are not cut off. */
function boundsOf(points: (readonly [number, number])[]): Bbox {
	const lons = points.map((p) => p[0]);
	const lats = points.map((p) => p[1]);
	const pad = 0.01;
	return [Math.min(...lons) - pad, Math.min(...lats) - pad, Math.max(...lons) + pad, Math.max(...lats) + pad];
}
