/**
 * The financial appraisal of a scenario. Rules and formulas (also in the engine README):
 *
 * Vacated buildings and their disposal route (`appraisal.disposalRoutes`, else a building with a
 * capital receipt entered or a freehold is sold and the rest are handed back):
 * - sell: the receipt entered for it, else floor area × disposalValueGbpPerM2 (an estimate);
 * - let: floor area × lettingGbpPerM2PerYear a year, from year 1;
 * - hand back: no receipt; dilapidations = dilapidationsGbpPerM2 × floor area; where a lease end
 *   is recorded, the running cost is saved only from it (the part of each appraisal year after it).
 * Every route saves the building's running cost (missing → 0, with a warning).
 *
 * Annual, £ a year, at full effect:
 * - cashable = running saving + letting income − extra hub running cost (colocation.ts) −
 *   new-site running cost − Post Office fees − pilot running costs;
 * - non-cashable = channel saving + staff time;
 *   channel saving = 52 × Σ over services (phone × (faceToFace − phone) + web × (faceToFace −
 *   web)), at the service's own unit costs (`serviceUnitCostGbp`) or the default set;
 *   Post Office: council contacts (`channelShift.services`) arriving at or added to a building
 *   that keeps its post office counter are charged postOfficeGbpPerTransaction each (cashable),
 *   and the council's own face-to-face cost for them is staff time saved (non-cashable);
 * - net saving = cashable + non-cashable.
 * One-off, £:
 * - fit-out = Σ hub fit-out (refurbishment + extension); moves = moveCostGbpPerService × moves;
 *   dilapidations (above); ICT = ictGbpPerHub × hubs that take in space (a hub receiving nothing
 *   costs nothing); optimism bias = optimismBias × (fit-out + dilapidations + ICT); pilot one-off
 *   costs.
 * Cash flows (cashflow.ts): year 0 = receipts − one-off; years 1..N = that year's savings; NPV and
 * payback for all savings and for cashable savings only. Partner shares: partners.ts, with each
 * partner's own pilot contributions added to it.
 */
import type { PreparedEstate } from '../prepare';
import type {
	AppraisalResult,
	DisposalRoute,
	FootfallResult,
	HubFit,
	PilotCostInput,
	ScenarioParameters,
	SiteInput,
	VacatedSite
} from '../types';
import { WEEKS_PER_YEAR } from '../parameters';
import { offers, type ScenarioState } from '../scenario/apply';
import { discountedCashFlow } from './cashflow';
import { partnerShares, type PartnerTotals } from './partners';

const MS_PER_YEAR = 365.25 * 24 * 3600 * 1000;

