/**
 * Each partner's share of the annual saving, one-off cost and NPV.
 *
 * - `equal`: every organisation in the data gets 1/n.
 * - `agreed`: the partnership's agreed shares (validated to sum to 1).
 * - `floor_area`: in proportion to the gross internal area of each partner's sites involved in
 *   the scenario (vacated sites and hubs); falls back to `equal`, with a warning, when none of
 *   those sites has both a partner and a floor area.
 * Amounts are share × total; the last partner gets the total less the others, so the partners'
 * amounts add up to the totals. Amounts a partner pays itself (its pilot contributions, `direct`)
 * are added to its figures rather than shared; a partner that only funds appears with share 0.
 */
import type { OrganisationInput, PartnerShare, PartnerSplit, SiteInput } from '../types';

export interface PartnerTotals {
	annualSavingGbp: number;
	oneOffCostGbp: number;
	npvGbp: number;
}

/** Split `totals` between partners by `split` (rules above). */
export function partnerShares(
	split: PartnerSplit,
	organisations: OrganisationInput[],
	involvedSites: SiteInput[],
	agreedShares: Record<string, number>,
	totals: PartnerTotals,
	direct: Map<string, PartnerTotals> = new Map()
): { shares: PartnerShare[]; warnings: string[] } {
	const { shares, warnings } = sharedOut(split, organisations, involvedSites, agreedShares, totals);
	const nameOf = new Map(organisations.map((o) => [o.id, o.name]));
	for (const [id, own] of [...direct].sort(([a], [b]) => a.localeCompare(b))) {
		let row = shares.find((s) => s.organisationId === id);
		if (!row) {
			row = { organisationId: id, name: nameOf.get(id) ?? id, share: 0, annualSavingGbp: 0, oneOffCostGbp: 0, npvGbp: 0 };
			shares.push(row);
		}
		row.annualSavingGbp += own.annualSavingGbp;
		row.oneOffCostGbp += own.oneOffCostGbp;
		row.npvGbp += own.npvGbp;
	}
	return { shares, warnings };
}

function sharedOut(
	split: PartnerSplit,
	organisations: OrganisationInput[],
	involvedSites: SiteInput[],
	agreedShares: Record<string, number>,
	totals: PartnerTotals
): { shares: PartnerShare[]; warnings: string[] } {
	const warnings: string[] = [];
	const nameOf = new Map(organisations.map((o) => [o.id, o.name]));
	let weights: [string, number][] = [];
	if (split === 'agreed') {
		weights = Object.entries(agreedShares).sort(([a], [b]) => a.localeCompare(b));
		for (const [id] of weights)
			if (!nameOf.has(id)) warnings.push(`Agreed share for '${id}', which is not a partner organisation in the data.`);
	} else if (split === 'floor_area') {
		const area = new Map<string, number>();
		for (const s of involvedSites)
			if (s.organisationId && s.giaM2 && s.giaM2 > 0)
				area.set(s.organisationId, (area.get(s.organisationId) ?? 0) + s.giaM2);
		weights = [...area].sort(([a], [b]) => a.localeCompare(b));
		if (weights.length === 0 && involvedSites.length > 0)
			warnings.push('No site in the scenario has both a partner and a floor area, so costs are split equally.');
	}
	if (weights.length === 0) weights = organisations.map((o) => [o.id, 1]);
	const sum = weights.reduce((s, [, w]) => s + w, 0);
	if (sum <= 0) return { shares: [], warnings };

	const keys = ['annualSavingGbp', 'oneOffCostGbp', 'npvGbp'] as const;
	const allocated = { annualSavingGbp: 0, oneOffCostGbp: 0, npvGbp: 0 };
	const shares = weights.map(([id, w], i): PartnerShare => {
		const share = w / sum;
		const last = i === weights.length - 1;
		const amounts = { annualSavingGbp: 0, oneOffCostGbp: 0, npvGbp: 0 };
		for (const k of keys) {
			amounts[k] = last ? totals[k] - allocated[k] : totals[k] * share;
			allocated[k] += amounts[k];
		}
		return { organisationId: id, name: nameOf.get(id) ?? id, share, ...amounts };
	});
	return { shares, warnings };
}
