/**
 * Co-location fit: does each building receiving services have the spare space for them?
 *
 * Rules (also in the engine README):
 * - A service's space need is its recorded `spaceM2`, or the action's `spaceM2`, or an estimate:
 *   staff FTE × m² per FTE where staff are recorded, else the service's typical space
 *   (`colocation.serviceSpaceM2`, norms in norms.ts). A council contact service added to a Post
 *   Office needs no space: its transactions go over the existing counters (the Sheffield pilot). It
 *   is never the host building's floor area. A service with no figure and no norm counts as 0 m²,
 *   with a warning.
 * - vacant = GIA − occupied, where occupied is recorded; else GIA × (1 − defaultOccupancyShare),
 *   an estimate. freed = the need of the services leaving the building.
 * - incoming = Σ need of services moved or added in; shared = incoming × sharedSpaceShare
 *   (reception, meeting rooms and WCs they use instead of bringing); net = incoming − shared.
 * - shortfall = max(0, net − vacant − freed); reconfigured = net − shortfall; fits when the GIA is
 *   known, there is no shortfall and, where desks are known, staff FTE after ≤ desks.
 * - fit-out = reconfigured × fitOutGbpPerM2 (refurbishment) + shortfall × extensionGbpPerM2
 *   (extension or new lease).
 * - extra running cost = reconfigured × marginalRunningGbpPerM2 (the building runs anyway) +
 *   shortfall × the building's running cost per m² (new space costs what its space costs).
 * - A hub receiving nothing has no incoming space, so it costs nothing.
 */
import type { HubFit, ScenarioParameters, SiteInput, SpaceBasis } from '../types';
import { estimatedSpaceNeed } from '../norms';
import type { ScenarioState } from './apply';