/** Appraise a scenario from its state, hub fits and footfall (rules above). */
export function appraise(
	estate: PreparedEstate,
	state: ScenarioState,
	hubs: HubFit[],
	footfall: FootfallResult,
	params: ScenarioParameters,
	pilotCosts: PilotCostInput[] = []
): { appraisal: AppraisalResult; warnings: string[] } {
	const a = params.appraisal;
	const n = a.periodYears;
	const warnings: string[] = [];
	const vacatedIdx = state.vacated.filter((i) => i < state.baselineCount);
	const vacated = vacatedIdx.map((i) => state.sites[i]);

	const noCost = vacated.filter((s) => s.annualRunningCostGbp === null).map((s) => s.ref);
	if (noCost.length) warnings.push(`No running cost recorded for vacated ${list(noCost)}; saving counted as £0.`);
	const vacatedSites = vacated.map((s) => disposal(s, params));
	const annualRunningSavingGbp = sum(vacatedSites.map((s) => s.annualRunningCostGbp));
	const annualLettingIncomeGbp = sum(vacatedSites.map((s) => s.lettingIncomeGbp));
	// Year by year: a lease that runs on delays its building's saving.
	const runningByYear = Array.from({ length: n }, (_, t) =>
		sum(vacatedSites.map((s) => s.annualRunningCostGbp * yearShareAfter(a.startDate, t + 1, s.leaseEnd)))
	);
	vacatedSites.forEach((s) => {
		const first = runningByYear.findIndex((_, t) => yearShareAfter(a.startDate, t + 1, s.leaseEnd) > 0);
		s.savingFromYear = first < 0 ? null : first + 1;
		if (s.leaseEnd && s.savingFromYear !== 1)
			warnings.push(`${s.name} (${s.siteRef}) is handed back at its lease end, ${s.leaseEnd}: its running cost is saved from ${s.savingFromYear === null ? 'after the appraisal period' : `year ${s.savingFromYear}`}.`);
	});

	const extraHubRunningCostGbp = sum(hubs.map((h) => h.extraRunningCostGbp));
	const added = state.sites.slice(state.baselineCount).filter((_, k) => !state.vacated.includes(state.baselineCount + k));
	const addedNoCost = added.filter((s) => s.annualRunningCostGbp === null).map((s) => s.ref);
	if (addedNoCost.length) warnings.push(`No running cost given for new ${list(addedNoCost)}; counted as £0.`);
	const newSiteRunningCostGbp = sum(added.map((s) => s.annualRunningCostGbp ?? 0));

	const unitCost = (service: string) => a.serviceUnitCostGbp[service] ?? a.unitCostGbp;
	const annualChannelSavingGbp =
		WEEKS_PER_YEAR *
		sum(
			footfall.channelShift.map((x) => {
				const u = unitCost(x.service);
				return x.phoneVisitsPerWeek * (u.faceToFace - u.phone) + x.webVisitsPerWeek * (u.faceToFace - u.web);
			})
		);

	const counter = postOfficeContacts(estate, state, footfall, params);
	const postOfficeFeesGbp = WEEKS_PER_YEAR * sum([...counter.values()]) * a.postOfficeGbpPerTransaction;
	const annualStaffTimeSavingGbp = WEEKS_PER_YEAR * sum([...counter].map(([service, v]) => v * unitCost(service).faceToFace));

	const pilotRunningCostGbp = sum(pilotCosts.filter((c) => c.kind === 'annual').map((c) => c.amountGbp));
	const pilotOneOffGbp = sum(pilotCosts.filter((c) => c.kind === 'one_off').map((c) => c.amountGbp));

	const annualCostsGbp = extraHubRunningCostGbp + newSiteRunningCostGbp + postOfficeFeesGbp + pilotRunningCostGbp;
	const annualCashableSavingGbp = annualRunningSavingGbp + annualLettingIncomeGbp - annualCostsGbp;
	const annualNonCashableSavingGbp = annualChannelSavingGbp + annualStaffTimeSavingGbp;
	const annualNetSavingGbp = annualCashableSavingGbp + annualNonCashableSavingGbp;
	const cashableByYear = runningByYear.map((running) => running + annualLettingIncomeGbp - annualCostsGbp);

	const handedBack = vacated.filter((_, k) => vacatedSites[k].route === 'hand_back');
	const noArea = handedBack.filter((s) => s.giaM2 === null).map((s) => s.ref);
	if (noArea.length && a.dilapidationsGbpPerM2 > 0)
		warnings.push(`No floor area recorded for vacated ${list(noArea)}; no dilapidations counted for them.`);
	const fitOutGbp = sum(hubs.map((h) => h.fitOutCostGbp));
	const movesGbp = a.moveCostGbpPerService * state.moves.length;
	const dilapidationsGbp = a.dilapidationsGbpPerM2 * sum(handedBack.map((s) => s.giaM2 ?? 0));
	const ictGbp = a.ictGbpPerHub * hubs.filter((h) => h.incomingSpaceM2 > 0).length;
	const optimismBiasGbp = a.optimismBias * (fitOutGbp + dilapidationsGbp + ictGbp);
	const oneOff = {
		fitOutGbp,
		movesGbp,
		dilapidationsGbp,
		ictGbp,
		optimismBiasGbp,
		pilotGbp: pilotOneOffGbp,
		totalGbp: fitOutGbp + movesGbp + dilapidationsGbp + ictGbp + optimismBiasGbp + pilotOneOffGbp
	};

	const vacatedRefs = new Set(vacated.map((s) => s.ref));
	for (const ref of Object.keys(a.capitalReceiptsGbp).sort())
		if (!vacatedRefs.has(ref)) warnings.push(`Capital receipt for '${ref}' ignored: that site is not vacated in this scenario.`);
	const capitalReceiptsGbp = sum(vacatedSites.map((s) => s.capitalReceiptGbp));
	const estimatedReceipts = vacatedSites.filter((s) => s.receiptBasis === 'estimated');
	if (estimatedReceipts.length)
		warnings.push(
			`Capital receipts for ${estimatedReceipts.map((s) => s.name).join(', ')} are estimates (floor area × £${a.disposalValueGbpPerM2} per m²); enter a valuation to replace them.`
		);

	const year0 = capitalReceiptsGbp - oneOff.totalGbp;
	const all = discountedCashFlow(year0, cashableByYear.map((c) => c + annualNonCashableSavingGbp), n, a.discountRate);
	const cashable = discountedCashFlow(year0, cashableByYear, n, a.discountRate);

	const involved = [...new Set([...vacatedIdx, ...state.hubs.filter((h) => h < state.baselineCount)])]
		.sort((x, y) => x - y)
		.map((i) => state.sites[i]);
	const annuity = sum(Array.from({ length: n }, (_, t) => 1 / (1 + a.discountRate) ** (t + 1)));
	const direct = pilotShares(pilotCosts, annuity);
	const pilot = [...direct.values()].reduce(
		(s, x) => ({ annualSavingGbp: s.annualSavingGbp + x.annualSavingGbp, oneOffCostGbp: s.oneOffCostGbp + x.oneOffCostGbp, npvGbp: s.npvGbp + x.npvGbp }),
		{ annualSavingGbp: 0, oneOffCostGbp: 0, npvGbp: 0 }
	);
	const partners = partnerShares(
		a.partnerSplit,
		estate.data.organisations,
		involved,
		a.agreedShares,
		{
			annualSavingGbp: annualNetSavingGbp - pilot.annualSavingGbp,
			oneOffCostGbp: oneOff.totalGbp - pilot.oneOffCostGbp,
			npvGbp: all.npvGbp - pilot.npvGbp
		},
		direct
	);
	warnings.push(...partners.warnings);

	return {
		appraisal: {
			vacatedSites,
			annualRunningSavingGbp,
			extraHubRunningCostGbp,
			newSiteRunningCostGbp,
			annualChannelSavingGbp,
			annualLettingIncomeGbp,
			postOfficeFeesGbp,
			annualStaffTimeSavingGbp,
			pilotRunningCostGbp,
			annualCashableSavingGbp,
			annualNonCashableSavingGbp,
			annualNetSavingGbp,
			oneOff,
			capitalReceiptsGbp,
			cashFlows: all.cashFlows,
			npvGbp: all.npvGbp,
			paybackYear: all.paybackYear,
			cashFlowsCashable: cashable.cashFlows,
			npvCashableGbp: cashable.npvGbp,
			paybackYearCashable: cashable.paybackYear,
			partnerShares: partners.shares
		},
		warnings
	};
}

