/**
 * For one service, the nearest open site offering it from every zone, in the scenario's cost
 * unit: metres (straight, or straight × circuity in road mode) or matrix minutes.
 *
 * Method: walk the zone's prepared list of nearest baseline sites and take the first that still
 * offers the service; compare it with every site that offers it only in the scenario (added sites
 * and move targets, a handful, checked directly); if every listed site is closed, ask the spatial
 * index for the nearest open one. Ties in cost go to the lower site index.
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

/** The nearest open site offering `service`, for every zone, after the scenario in `state`. */
export function nearestOpenSites(
	estate: PreparedEstate,
	state: ScenarioState,
	service: string,
	distance: ScenarioParameters['distance']
): NearestSites {
	const inMinutes = distance.mode === 'matrix';
	const scale = distance.mode === 'road' ? distance.circuity : 1;
	const zoneCount = estate.zones.length;
	const site = new Int32Array(zoneCount).fill(-1);
	const cost = new Float64Array(zoneCount).fill(NaN);
	const lists = estate.candidates(service, inMinutes);
	const indexed = estate.sitesOffering(service);
	const movedOut = state.movedOut.get(service);
	const extras = state.extraOffer.get(service) ?? [];
	const isOpen = (i: number) => !state.closed[i] && !movedOut?.has(i);

	for (let z = 0; z < zoneCount; z++) {
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
		if (best >= 0 && bestCost !== Infinity) {
			site[z] = best;
			cost[z] = inMinutes ? bestCost : bestCost * scale;
		}
	}
	return { service, unit: inMinutes ? 'min' : 'm', site, cost };
}
