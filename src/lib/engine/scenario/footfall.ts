/**
 * Where the visits of closed sites and moved services go.
 *
 * Rules (also in the engine README):
 * 1. Displaced visits: for each closed site, the weekly visits of every service it offered that
 *    was not moved out; for each open site, the visits of every service withdrawn from it; plus
 *    the weekly visits of every moved service. A missing visit count counts as 0, with a warning.
 * 2. A moved service's visits all go to its hub: the service, its staff and its users move
 *    together, so none are lost or shifted to other channels.
 * 3. A closed site's visits for a service come from its catchment: the zones whose nearest
 *    baseline site offering the service was that site. They are split between those zones in
 *    proportion to population. If the catchment is empty or has no people, they are attributed to
 *    the zone whose centroid is nearest the site.
 * 4. Only for services whose contacts can go to phone or web (`channelShift.services`; council
 *    contacts by default, never library or GP visits), each zone's part v loses a channel-shift
 *    share σ to phone and web (the digital divide makes σ smaller in older and more deprived zones):
 *      σ = baseShare × (1 − olderReduction × share65Plus) × (1 − deprivedReduction if IMD decile ≤ 2)
 *    phone = v σ phoneShare, web = v σ − phone.
 * 5. The rest, v − v σ, goes to the zone's nearest open site offering the service in the scenario
 *    (the same site the access figures use), or is lost when no site offers it.
 * So for every displaced visit: reassigned + phone + web + lost = displaced.
 * 6. A site's load is the sum of its services' weekly visits; over capacity when the scenario load
 *    exceeds `visitCapacityPerWeek`. An added site starts from no visits (the demand it would draw
 *    from other sites is not modelled) and gains what is reassigned to it. A service added to a
 *    building brings the visits its action states (none when it states none).
 */
import type { PreparedEstate } from '../prepare';
import type { FootfallResult, ScenarioParameters, SiteLoad, SiteServiceInput, VisitFlow, ZoneInput } from '../types';
import { catchment, type Catchments, type NearestSites } from '../access/nearest';
import type { ScenarioState } from './apply';

/** Baseline catchments and scenario nearest sites for a service, computed on demand by the caller. */
export type NearestPair = (service: string) => { catchments: Catchments; after: NearestSites };

/** Channel-shift share σ for a zone (rule 4 above), between 0 and 1. */
export function channelShiftShare(zone: ZoneInput, c: ScenarioParameters['channelShift']): number {
	const older = Math.min(1, Math.max(0, zone.share65Plus || 0));
	const deprived = zone.imdDecile !== null && zone.imdDecile <= 2;
	const sigma = c.baseShare * (1 - c.olderReduction * older) * (deprived ? 1 - c.deprivedReduction : 1);
	return Math.min(1, Math.max(0, sigma));
}