/** A vacated building's route, receipt, rent and lease end (rules above). */
function disposal(site: SiteInput, params: ScenarioParameters): VacatedSite {
	const a = params.appraisal;
	const chosen = a.disposalRoutes[site.ref];
	const entered = a.capitalReceiptsGbp[site.ref];
	const route: DisposalRoute = chosen ?? (entered !== undefined || site.tenure === 'freehold' ? 'sell' : 'hand_back');
	const gia = site.giaM2 ?? 0;
	const receipt =
		route !== 'sell'
			? { capitalReceiptGbp: 0, receiptBasis: 'none' as const }
			: entered !== undefined
				? { capitalReceiptGbp: entered, receiptBasis: 'scenario' as const }
				: { capitalReceiptGbp: gia * a.disposalValueGbpPerM2, receiptBasis: gia > 0 ? ('estimated' as const) : ('none' as const) };
	return {
		siteRef: site.ref,
		name: site.name,
		annualRunningCostGbp: site.annualRunningCostGbp ?? 0,
		route,
		routeBasis: chosen ? 'scenario' : 'default',
		...receipt,
		lettingIncomeGbp: route === 'let' ? gia * a.lettingGbpPerM2PerYear : 0,
		leaseEnd: route === 'hand_back' ? (site.leaseEnd ?? null) : null,
		savingFromYear: 1
	};
}

