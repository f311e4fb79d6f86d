/**
 * For one service, the nearest open site offering it from every zone, in the scenario's cost
 * unit: metres (straight, or straight × circuity in road mode) or matrix minutes.
 *
 * Method: walk the zone's prepared list of nearest baseline sites and take the first that still
 * offers the service; compare it with every site that offers it only in the scenario (added sites
 * and move targets, a handful, checked directly); if every listed site is closed, ask the spatial
 * index for the nearest open one. Ties in cost go to the lower site index.
 *
 * Given the baseline answer and its catchments, a scenario that only closes sites redoes only the
 * zones whose baseline site closed: every other zone's first listed site is still open, so its
 * answer is the baseline's. One more closure then costs its catchment, not the whole country.
 */
import type { PreparedEstate } from '../prepare';
import type { ScenarioParameters } from '../types';
import { nearestM } from '../geo/nearest';
import { offers, type ScenarioState } from '../scenario/apply';

/** Per zone: the nearest open site offering the service (−1: none) and its cost (NaN: none). */
export interface NearestSites {
	service: string;
	unit: 'm' | 'min';
	site: Int32Array;
	cost: Float64Array;
}

/**
 * Each site's catchment under one answer: the zones whose nearest site it is, ascending, stored
 * as compressed rows (`zones[start[i]]` up to `zones[start[i + 1]]` for site i).
 */
export interface Catchments {
	start: Int32Array;
	zones: Int32Array;
}

/** The catchments of sites 0..siteCount − 1 under `nearest`, by counting sort (zones stay ascending). */
export function catchmentsOf(nearest: NearestSites, siteCount: number): Catchments {
	const start = new Int32Array(siteCount + 1);
	for (const i of nearest.site) if (i >= 0) start[i + 1]++;
	for (let i = 0; i < siteCount; i++) start[i + 1] += start[i];
	const next = start.slice(0, siteCount);
	const zones = new Int32Array(start[siteCount]);
	for (let z = 0; z < nearest.site.length; z++) {
		const i = nearest.site[z];
		if (i >= 0) zones[next[i]++] = z;
	}
	return { start, zones };
}

/** The zones whose nearest site is `site` (a view, not a copy), ascending. */
export function catchment(catchments: Catchments, site: number): Int32Array {
	return catchments.zones.subarray(catchments.start[site], catchments.start[site + 1]);
}

/** The baseline's answer for the same service and distance parameters, and its catchments. */
export interface BaselineNearest {
	nearest: NearestSites;
	catchments: Catchments;
}

/**
 * The nearest open site offering `service`, for every zone, after the scenario in `state`.
 * Pass `baseline` (computed with the same `distance`) to redo only the zones closures can change;
 * the answer is the same.
 */
export function nearestOpenSites(
	estate: PreparedEstate,
	state: ScenarioState,
	service: string,
	distance: ScenarioParameters['distance'],
	baseline?: BaselineNearest
): NearestSites {
	const inMinutes = distance.mode === 'matrix';
	const scale = distance.mode === 'road' ? distance.circuity : 1;
	const zoneCount = estate.zones.length;
	const lists = estate.candidates(service, inMinutes);
	const indexed = estate.sitesOffering(service);
	const movedOut = state.movedOut.get(service);
	const extras = state.extraOffer.get(service) ?? [];
	const isOpen = (i: number) => !state.closed[i] && !movedOut?.has(i);

	// When the service only loses sites, just the catchments of closed sites can change. A site
	// offering it only in the scenario (an added site or a move's hub, which every move of the
	// service has) can be nearest to any zone, so then every zone is redone.
	if (baseline && extras.length === 0 && !movedOut) {
		const site = baseline.nearest.site.slice();
		const cost = baseline.nearest.cost.slice();
		for (const i of state.closedSites) {
			// Closed added sites have no baseline catchment.
			if (i < state.baselineCount) for (const z of catchment(baseline.catchments, i)) solve(z, site, cost);
		}
		return { service, unit: inMinutes ? 'min' : 'm', site, cost };
	}
	const site = new Int32Array(zoneCount);
	const cost = new Float64Array(zoneCount);
	for (let z = 0; z < zoneCount; z++) solve(z, site, cost);
	return { service, unit: inMinutes ? 'min' : 'm', site, cost };

	/** Zone z's nearest open site into `site[z]` (−1: none) and its cost into `cost[z]` (NaN: none). */
	function solve(z: number, site: Int32Array, cost: Float64Array): void {
		let best = -1;
		let bestCost = Infinity;
		const base = z * lists.stride;
		let exhausted = true;
		for (let k = 0; k < lists.stride; k++) {
			const i = lists.site[base + k];
			if (i < 0) break;
			if (isOpen(i)) {
				best = i;
				bestCost = lists.cost[base + k];
				exhausted = false;
				break;
			}
		}
		if (exhausted && !lists.complete && indexed.tree) {
			const zone = estate.zones[z];
			const found = nearestM(indexed.tree, zone.lon, zone.lat, 1, (id) => isOpen(indexed.siteIdx[id]));
			if (found.ids.length) {
				best = indexed.siteIdx[found.ids[0]];
				bestCost = found.distancesM[0];
			}
		}
		for (const i of extras) {
			if (!offers(state, i, service)) continue;
			const s = state.sites[i];
			const c = inMinutes ? estate.minutes(z, s) : estate.straightM(z, s.lon, s.lat);
			if (c < bestCost || (c === bestCost && c !== Infinity && i < best)) {
				best = i;
				bestCost = c;
			}
		}
		const reached = best >= 0 && bestCost !== Infinity;
		site[z] = reached ? best : -1;
		cost[z] = !reached ? NaN : inMinutes ? bestCost : bestCost * scale;
	}
}
