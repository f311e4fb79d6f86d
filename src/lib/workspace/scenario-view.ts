/**
 * The estate as a scenario leaves it, for the side panel and the map styling: which buildings are
 * closed, which are hubs, which are new, and which services each offers now. Follows the engine's
 * rules (src/lib/engine/scenario/apply.ts): a closed site offers nothing; a move takes the service
 * out of its source and makes the target a hub; a service added to a building makes it receive
 * services like a hub; a withdrawn service leaves; a building left with no services is vacated. The
 * engine stays the judge of what is valid; this only drives what the buttons offer.
 */
import type { ScenarioAction, SiteInput } from '../engine/types';
import { formatCount } from '../format';

/** A building as the panel and map need it: the engine's fields, with services as bare codes. */
export interface ViewSite extends Pick<SiteInput, 'ref' | 'name' | 'kind' | 'lon' | 'lat' | 'giaM2'> {
	/** Service codes offered in today's estate (or by the new site as added). */
	services: string[];
}

export interface ScenarioView {
	/** Today's sites, then the sites the scenario adds. */
	sites: ViewSite[];
	byRef: Map<string, ViewSite>;
	closed: Set<string>;
	/** Open buildings every service has left (moved or withdrawn) with nothing coming in. */
	vacated: Set<string>;
	hubs: Set<string>;
	added: Set<string>;
	/** Services each site offers after the actions. */
	offered: Map<string, string[]>;
}

export function scenarioView(estate: ViewSite[], actions: ScenarioAction[]): ScenarioView {
	const sites = [...estate];
	const added = new Set<string>();
	for (const a of actions) {
		if (a.type !== 'add') continue;
		const { ref, name, kind, lon, lat, giaM2, services } = a.site;
		sites.push({ ref, name, kind, lon, lat, giaM2, services: services.map((s) => s.service) });
		added.add(ref);
	}
	const offered = new Map(sites.map((s) => [s.ref, new Set(s.services)]));
	const closed = new Set<string>();
	const hubs = new Set<string>();
	for (const a of actions) {
		if (a.type === 'close') closed.add(a.siteRef);
		else if (a.type === 'hub') hubs.add(a.siteRef);
		else if (a.type === 'move') {
			offered.get(a.fromSiteRef)?.delete(a.service);
			offered.get(a.toSiteRef)?.add(a.service);
			hubs.add(a.toSiteRef);
		} else if (a.type === 'add_service') {
			const set = offered.get(a.siteRef);
			// Adding back a withdrawn service restores the building as it was (the engine's rule).
			if (set && estate.some((s) => s.ref === a.siteRef && s.services.includes(a.service))) set.add(a.service);
			else {
				set?.add(a.service);
				hubs.add(a.siteRef);
			}
		} else if (a.type === 'withdraw_service') offered.get(a.siteRef)?.delete(a.service);
	}
	for (const ref of closed) offered.set(ref, new Set());
	const vacated = new Set(
		sites.filter((s) => !closed.has(s.ref) && s.services.length > 0 && offered.get(s.ref)?.size === 0).map((s) => s.ref)
	);
	return {
		sites,
		byRef: new Map(sites.map((s) => [s.ref, s])),
		closed,
		vacated,
		hubs,
		added,
		offered: new Map([...offered].map(([ref, set]) => [ref, [...set].sort()]))
	};
}

export type SiteState = 'closed' | 'vacated' | 'hub' | 'new' | 'open';

/** The one word the map legend and the tables use for a site. A new site made a hub is a hub. */
export function siteState(view: ScenarioView, ref: string): SiteState {
	if (view.closed.has(ref)) return 'closed';
	if (view.vacated.has(ref)) return 'vacated';
	if (view.hubs.has(ref)) return 'hub';
	if (view.added.has(ref)) return 'new';
	return 'open';
}

export interface TargetOption {
	ref: string;
	label: string;
}

/**
 * Where services from `fromRef` can move: this scenario's hubs first, then other open buildings
 * with a recorded floor area (a hub needs space to fit services into), each by name.
 */
export function moveTargets(view: ScenarioView, fromRef: string): { hubs: TargetOption[]; others: TargetOption[] } {
	const hubs: TargetOption[] = [];
	const others: TargetOption[] = [];
	for (const site of [...view.sites].sort((a, b) => a.name.localeCompare(b.name))) {
		if (site.ref === fromRef || view.closed.has(site.ref)) continue;
		const option = { ref: site.ref, label: `${site.name} (${site.giaM2 === null ? 'floor area unknown' : `${formatCount(site.giaM2)} m²`})` };
		if (view.hubs.has(site.ref)) hubs.push(option);
		else if (site.giaM2 !== null && site.giaM2 > 0) others.push(option);
	}
	return { hubs, others };
}

/**
 * The actions without those that closed or emptied `ref`: its close, the moves out of it and the
 * withdrawals from it. Reopening a building this way keeps every other change, wherever it sits
 * in the list, unlike undo.
 */
export function reopenActions(actions: ScenarioAction[], ref: string): ScenarioAction[] {
	return actions.filter(
		(a) =>
			!((a.type === 'close' || a.type === 'withdraw_service') && a.siteRef === ref) &&
			!(a.type === 'move' && a.fromSiteRef === ref)
	);
}

/** Sites whose name, ref, kind or a service code contains every word of `query` (any case). */
export function searchSites(view: ScenarioView, query: string): ViewSite[] {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (!words.length) return view.sites;
	return view.sites.filter((s) => {
		const text = [s.name, s.ref, s.kind, ...s.services].join(' ').toLowerCase().replaceAll('_', ' ');
		return words.every((w) => text.includes(w.replaceAll('_', ' ')));
	});
}

/** A ref for a new site that no existing or added site uses: `new-<slug>`, `new-<slug>-2`, … */
export function newSiteRef(view: ScenarioView, name: string): string {
	const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'site';
	let ref = `new-${slug}`;
	for (let n = 2; view.byRef.has(ref); n++) ref = `new-${slug}-${n}`;
	return ref;
}