/** Hub fits and the warnings they raise, hubs in site order. */
export function assessColocation(
	state: ScenarioState,
	params: ScenarioParameters
): { hubs: HubFit[]; warnings: string[] } {
	const warnings: string[] = [];
	const k = params.colocation;
	const hubs = state.hubs.map((h): HubFit => {
		const site = state.sites[h];
		const label = `${site.name} (${site.ref})`;
		const unknown: string[] = [];
		// Only an incoming service's unknown need matters to the fit, so only those are reported.
		const need = (service: string, spaceM2: number | null, staffFte: number | null, given: SpaceBasis, incoming = false) => {
			if (spaceM2 !== null && spaceM2 >= 0) return { spaceM2, spaceBasis: given, spaceMethod: '' };
			const estimate = estimatedSpaceNeed(service, staffFte, k);
			if (estimate) return { spaceM2: estimate.spaceM2, spaceBasis: 'estimated' as const, spaceMethod: estimate.method };
			if (incoming) unknown.push(service);
			return { spaceM2: 0, spaceBasis: 'estimated' as const, spaceMethod: 'no space recorded and no norm for this service: counted as 0 m²' };
		};
		const staffOf = (fte: number | null) => (fte !== null && fte > 0 ? fte : 0);
		const leaves = (service: string) =>
			state.moves.some((m) => m.from === h && m.service === service) || (state.withdrawn.get(h)?.has(service) ?? false);
		const kept = site.services.filter((x) => !leaves(x.service));
		const left = site.services.filter((x) => leaves(x.service));
		const postOffice = site.services.some((x) => x.service === 'post_office') && !leaves('post_office');
		const incoming: HubFit['incoming'] = [
			...state.moves
				.filter((m) => m.to === h)
				.map((m) => ({
					service: m.service,
					fromSiteRef: state.sites[m.from].ref,
					...need(m.service, m.spaceM2, m.staffFte, m.spaceFromAction ? 'action' : 'recorded', true),
					staffFte: staffOf(m.staffFte)
				})),
			...state.added
				.filter((x) => x.site === h)
				.map((x) => ({
					service: x.service,
					fromSiteRef: null,
					...(x.spaceM2 === null && postOffice && params.channelShift.services.includes(x.service)
						? { spaceM2: 0, spaceBasis: 'estimated' as const, spaceMethod: 'council transactions over the existing Post Office counters (as in the Sheffield pilot)' }
						: need(x.service, x.spaceM2, null, 'action', true)),
					staffFte: 0
				}))
		];
		const existingSpaceM2 = sum(kept.map((x) => need(x.service, x.spaceM2, x.staffFte, 'recorded').spaceM2));
		const freedM2 = sum(left.map((x) => need(x.service, x.spaceM2, x.staffFte, 'recorded').spaceM2));
		const incomingSpaceM2 = sum(incoming.map((x) => x.spaceM2));
		const sharedSpaceSavingM2 = incomingSpaceM2 * k.sharedSpaceShare;
		const netM2 = incomingSpaceM2 - sharedSpaceSavingM2;
		const staffFteAfter = sum(kept.map((x) => staffOf(x.staffFte))) + sum(incoming.map((x) => x.staffFte));

		const gia = site.giaM2 !== null && site.giaM2 > 0 ? site.giaM2 : null;
		const { vacantM2, vacantBasis } = vacantSpace(site, gia, k.defaultOccupancyShare);
		const shortfallM2 = gia === null ? 0 : Math.max(0, netM2 - vacantM2 - freedM2);
		const reconfiguredM2 = netM2 - shortfallM2;
		const desksFit = site.desks === null || staffFteAfter <= site.desks;
		const fits = gia !== null && shortfallM2 === 0 && desksFit;

		const refurbishmentCostGbp = reconfiguredM2 * params.appraisal.fitOutGbpPerM2;
		const extensionCostGbp = shortfallM2 * k.extensionGbpPerM2;
		let extraRunningCostGbp = reconfiguredM2 * k.marginalRunningGbpPerM2;
		if (shortfallM2 > 0) {
			if (site.annualRunningCostGbp === null || gia === null)
				warnings.push(`Hub ${label} needs ${round(shortfallM2)} m² more but its running cost per m² is unknown; counted as £0.`);
			else extraRunningCostGbp += shortfallM2 * (site.annualRunningCostGbp / gia);
		}

		if (gia === null && incomingSpaceM2 > 0)
			warnings.push(`Hub ${label} has no floor area recorded, so whether ${round(netM2)} m² fits cannot be checked.`);
		else if (shortfallM2 > 0)
			warnings.push(
				`Hub ${label} is ${round(shortfallM2)} m² short: the incoming services need ${round(netM2)} m² after sharing, and it has ${round(vacantM2)} m² vacant${vacantBasis === 'estimated' ? ' (estimated)' : ''} plus ${round(freedM2)} m² freed.`
			);
		if (!desksFit) warnings.push(`Hub ${label} has ${site.desks} desks for ${staffFteAfter} staff FTE.`);
		if (unknown.length)
			warnings.push(`Hub ${label}: no space figure or norm for ${[...new Set(unknown)].join(', ')}; counted as 0 m².`);

		return {
			hubRef: site.ref,
			name: site.name,
			floorAreaM2: site.giaM2,
			existingSpaceM2,
			vacantM2,
			vacantBasis,
			freedM2,
			incomingSpaceM2,
			incoming,
			sharedSpaceSavingM2,
			reconfiguredM2,
			fits,
			shortfallM2,
			fitOutCostGbp: refurbishmentCostGbp + extensionCostGbp,
			refurbishmentCostGbp,
			extensionCostGbp,
			extraRunningCostGbp,
			desks: site.desks,
			staffFteAfter
		};
	});
	return { hubs, warnings };
}

/**
 * Space standing empty in a building before the scenario: floor area less recorded occupied
 * space, else floor area × (1 − the default occupancy share), an estimate. 0 without a floor area.
 */
export function vacantSpace(
	site: Pick<SiteInput, 'occupiedM2'>,
	giaM2: number | null,
	defaultOccupancyShare: number
): { vacantM2: number; vacantBasis: 'recorded' | 'estimated' } {
	if (giaM2 === null) return { vacantM2: 0, vacantBasis: 'estimated' };
	if (site.occupiedM2 !== undefined && site.occupiedM2 !== null)
		return { vacantM2: Math.max(0, giaM2 - site.occupiedM2), vacantBasis: 'recorded' };
	return { vacantM2: giaM2 * (1 - defaultOccupancyShare), vacantBasis: 'estimated' };
}

function sum(values: number[]): number {
	return values.reduce((s, v) => s + v, 0);
}

function round(n: number): string {
	return Math.round(n).toLocaleString('en-GB');
}
