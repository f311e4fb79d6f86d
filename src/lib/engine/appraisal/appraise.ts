/**
 * The financial appraisal of a scenario. Rules and formulas (also in the engine README):
 *
 * Annual (revenue), £ a year:
 * - running saving = Σ annualRunningCostGbp of vacated estate sites (missing → 0, with a warning).
 * - extra hub running cost = Σ over hubs of shortfallM2 × (the hub's annualRunningCostGbp ÷ its
 *   GIA): space beyond the hub's floor area is assumed to cost what its current space costs per
 *   m². Unknown cost per m² → 0, with a warning.
 * - new-site running cost = Σ annualRunningCostGbp of added sites (missing → 0, with a warning).
 * - channel saving = 52 × (phone visits a week × (faceToFace − phone) + web visits a week ×
 *   (faceToFace − web)), unit costs per contact.
 * - net saving = running saving − extra hub running cost − new-site running cost + channel saving.
 * One-off, £:
 * - fit-out = Σ hub fit-out costs (colocation.ts); moves = moveCostGbpPerService × moves;
 *   dilapidations = dilapidationsGbpPerM2 × Σ GIA of vacated estate sites; ICT = ictGbpPerHub ×
 *   hubs; optimism bias = optimismBias × (fit-out + dilapidations + ICT), the building and
 *   equipment works the Green Book uplift is for (moving costs are not uplifted).
 * - capital receipts = Σ capitalReceiptsGbp of vacated sites (receipts named for other sites are
 *   ignored, with a warning).
 * Cash flow and NPV: cashflow.ts. Partner shares: partners.ts.
 */
import type { PreparedEstate } from '../prepare';
import type { AppraisalResult, FootfallResult, HubFit, ScenarioParameters } from '../types';
import { WEEKS_PER_YEAR } from '../parameters';
import type { ScenarioState } from '../scenario/apply';
import { discountedCashFlow } from './cashflow';
import { partnerShares } from './partners';

/** Appraise a scenario from its state, hub fits and footfall (rules above). */
export function appraise(
	estate: PreparedEstate,
	state: ScenarioState,
	hubs: HubFit[],
	footfall: FootfallResult,
	params: ScenarioParameters
): { appraisal: AppraisalResult; warnings: string[] } {
	const a = params.appraisal;
	const warnings: string[] = [];
	const vacatedIdx = state.vacated.filter((i) => i < state.baselineCount);
	const vacated = vacatedIdx.map((i) => state.sites[i]);

	const noCost = vacated.filter((s) => s.annualRunningCostGbp === null).map((s) => s.ref);
	if (noCost.length) warnings.push(`No running cost recorded for vacated ${list(noCost)}; saving counted as £0.`);
	const vacatedSites = vacated.map((s) => ({
		siteRef: s.ref,
		name: s.name,
		annualRunningCostGbp: s.annualRunningCostGbp ?? 0
	}));
	const annualRunningSavingGbp = sum(vacatedSites.map((s) => s.annualRunningCostGbp));

	let extraHubRunningCostGbp = 0;
	hubs.forEach((hub, k) => {
		if (hub.shortfallM2 === 0) return;
		const site = state.sites[state.hubs[k]];
		if (site.annualRunningCostGbp === null || !site.giaM2)
			warnings.push(`Hub ${site.ref} needs ${hub.shortfallM2} m² more but its running cost per m² is unknown; counted as £0.`);
		else extraHubRunningCostGbp += hub.shortfallM2 * (site.annualRunningCostGbp / site.giaM2);
	});

	const added = state.sites.slice(state.baselineCount).filter((_, k) => !state.vacated.includes(state.baselineCount + k));
	const addedNoCost = added.filter((s) => s.annualRunningCostGbp === null).map((s) => s.ref);
	if (addedNoCost.length) warnings.push(`No running cost given for new ${list(addedNoCost)}; counted as £0.`);
	const newSiteRunningCostGbp = sum(added.map((s) => s.annualRunningCostGbp ?? 0));

	const unit = a.unitCostGbp;
	const annualChannelSavingGbp =
		WEEKS_PER_YEAR *
		(footfall.shiftedToPhoneVisitsPerWeek * (unit.faceToFace - unit.phone) +
			footfall.shiftedToWebVisitsPerWeek * (unit.faceToFace - unit.web));
	const annualNetSavingGbp =
		annualRunningSavingGbp - extraHubRunningCostGbp - newSiteRunningCostGbp + annualChannelSavingGbp;

	const noArea = vacated.filter((s) => s.giaM2 === null).map((s) => s.ref);
	if (noArea.length && a.dilapidationsGbpPerM2 > 0)
		warnings.push(`No floor area recorded for vacated ${list(noArea)}; no dilapidations counted for them.`);
	const fitOutGbp = sum(hubs.map((h) => h.fitOutCostGbp));
	const movesGbp = a.moveCostGbpPerService * state.moves.length;
	const dilapidationsGbp = a.dilapidationsGbpPerM2 * sum(vacated.map((s) => s.giaM2 ?? 0));
	const ictGbp = a.ictGbpPerHub * hubs.length;
	const optimismBiasGbp = a.optimismBias * (fitOutGbp + dilapidationsGbp + ictGbp);
	const oneOff = {
		fitOutGbp,
		movesGbp,
		dilapidationsGbp,
		ictGbp,
		optimismBiasGbp,
		totalGbp: fitOutGbp + movesGbp + dilapidationsGbp + ictGbp + optimismBiasGbp
	};

	const vacatedRefs = new Set(vacated.map((s) => s.ref));
	let capitalReceiptsGbp = 0;
	for (const [ref, gbp] of Object.entries(a.capitalReceiptsGbp).sort(([x], [y]) => x.localeCompare(y))) {
		if (vacatedRefs.has(ref)) capitalReceiptsGbp += gbp;
		else warnings.push(`Capital receipt for '${ref}' ignored: that site is not vacated in this scenario.`);
	}

	const { cashFlows, npvGbp, paybackYear } = discountedCashFlow(
		capitalReceiptsGbp - oneOff.totalGbp,
		annualNetSavingGbp,
		a.periodYears,
		a.discountRate
	);

	const involved = [...new Set([...vacatedIdx, ...state.hubs.filter((h) => h < state.baselineCount)])]
		.sort((x, y) => x - y)
		.map((i) => state.sites[i]);
	const partners = partnerShares(a.partnerSplit, estate.data.organisations, involved, a.agreedShares, {
		annualSavingGbp: annualNetSavingGbp,
		oneOffCostGbp: oneOff.totalGbp,
		npvGbp
	});
	warnings.push(...partners.warnings);

	return {
		appraisal: {
			vacatedSites,
			annualRunningSavingGbp,
			extraHubRunningCostGbp,
			newSiteRunningCostGbp,
			annualChannelSavingGbp,
			annualNetSavingGbp,
			oneOff,
			capitalReceiptsGbp,
			cashFlows,
			npvGbp,
			paybackYear,
			partnerShares: partners.shares
		},
		warnings
	};
}

function sum(values: number[]): number {
	return values.reduce((s, v) => s + v, 0);
}

function list(refs: string[]): string {
	return refs.length === 1 ? `site ${refs[0]}` : `sites ${refs.join(', ')}`;
}
