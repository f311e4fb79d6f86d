/**
 * Co-location fit: does each hub have the floor area and desks for the services moving in?
 *
 * Rules (also in the engine README):
 * - existing space = Σ spaceM2 of the services the hub keeps (its own, less any moved out);
 *   incoming space = Σ spaceM2 of the services moved in. A missing space figure counts as 0 m²,
 *   with a warning.
 * - fits when the hub's gross internal area is known, existing + incoming ≤ GIA, and, where the
 *   hub's desks are known, staff FTE after the moves ≤ desks.
 * - shortfall = max(0, existing + incoming − GIA) m²; 0 when GIA is unknown (then fits = false
 *   and a warning says the fit could not be checked).
 * - fit-out cost = incoming space × fitOutGbpPerM2: every moved-in service needs its space fitted
 *   out whether or not the building has room. Space beyond the GIA is not built here; its running
 *   cost is charged in the appraisal (extra hub running cost).
 */
import type { HubFit, ScenarioParameters } from '../types';
import type { ScenarioState } from './apply';

/** Hub fits and the warnings they raise, hubs in site order. */
export function assessColocation(
	state: ScenarioState,
	params: ScenarioParameters
): { hubs: HubFit[]; warnings: string[] } {
	const warnings: string[] = [];
	const hubs = state.hubs.map((h): HubFit => {
		const site = state.sites[h];
		let missingSpace = 0;
		const spaceOf = (m2: number | null) => {
			if (m2 === null) missingSpace++;
			return m2 !== null && m2 > 0 ? m2 : 0;
		};
		const staffOf = (fte: number | null) => (fte !== null && fte > 0 ? fte : 0);
		const kept = site.services.filter(
			(x) => !state.moves.some((m) => m.from === h && m.service === x.service)
		);
		const incoming = state.moves
			.filter((m) => m.to === h)
			.map((m) => ({
				service: m.service,
				fromSiteRef: state.sites[m.from].ref,
				spaceM2: spaceOf(m.spaceM2),
				staffFte: staffOf(m.staffFte)
			}));
		const existingSpaceM2 = kept.reduce((sum, x) => sum + spaceOf(x.spaceM2), 0);
		const incomingSpaceM2 = incoming.reduce((sum, x) => sum + x.spaceM2, 0);
		const staffFteAfter =
			kept.reduce((sum, x) => sum + staffOf(x.staffFte), 0) + incoming.reduce((sum, x) => sum + x.staffFte, 0);
		const gia = site.giaM2 !== null && site.giaM2 > 0 ? site.giaM2 : null;
		const needM2 = existingSpaceM2 + incomingSpaceM2;
		const shortfallM2 = gia === null ? 0 : Math.max(0, needM2 - gia);
		const desksFit = site.desks === null || staffFteAfter <= site.desks;
		const fits = gia !== null && shortfallM2 === 0 && desksFit;

		const label = `${site.name} (${site.ref})`;
		if (gia === null)
			warnings.push(`Hub ${label} has no floor area recorded, so whether ${needM2} m² fits cannot be checked.`);
		else if (shortfallM2 > 0)
			warnings.push(`Hub ${label} is ${shortfallM2} m² short: needs ${needM2} m², has ${gia} m².`);
		if (!desksFit) warnings.push(`Hub ${label} has ${site.desks} desks for ${staffFteAfter} staff FTE.`);
		if (missingSpace)
			warnings.push(`Hub ${label}: ${missingSpace} service${missingSpace === 1 ? ' has' : 's have'} no space figure; counted as 0 m².`);

		return {
			hubRef: site.ref,
			name: site.name,
			floorAreaM2: site.giaM2,
			existingSpaceM2,
			incomingSpaceM2,
			incoming,
			fits,
			shortfallM2,
			fitOutCostGbp: incomingSpaceM2 * params.appraisal.fitOutGbpPerM2,
			desks: site.desks,
			staffFteAfter
		};
	});
	return { hubs, warnings };
}