/** Reassign the visits displaced by a scenario (rules above). */
export function reassignFootfall(
	estate: PreparedEstate,
	state: ScenarioState,
	nearest: NearestPair,
	params: ScenarioParameters
): FootfallResult {
	const warnings: string[] = [];
	const flows = new Map<string, VisitFlow>();
	const delta = new Map<number, number>();
	const totals = { displaced: 0, reassigned: 0, phone: 0, web: 0, lost: 0, added: 0 };
	const shiftByService = new Map<string, { phone: number; web: number }>();
	const shifts = new Set(params.channelShift.services);
	let missingCounts = 0;
	const addFlow = (from: number, to: number, service: string, visits: number) => {
		if (visits === 0) return;
		const key = `${from}|${to}|${service}`;
		const flow = flows.get(key);
		if (flow) flow.visitsPerWeek += visits;
		else
			flows.set(key, {
				fromSiteRef: state.sites[from].ref,
				toSiteRef: to >= 0 ? state.sites[to].ref : null,
				service,
				visitsPerWeek: visits
			});
		delta.set(from, (delta.get(from) ?? 0) - visits);
		if (to >= 0) delta.set(to, (delta.get(to) ?? 0) + visits);
	};
	const visitsOf = (count: number | null) => {
		if (count === null) missingCounts++;
		return count !== null && Number.isFinite(count) && count > 0 ? count : 0;
	};

	for (const m of state.moves) {
		const v = visitsOf(m.visitsPerWeek);
		totals.displaced += v;
		totals.reassigned += v;
		addFlow(m.from, m.to, m.service, v);
	}

	for (const x of state.added) {
		const v = x.visitsPerWeek !== null && x.visitsPerWeek > 0 ? x.visitsPerWeek : 0;
		totals.added += v;
		if (v > 0) delta.set(x.site, (delta.get(x.site) ?? 0) + v);
	}

	// Closed sites' services and withdrawn services; an added site has none of its own (rule 6).
	const displacedAt = [...new Set([...state.closedSites, ...state.withdrawn.keys()])].sort((a, b) => a - b);
	for (const c of displacedAt) {
		if (c >= state.baselineCount) continue;
		for (const row of state.sites[c].services) {
			if (state.moves.some((m) => m.from === c && m.service === row.service)) continue;
			if (!state.closed[c] && !state.withdrawn.get(c)?.has(row.service)) continue;
			const visits = visitsOf(row.visitsPerWeek);
			if (visits === 0) continue;
			totals.displaced += visits;
			const { catchments, after } = nearest(row.service);
			const origins = visitOrigins(estate, catchments, c, state.sites[c]);
			if (origins.length === 0) {
				totals.lost += visits;
				addFlow(c, -1, row.service, visits);
				continue;
			}
			const canShift = shifts.has(row.service);
			for (const [z, part] of origins) {
				const v = visits * part;
				const shifted = canShift ? v * channelShiftShare(estate.zones[z], params.channelShift) : 0;
				const phone = shifted * params.channelShift.phoneShare;
				totals.phone += phone;
				totals.web += shifted - phone;
				if (shifted > 0) {
					const byService = shiftByService.get(row.service) ?? { phone: 0, web: 0 };
					byService.phone += phone;
					byService.web += shifted - phone;
					shiftByService.set(row.service, byService);
				}
				const faceToFace = v - shifted;
				const to = after.site[z];
				if (to >= 0) totals.reassigned += faceToFace;
				else totals.lost += faceToFace;
				addFlow(c, to, row.service, faceToFace);
			}
		}
	}
	if (missingCounts)
		warnings.push(
			`${missingCounts} displaced service${missingCounts === 1 ? ' has' : 's have'} no weekly visit count; counted as 0 visits.`
		);
	if (estate.zones.length === 0 && totals.lost > 0)
		warnings.push('There are no zones to attribute visits to, so the visits of closed sites are counted as lost.');

	const loads = siteLoads(state, delta);
	for (const load of loads)
		if (load.overCapacity)
			warnings.push(
				`${load.name} (${load.siteRef}) would have ${round(load.scenarioVisitsPerWeek)} visits a week against a capacity of ${load.capacityVisitsPerWeek}.`
			);

	return {
		displacedVisitsPerWeek: totals.displaced,
		reassignedVisitsPerWeek: totals.reassigned,
		shiftedToPhoneVisitsPerWeek: totals.phone,
		shiftedToWebVisitsPerWeek: totals.web,
		lostVisitsPerWeek: totals.lost,
		channelShift: [...shiftByService]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([service, x]) => ({ service, phoneVisitsPerWeek: x.phone, webVisitsPerWeek: x.web })),
		addedVisitsPerWeek: totals.added,
		flows: [...flows.values()].sort(
			(a, b) =>
				a.fromSiteRef.localeCompare(b.fromSiteRef) ||
				a.service.localeCompare(b.service) ||
				(a.toSiteRef ?? '').localeCompare(b.toSiteRef ?? '')
		),
		loads,
		warnings
	};
}

/**
 * Zones the visits of site `c` come from, with each one's part (parts sum to 1): its baseline
 * catchment by population, else the zone nearest the site; none when there are no zones (rule 3).
 * Closures split displaced visits with it; the optimiser's visit capacities split today's visits.
 *
 * @example
 * for (const [z, part] of visitOrigins(estate, catchments, c, site)) zoneVisits[z] += visitsPerWeek * part;
 */
export function visitOrigins(
	estate: PreparedEstate,
	catchments: Catchments,
	c: number,
	site: { lon: number; lat: number }
): [number, number][] {
	const zones: number[] = [];
	let total = 0;
	for (const z of catchment(catchments, c)) {
		if (estate.population[z] === 0) continue;
		zones.push(z);
		total += estate.population[z];
	}
	if (total > 0) return zones.map((z) => [z, estate.population[z] / total]);
	const nearest = estate.nearestZone(site.lon, site.lat);
	return nearest >= 0 ? [[nearest, 1]] : [];
}

/**
 * A building's recorded visits per week, summed over its services (or all but `exceptService`);
 * a service with no figure counts as none. Rule 6's baseline load, and what the hub optimiser takes
 * off a building's visit capacity for the services that stay there.
 */
export function recordedVisitsPerWeek(site: { services: readonly SiteServiceInput[] }, exceptService?: string): number {
	return site.services.reduce(
		(sum, x) => sum + (x.service !== exceptService && x.visitsPerWeek && x.visitsPerWeek > 0 ? x.visitsPerWeek : 0),
		0
	);
}

function siteLoads(state: ScenarioState, delta: Map<number, number>): SiteLoad[] {
	return [...delta.keys()]
		.sort((a, b) => a - b)
		.map((i) => {
			const site = state.sites[i];
			const baseline = i < state.baselineCount ? recordedVisitsPerWeek(site) : 0;
			const scenario = state.closed[i] ? 0 : Math.max(0, baseline + (delta.get(i) ?? 0));
			const capacity = site.visitCapacityPerWeek;
			return {
				siteRef: site.ref,
				name: site.name,
				baselineVisitsPerWeek: baseline,
				scenarioVisitsPerWeek: scenario,
				capacityVisitsPerWeek: capacity,
				overCapacity: capacity !== null && scenario > capacity
			};
		});
}

function round(n: number): string {
	return Math.round(n).toLocaleString('en-GB');
}
