/**
 * Which of a scenario's figures rest on estimated estate facts, and which buildings' facts those
 * are. One rule for every screen that shows scenario results (the workspace's impact panel, the
 * comparison table, its print and exports), so a figure marked "Estimated" in one place is never
 * bare in another. Plain data in and out: no Svelte, no database, so the browser can use it too.
 */
import { isEstimated, type FactProvenance, type Provenance } from './provenance';
import type { EvaluationResult, ScenarioAction } from './engine/types';

/** The parts a building's annual running cost is the sum of. */
export const RUNNING_COST_FACTS = ['rentGbpPerYear', 'ratesGbpPerYear', 'facilitiesGbpPerYear'] as const;

/** A building's estate facts as stored, with their provenance (a site row has all of these). */
export interface SiteFacts {
	ref: string;
	provenance: Provenance;
	rentGbpPerYear: number | null;
	ratesGbpPerYear: number | null;
	facilitiesGbpPerYear: number | null;
	visitsEstimated: boolean;
}

/** Which of one building's facts are estimates, as the site summaries carry them. */
export interface SiteEstimates {
	ref: string;
	giaEstimated: boolean;
	runningCostEstimated: boolean;
	visitsEstimated: boolean;
}

/** The running-cost parts of a building that are estimated; a part with no value does not count. */
export function estimatedRunningCostParts(site: Omit<SiteFacts, 'ref' | 'visitsEstimated'>): (typeof RUNNING_COST_FACTS)[number][] {
	return RUNNING_COST_FACTS.filter((k) => site[k] !== null && isEstimated(site.provenance, k));
}

const RUNNING_COST_PART_NAMES: Record<(typeof RUNNING_COST_FACTS)[number], string> = {
	rentGbpPerYear: 'rent',
	ratesGbpPerYear: 'business rates',
	facilitiesGbpPerYear: 'facilities costs'
};

/**
 * The basis of a building's running cost (the sum of its parts): estimated, naming the parts, when
 * any part is; undefined when none is (each part then shows its own recorded source).
 */
export function runningCostProvenance(site: Omit<SiteFacts, 'ref' | 'visitsEstimated'>): FactProvenance | undefined {
	const parts = estimatedRunningCostParts(site);
	if (!parts.length) return undefined;
	return { basis: 'estimated', method: `the total includes estimated ${andList(parts.map((k) => RUNNING_COST_PART_NAMES[k]))}; each part's row says how.` };
}

/** Which of a building's facts are estimates. */
export function siteEstimates(site: SiteFacts): SiteEstimates {
	return {
		ref: site.ref,
		giaEstimated: isEstimated(site.provenance, 'giaM2'),
		runningCostEstimated: estimatedRunningCostParts(site).length > 0,
		visitsEstimated: site.visitsEstimated
	};
}

/** Buildings whose floor area or running cost (`cost`), or weekly visits (`visits`), are estimates. */
export interface EstimatedRefs {
	cost: Set<string>;
	visits: Set<string>;
}

export function estimatedRefs(sites: SiteEstimates[]): EstimatedRefs {
	return {
		cost: new Set(sites.filter((s) => s.giaEstimated || s.runningCostEstimated).map((s) => s.ref)),
		visits: new Set(sites.filter((s) => s.visitsEstimated).map((s) => s.ref))
	};
}

/** What a scenario's figures rest on. Refs are in the order first met, without repeats. */
export interface EstimatesUsed {
	/** Money figures (savings, one-off cost, NPV, payback, partner shares, hub fit) rest on estimates. */
	money: boolean;
	/** Visit figures (displaced, reassigned, shifted, lost, over capacity) rest on estimated visits. */
	visits: boolean;
	/** Buildings the actions name whose floor area or running cost is estimated. */
	costRefs: string[];
	/** Buildings the actions name whose weekly visits are estimated (they drive the channel-shift saving). */
	touchedVisitRefs: string[];
	/** Buildings the actions name or the footfall model sends visits to, whose weekly visits are estimated. */
	visitRefs: string[];
}

/**
 * The rule: money figures rest on estimates when a building the actions name (closed, hub, either
 * end of a move, added) has an estimated floor area, running cost or visit count; visit figures
 * when such a building, or one the footfall model sends visits to, has estimated visits.
 * The baseline names no building, so nothing in it is marked.
 *
 * @example
 * estimatesUsed(result, estimatedRefs(data.sites)).money; // true once lib-hale is closed
 */
export function estimatesUsed(result: Pick<EvaluationResult, 'actions' | 'footfall'>, refs: EstimatedRefs): EstimatesUsed {
	const touched = unique(touchedRefs(result.actions));
	const costRefs = touched.filter((ref) => refs.cost.has(ref));
	const touchedVisitRefs = touched.filter((ref) => refs.visits.has(ref));
	const visitRefs = unique([...touched, ...result.footfall.loads.map((l) => l.siteRef)]).filter((ref) => refs.visits.has(ref));
	return { money: costRefs.length > 0 || touchedVisitRefs.length > 0, visits: visitRefs.length > 0, costRefs, touchedVisitRefs, visitRefs };
}

/** Sites the actions name: closed, hubs, both ends of a move, and new sites. */
function touchedRefs(actions: ScenarioAction[]): string[] {
	return actions.flatMap((a) => (a.type === 'move' ? [a.fromSiteRef, a.toSiteRef] : a.type === 'add' ? [a.site.ref] : [a.siteRef]));
}

/**
 * What the money and the visit figures rest on, as phrases to follow "rest on": "the estimated
 * floor area or running cost of Hale Library, and the estimated weekly visits of Hale Library and
 * 2 other buildings". Empty where those figures rest on no estimate.
 */
export function describeEstimatesUsed(used: EstimatesUsed, siteName: (ref: string) => string): { money: string; visits: string } {
	const cost = used.costRefs.length ? `the estimated floor area or running cost of ${nameList(used.costRefs, siteName)}` : '';
	const visitsOf = (refs: string[]) => (refs.length ? `the estimated weekly visits of ${nameList(refs, siteName)}` : '');
	return {
		money: [cost, visitsOf(used.touchedVisitRefs)].filter(Boolean).join(', and '),
		visits: visitsOf(used.visitRefs)
	};
}

/** Up to three names, then a count of the rest, so the sentence stays one line. */
function nameList(refs: string[], siteName: (ref: string) => string): string {
	const shown = refs.slice(0, refs.length > 3 ? 2 : 3).map(siteName);
	const rest = refs.length - shown.length;
	return andList(rest > 0 ? [...shown, `${rest} other building${rest === 1 ? '' : 's'}`] : shown);
}

/** "a", "a and b", "a, b and c". */
function andList(items: string[]): string {
	return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

function unique(refs: string[]): string[] {
	return [...new Set(refs)];
}
