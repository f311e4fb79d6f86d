/**
 * Turns estate rows into the slim shapes the map and tables ship to the browser: the full site rows
 * with provenance and attributes are about 0.5 MB, these about a quarter of that. The detail panel
 * fetches one site in full when it opens.
 */
import { siteEstimates } from '$lib/estimates-used';
import type { Db } from '$lib/server/db';
import { openDataSources } from '$lib/server/open-data-sources';
import { withholdFields, type Withheld } from '$lib/server/restricted-fields';
import type { WithheldField } from '$lib/restricted-fields';
import {
	getSite,
	getZone,
	listContextLayerNames,
	listOrganisations,
	listSites,
	listZones,
	type Organisation,
	type SiteWithServices,
	type ZoneRow,
	type ZoneAttributes
} from '$lib/server/estate';
import type { MapZone } from './indicators';
import { CONTEXT_LAYER_NAMES } from './style';
import type { ContextLayerRef, SiteSummary } from './types';

/** A building as the map and tables show it; `site` has passed through withholdFields for its reader. */
export function siteSummary(site: SiteWithServices & { restrictedFields: WithheldField[] }, organisations: Organisation[]): SiteSummary {
	const { giaEstimated, runningCostEstimated, visitsEstimated } = siteEstimates(site);
	return {
		ref: site.ref,
		name: site.name,
		kind: site.kind,
		operatorName: site.operatorName,
		organisationId: site.organisationId,
		organisationName: organisations.find((o) => o.id === site.organisationId)?.name ?? null,
		address: site.address,
		postcode: site.postcode,
		lsoaCode: site.lsoaCode,
		lon: site.lon,
		lat: site.lat,
		giaM2: site.giaM2,
		giaEstimated,
		annualRunningCostGbp: site.annualRunningCostGbp,
		runningCostEstimated,
		visitsPerWeek: site.visitsPerWeek,
		visitsEstimated,
		restrictedFields: site.restrictedFields
	};
}

export function zoneSummary(z: ZoneAttributes): MapZone {
	return {
		code: z.code,
		name: z.name,
		wardName: z.wardName,
		centroid: [z.centroidLon, z.centroidLat],
		areaHa: z.areaHa,
		popTotal: z.popTotal,
		pop65Plus: z.pop65Plus,
		pop75Plus: z.pop75Plus,
		imdDecile: z.imdDecile,
		pctHouseholdsNoCar: z.pctHouseholdsNoCar,
		pctDisabled: z.pctDisabled,
		pctBadHealth: z.pctBadHealth
	};
}

/** Zone polygons with just their code and name (the colours are set by code on the client). */
export function zoneFeatures(zones: ZoneRow[]): GeoJSON.FeatureCollection {
	return {
		type: 'FeatureCollection',
		features: zones.map((z) => ({
			type: 'Feature',
			properties: { code: z.code, name: z.name },
			geometry: z.geometry
		}))
	};
}

/** Everything known about one building, as the detail panel and /sites/[ref] show it. */
export interface SiteDetailData {
	/** With the fields withheld from its reader set to null and named in `restrictedFields`. */
	site: SiteWithServices & { restrictedFields: WithheldField[] };
	organisationName: string | null;
	/** Who published the dataset the building came from; null for an imported file. */
	sourcePublisher: string | null;
}

/** One zone's profile: every column but the polygon. */
export type ZoneProfileData = Omit<ZoneRow, 'geometry'>;

export async function siteDetail(db: Db, partnershipId: string, ref: string, withheld: Withheld): Promise<SiteDetailData | null> {
	const found = await getSite(db, partnershipId, ref);
	if (!found) return null;
	const site = withholdFields(found, withheld);
	const organisationName = (await listOrganisations(db, partnershipId)).find((o) => o.id === site.organisationId)?.name ?? null;
	const sourcePublisher = site.source ? (openDataSources()[site.source]?.publisher ?? null) : null;
	return { site, organisationName, sourcePublisher };
}

export async function zoneProfile(db: Db, partnershipId: string, code: string): Promise<ZoneProfileData | null> {
	const zone = await getZone(db, partnershipId, code);
	if (!zone) return null;
	const { geometry: _geometry, ...profile } = zone;
	return profile;
}

/**
 * Context layers the offline map draws that this partnership has, as URLs the map fetches. The
 * browser keeps a layer for minutes, so the URL names the partnership: after switching partnership,
 * or another person signing in on the same browser, the map fetches that partnership's layer.
 */
export async function contextLayerRefs(db: Db, partnershipId: string): Promise<ContextLayerRef[]> {
	const have = new Set(await listContextLayerNames(db, partnershipId));
	return CONTEXT_LAYER_NAMES.filter((name) => have.has(name)).map((name) => ({
		name,
		url: `/api/geo/context/${encodeURIComponent(name)}?partnership=${encodeURIComponent(partnershipId)}`
	}));
}

/** All buildings of a partnership as summaries (without what is withheld from the reader), with the partners they belong to. */
export async function siteSummaries(db: Db, partnershipId: string, withheld: Withheld) {
	const organisations = await listOrganisations(db, partnershipId);
	return {
		sites: (await listSites(db, partnershipId)).map((s) => siteSummary(withholdFields(s, withheld), organisations)),
		organisations: organisations.map(({ id, name }) => ({ id, name }))
	};
}

export type EstateMapData = Awaited<ReturnType<typeof estateMapData>>;

/** What the estate map draws: every building and zone as summaries, and the zone polygons. */
export async function estateMapData(db: Db, partnershipId: string, withheld: Withheld) {
	const zones = await listZones(db, partnershipId, { geometry: true });
	return { ...(await siteSummaries(db, partnershipId, withheld)), zones: zones.map(zoneSummary), zoneGeometry: zoneFeatures(zones) };
}
