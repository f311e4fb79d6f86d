import { error } from '@sveltejs/kit';
import { listOrganisations, listServices, listSites, listZones } from '$lib/server/estate';
import { contextLayerRefs, siteSummary, zoneFeatures } from '$lib/map/summaries.server';
import type { Bbox } from '$lib/map/types';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import { ScenarioNotFoundError } from '$lib/server/scenarios';
import * as mitigations from '$lib/server/mitigations';
import { moneyRestricted, withheldFor, withholdFields } from '$lib/server/restricted-fields';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = locals.db;
	const partnershipId = locals.partnership.id;
	let scenario: scenarios.Scenario;
	try {
		scenario = await scenarios.get(db, partnershipId, Number(params.id));
	} catch (e) {
		if (e instanceof ScenarioNotFoundError) error(404, `There is no scenario ${params.id}; it may have been deleted.`);
		throw e;
	}
	const organisations = await listOrganisations(db, partnershipId);
	const withheld = await withheldFor(db, partnershipId, locals.role);
	const sites = (await listSites(db, partnershipId)).map((s) => withholdFields(s, withheld));
	const zones = await listZones(db, partnershipId, { geometry: true });
	return {
		scenario,
		/** The engine data in this reader's browser lacks restricted costs or lease terms, so its money figures would be wrong: the panel shows none. */
		moneyRestricted: moneyRestricted(withheld),
		sites: sites.map((s) => ({ ...siteSummary(s, organisations), services: s.services.map((x) => x.serviceCode) })),
		zones: zoneFeatures(zones),
		contextLayers: await contextLayerRefs(db, partnershipId),
		zoneCentres: zones.map((z) => ({ id: `zone:${z.code}`, label: `${z.name}${z.wardName ? `, ${z.wardName}` : ''} (${z.code})`, lon: z.centroidLon, lat: z.centroidLat })),
		bbox: boundsOf(zones.map((z) => [z.centroidLon, z.centroidLat] as const)),
		serviceNames: Object.fromEntries((await listServices(db)).map((s) => [s.code, s.name])),
		organisations: organisations.map(({ id, name }) => ({ id, name })),
		mitigations: await mitigations.list(db, partnershipId, scenario.id),
		pilotCosts: await pilots.costsForAppraisal(db, partnershipId, scenario.id)
	};
};

/** Bounds of the zone centroids, padded by a little so edge zones are not cut off. */
function boundsOf(points: (readonly [number, number])[]): Bbox {
	const lons = points.map((p) => p[0]);
	const lats = points.map((p) => p[1]);
	const pad = 0.01;
	return [Math.min(...lons) - pad, Math.min(...lats) - pad, Math.max(...lons) + pad, Math.max(...lats) + pad];
}
