/**
 * The "add a new site" form: typed text in, a `NewSiteInput` out, or a message per field. The
 * server checks again (src/lib/server/scenarios.ts); this answers before the round trip and keeps
 * the same limits (a UK location, a floor area above 0).
 */
import { haversineM } from '../engine/geo/distance';
import type { NewSiteInput } from '../engine/types';
import { parseNumber, UK_BOUNDS } from '../parse';

export interface NewSiteForm {
	name: string;
	kind: string;
	lon: string;
	lat: string;
	giaM2: string;
	annualRunningCostGbp: string;
	services: string[];
}


export function emptyNewSiteForm(): NewSiteForm {
	return { name: '', kind: 'community_hub', lon: '', lat: '', giaM2: '', annualRunningCostGbp: '', services: [] };
}

/**
 * Parse the form; `ref` is the id the new site gets. Errors are keyed by field name.
 *
 * @example
 * parseNewSite({ ...emptyNewSiteForm(), name: 'Hub', lon: '-2.3', lat: '53.4', services: ['library'] }, 'new-hub').site?.lon; // -2.3
 */
export function parseNewSite(form: NewSiteForm, ref: string): { site: NewSiteInput | null; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const name = form.name.trim();
	if (!name) errors.name = 'Enter a name for the new site.';
	const lon = parseNumber(form.lon);
	const lat = parseNumber(form.lat);
	const { lonMin, lonMax, latMin, latMax } = UK_BOUNDS;
	if (lon === null) errors.lon = 'Enter a longitude, for example -2.32, or click the map.';
	else if (lon < lonMin || lon > lonMax) errors.lon = `Longitude ${lon} is outside the UK (${lonMin} to ${lonMax}).`;
	if (lat === null) errors.lat = 'Enter a latitude, for example 53.42, or click the map.';
	else if (lat < latMin || lat > latMax) errors.lat = `Latitude ${lat} is outside the UK (${latMin} to ${latMax}).`;
	const giaM2 = optionalNumber(form.giaM2);
	if (giaM2 === undefined || (giaM2 !== null && giaM2 <= 0))
		errors.giaM2 = `Floor area must be a number of square metres above 0${form.giaM2.trim() ? ` (got “${form.giaM2.trim()}”)` : ''}, or left empty.`;
	const cost = optionalNumber(form.annualRunningCostGbp);
	if (cost === undefined || (cost !== null && cost < 0))
		errors.annualRunningCostGbp = `Running cost must be a number of pounds, 0 or more (got “${form.annualRunningCostGbp.trim()}”), or left empty.`;
	if (!form.services.length) errors.services = 'Choose at least one service the new site offers.';
	if (Object.keys(errors).length || lon === null || lat === null) return { site: null, errors };
	return {
		site: {
			ref,
			name,
			kind: form.kind,
			lon,
			lat,
			giaM2: giaM2 ?? null,
			annualRunningCostGbp: cost ?? null,
			services: form.services.map((service) => ({ service, visitsPerWeek: null, spaceM2: null, staffFte: null }))
		},
		errors
	};
}

/** null for an empty field, undefined for text that is not a number. */
function optionalNumber(text: string): number | null | undefined {
	return text.trim() === '' ? null : (parseNumber(text) ?? undefined);
}

/** A place a new site can be put at without a map: a building, or a zone's population-weighted centre. */
export interface Place {
	/** `site:REF` or `zone:CODE`, unique among the places offered. */
	id: string;
	label: string;
	lon: number;
	lat: number;
}

/**
 * Places in the order a chooser lists them: nearest the point last clicked on the map first (with
 * the distance in the label), else alphabetically. This is the keyboard route to placing a site:
 * choose a building or zone instead of clicking the map (issue 13).
 *
 * @example placesByNearness([{ id: 'zone:A', label: 'A', lon: -2.3, lat: 53.4 }], null)[0].label // 'A'
 */
export function placesByNearness(places: readonly Place[], point: { lon: number; lat: number } | null): Place[] {
	if (!point) return [...places].sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
	return places
		.map((p) => ({ place: p, distanceM: haversineM(point.lon, point.lat, p.lon, p.lat) }))
		.sort((a, b) => a.distanceM - b.distanceM)
		.map(({ place, distanceM }) => ({ ...place, label: `${place.label} (${distanceM < 1000 ? `${Math.round(distanceM)} m` : `${(distanceM / 1000).toFixed(1)} km`} away)` }));
}