/**
 * The share of appraisal year `year` (1 = the year from `startDate`) after `leaseEnd`: 1 with no
 * lease end or one before the year, 0 when the lease runs past it, the part after it otherwise.
 */
export function yearShareAfter(startDate: string, year: number, leaseEnd: string | null): number {
	if (!leaseEnd) return 1;
	const start = Date.parse(startDate);
	const end = Date.parse(leaseEnd);
	if (Number.isNaN(start) || Number.isNaN(end)) return 1;
	const from = start + (year - 1) * MS_PER_YEAR;
	const to = from + MS_PER_YEAR;
	return Math.min(1, Math.max(0, (to - Math.max(from, end)) / MS_PER_YEAR));
}

/**
 * Council contacts (visits a week) handled at Post Office counters, by service: visits of a
 * `channelShift.services` service arriving at (footfall flows) or stated for (add_service) a
 * building that still offers `post_office` in the scenario.
 */
function postOfficeContacts(
	estate: PreparedEstate,
	state: ScenarioState,
	footfall: FootfallResult,
	params: ScenarioParameters
): Map<string, number> {
	const council = new Set(params.channelShift.services);
	const atCounter = (i: number) => i >= 0 && offers(state, i, 'post_office');
	// Added sites are few; the estate's refs are indexed.
	const indexOf = (ref: string) => estate.siteByRef.get(ref) ?? state.sites.findIndex((s, i) => i >= state.baselineCount && s.ref === ref);
	const contacts = new Map<string, number>();
	const add = (service: string, v: number) => contacts.set(service, (contacts.get(service) ?? 0) + v);
	for (const x of state.added) if (council.has(x.service) && atCounter(x.site) && x.visitsPerWeek) add(x.service, x.visitsPerWeek);
	for (const f of footfall.flows)
		if (council.has(f.service) && f.toSiteRef !== null && atCounter(indexOf(f.toSiteRef))) add(f.service, f.visitsPerWeek);
	return contacts;
}

/** What each partner pays into the pilot: its one-off contributions, running ones, and their present value. */
function pilotShares(pilotCosts: PilotCostInput[], annuity: number): Map<string, PartnerTotals> {
	const direct = new Map<string, PartnerTotals>();
	for (const c of pilotCosts)
		for (const x of c.contributions) {
			const own = direct.get(x.organisationId) ?? { annualSavingGbp: 0, oneOffCostGbp: 0, npvGbp: 0 };
			if (c.kind === 'one_off') {
				own.oneOffCostGbp += x.amountGbp;
				own.npvGbp -= x.amountGbp;
			} else {
				own.annualSavingGbp -= x.amountGbp;
				own.npvGbp -= x.amountGbp * annuity;
			}
			direct.set(x.organisationId, own);
		}
	return direct;
}

function sum(values: number[]): number {
	return values.reduce((s, v) => s + v, 0);
}

function list(refs: string[]): string {
	return refs.length === 1 ? `site ${refs[0]}` : `sites ${refs.join(', ')}`;
}
