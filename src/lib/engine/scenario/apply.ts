/**
 * Applies a scenario's actions to the estate, giving the state every other step reads: which
 * sites are closed, which services each site offers afterwards, the moves, the hubs, and the
 * sites left empty.
 *
 * Rules (also in the engine README):
 * - `close` A: A offers nothing afterwards. Its services go to other sites by the footfall rule,
 *   except those moved out of A by a `move`, which go to the move's hub.
 * - `move` s from A to B: B offers s afterwards (merging with its own if it already did) and A
 *   does not; B counts as a hub. Order does
 *   not matter: "close A" and "move A's library to B" together mean the library goes to B and
 *   A's other services are displaced.
 * - `hub` B: marks B as a hub without moving anything; its fit is shown, and it costs nothing
 *   until something moves in.
 * - `add`: a new site with its own services; it can be a hub or a move target.
 * - `add_service` s at B: B stays open and offers s afterwards, with the space need and visits the
 *   action gives; B counts as receiving services (like a hub). Adding back a service withdrawn
 *   earlier in the list cancels the withdrawal (the estate is as it was).
 * - `withdraw_service` s at A: A stays open and no longer offers s; s's visits are displaced as a
 *   closed site's are. Withdrawing a service added earlier in the list cancels the addition.
 * - A site is vacated when it is closed, or when moves and withdrawals leave it with no services
 *   and nothing moves or is added in.
 * Contradictions (closing a hub that receives services, moving a service the site does not offer,
 * unknown references) are reported by `validateActions`, and `applyActions` refuses them.
 */
import type { PreparedEstate } from '../prepare';
import type { ScenarioAction, SiteInput } from '../types';

/** One service moving from one site to another. */
export interface Move {
	from: number;
	to: number;
	service: string;
	visitsPerWeek: number | null;
	/** The action's `spaceM2` where given, else the service's recorded space. */
	spaceM2: number | null;
	spaceFromAction: boolean;
	staffFte: number | null;
}

/** A service put into a building that stays open (`add_service`). */
export interface AddedService {
	site: number;
	service: string;
	/** As given on the action; null: estimated from the norms. */
	spaceM2: number | null;
	visitsPerWeek: number | null;
}

/** The estate after a scenario's actions. Site indices run over `sites`: the estate's, then added ones. */
export interface ScenarioState {
	sites: SiteInput[];
	/** Number of the estate's own sites; indices at or above it are added sites. */
	baselineCount: number;
	closed: Uint8Array;
	/** Indices of closed sites, ascending. */
	closedSites: number[];
	/** Per service, the estate sites that stop offering it because it moved out or was withdrawn. */
	movedOut: Map<string, Set<number>>;
	/** Services withdrawn from estate sites that stay open (`withdraw_service`), as site → service codes. */
	withdrawn: Map<number, Set<string>>;
	/** Services added to buildings (`add_service`), net of later withdrawals. */
	added: AddedService[];
	/** Per service, sites offering it that the baseline index does not hold: added sites and move targets. */
	extraOffer: Map<string, number[]>;
	moves: Move[];
	/** Sites marked hub, receiving a move or given a service, ascending. */
	hubs: number[];
	/** Sites closed or emptied by moves, ascending. */
	vacated: number[];
	/** Services whose nearest-site answers can differ from the baseline's. */
	affectedServices: Set<string>;
}

/** A problem with one action: its position in the list and what is wrong. */
export interface ActionIssue {
	index: number;
	message: string;
}

/** Thrown by `applyActions` when the actions contradict each other or name unknown sites. */
export class ScenarioError extends Error {
	readonly issues: ActionIssue[];
	constructor(issues: ActionIssue[]) {
		super(`Invalid scenario: ${issues.map((i) => `action ${i.index + 1}: ${i.message}`).join('; ')}`);
		this.name = 'ScenarioError';
		this.issues = issues;
	}
}

/** The problems with a list of actions against an estate; empty when it can be evaluated. */
export function validateActions(estate: PreparedEstate, actions: ScenarioAction[]): ActionIssue[] {
	return build(estate, actions).issues;
}

/**
 * The estate after `actions`; throws `ScenarioError` listing every problem if any.
 *
 * @example
 * applyActions(estate, [{ type: 'close', siteRef: 'lib-coppice' }]).vacated; // [index of lib-coppice]
 */
export function applyActions(estate: PreparedEstate, actions: ScenarioAction[]): ScenarioState {
	const { state, issues } = build(estate, actions);
	if (issues.length) throw new ScenarioError(issues);
	return state;
}

/** Whether site `i` offers `service` in this state. */
export function offers(state: ScenarioState, i: number, service: string): boolean {
	if (state.closed[i]) return false;
	if (state.extraOffer.get(service)?.includes(i)) return true;
	if (i >= state.baselineCount) return false;
	if (state.movedOut.get(service)?.has(i)) return false;
	return state.sites[i].services.some((x) => x.service === service);
}

/**
 * A key that is equal for two states exactly when `service`'s nearest-site answers must be equal:
 * which sites offering it are closed, which moved it out, and which offer it only in the scenario
 * (with their positions), so an evaluation can reuse the previous one's answer for that service.
 */
export function serviceSignature(state: ScenarioState, service: string): string {
	const closed = state.closedSites.filter((i) => state.sites[i].services.some((x) => x.service === service));
	const movedOut = [...(state.movedOut.get(service) ?? [])].sort((a, b) => a - b);
	const extras = (state.extraOffer.get(service) ?? []).map((i) => {
		const s = state.sites[i];
		return `${i}:${s.ref}@${s.lon},${s.lat}`;
	});
	return `c${closed.join(',')}|m${movedOut.join(',')}|x${extras.join(',')}`;
}

/** What is wrong with an action's space figure, or null when it is absent or usable. */
function spaceProblem(spaceM2: number | undefined): string | null {
	if (spaceM2 === undefined) return null;
	return typeof spaceM2 === 'number' && Number.isFinite(spaceM2) && spaceM2 >= 0
		? null
		: `spaceM2 must be 0 or more square metres, got ${String(spaceM2)}.`;
}

function visitsProblem(visitsPerWeek: number | undefined): string | null {
	if (visitsPerWeek === undefined) return null;
	return typeof visitsPerWeek === 'number' && Number.isFinite(visitsPerWeek) && visitsPerWeek >= 0
		? null
		: `visitsPerWeek must be 0 or more, got ${String(visitsPerWeek)}.`;
}

function build(estate: PreparedEstate, actions: ScenarioAction[]): { state: ScenarioState; issues: ActionIssue[] } {
	const issues: ActionIssue[] = [];
	const sites = estate.sites.slice();
	// Added sites' refs; the estate's own are looked up in estate.siteByRef (not copied: it is large).
	const addedByRef = new Map<string, number>();
	const refIndex = (ref: string) => estate.siteByRef.get(ref) ?? addedByRef.get(ref);
	const fail = (index: number, message: string) => issues.push({ index, message });

	// Added sites first, so the other actions can name them wherever they sit in the list.
	actions.forEach((a, index) => {
		if (a.type !== 'add') return;
		const s = a.site;
		if (refIndex(s.ref) !== undefined) return fail(index, `New site ref '${s.ref}' is already used; choose another.`);
		if (!(Math.abs(s.lon) <= 180 && Math.abs(s.lat) <= 90))
			return fail(index, `New site '${s.ref}' has invalid coordinates (${s.lon}, ${s.lat}); give WGS84 lon/lat.`);
		addedByRef.set(s.ref, sites.length);
		sites.push({
			ref: s.ref,
			name: s.name,
			kind: s.kind,
			lon: s.lon,
			lat: s.lat,
			giaM2: s.giaM2,
			desks: null,
			visitCapacityPerWeek: null,
			annualRunningCostGbp: s.annualRunningCostGbp,
			organisationId: null,
			services: s.services
		});
	});

	const closed = new Uint8Array(sites.length);
	const hubSet = new Set<number>();
	const moves: Move[] = [];
	const moveTargets = new Map<number, number>(); // site → index of the first action moving into it
	const closeActions = new Map<number, number>();
	const withdrawn = new Map<number, Set<string>>();
	const added = new Map<string, AddedService & { index: number }>(); // `${site}|${service}`
	const isWithdrawn = (i: number, service: string) => withdrawn.get(i)?.has(service) ?? false;
	const lookup = (index: number, ref: string, role: string): number | undefined => {
		const i = refIndex(ref);
		if (i === undefined) fail(index, `Unknown ${role} site '${ref}'.`);
		return i;
	};

	actions.forEach((a, index) => {
		if (a.type === 'close') {
			const i = lookup(index, a.siteRef, 'closed');
			if (i !== undefined) {
				closed[i] = 1;
				if (!closeActions.has(i)) closeActions.set(i, index);
			}
		} else if (a.type === 'hub') {
			const i = lookup(index, a.siteRef, 'hub');
			if (i !== undefined) hubSet.add(i);
		} else if (a.type === 'move') {
			const from = lookup(index, a.fromSiteRef, 'moved-from');
			const to = lookup(index, a.toSiteRef, 'hub');
			if (from === undefined || to === undefined) return;
			if (from === to) return fail(index, `Cannot move '${a.service}' from '${a.fromSiteRef}' to itself.`);
			const row = sites[from].services.find((x) => x.service === a.service);
			if (!row || isWithdrawn(from, a.service)) return fail(index, `Site '${a.fromSiteRef}' does not offer '${a.service}'.`);
			if (moves.some((m) => m.from === from && m.service === a.service))
				return fail(index, `'${a.service}' is moved out of '${a.fromSiteRef}' twice.`);
			const spaceIssue = spaceProblem(a.spaceM2);
			if (spaceIssue) return fail(index, spaceIssue);
			const fromAction = a.spaceM2 !== undefined;
			moves.push({ from, to, service: a.service, visitsPerWeek: row.visitsPerWeek, spaceM2: fromAction ? a.spaceM2! : row.spaceM2, spaceFromAction: fromAction, staffFte: row.staffFte });
			hubSet.add(to);
			if (!moveTargets.has(to)) moveTargets.set(to, index);
		} else if (a.type === 'add_service') {
			const i = lookup(index, a.siteRef, 'receiving');
			if (i === undefined) return;
			const problem = spaceProblem(a.spaceM2) ?? visitsProblem(a.visitsPerWeek);
			if (problem) return fail(index, problem);
			const key = `${i}|${a.service}`;
			if (isWithdrawn(i, a.service)) {
				withdrawn.get(i)!.delete(a.service); // adding back what was withdrawn restores the estate
				return;
			}
			if (added.has(key) || (i < estate.sites.length && sites[i].services.some((x) => x.service === a.service)))
				return fail(index, `'${a.siteRef}' already offers '${a.service}'.`);
			added.set(key, { site: i, service: a.service, spaceM2: a.spaceM2 ?? null, visitsPerWeek: a.visitsPerWeek ?? null, index });
		} else if (a.type === 'withdraw_service') {
			const i = lookup(index, a.siteRef, 'withdrawn-from');
			if (i === undefined) return;
			const key = `${i}|${a.service}`;
			if (added.delete(key)) return; // withdrawing what was added earlier cancels it
			const offered = sites[i].services.some((x) => x.service === a.service) && !isWithdrawn(i, a.service);
			if (!offered || i >= estate.sites.length) return fail(index, `Site '${a.siteRef}' does not offer '${a.service}'.`);
			const set = withdrawn.get(i) ?? new Set<string>();
			set.add(a.service);
			withdrawn.set(i, set);
		} else if (a.type !== 'add') {
			fail(index, `Unknown action type '${String((a as { type?: unknown }).type)}'; use close, hub, move, add, add_service or withdraw_service.`);
		}
	});
	for (const m of moves)
		if (isWithdrawn(m.from, m.service))
			fail(actions.findIndex((a) => a.type === 'withdraw_service' && refIndex(a.siteRef) === m.from && a.service === m.service), `'${m.service}' is moved out of '${sites[m.from].ref}'; it cannot also be withdrawn there.`);
	for (const x of added.values()) {
		if (closeActions.has(x.site)) fail(closeActions.get(x.site)!, `'${sites[x.site].ref}' is given '${x.service}'; it cannot also close.`);
	}


	for (const [i, index] of closeActions) {
		if (hubSet.has(i))
			fail(index, `'${sites[i].ref}' is a hub${moveTargets.has(i) ? ' receiving moved services' : ''}; it cannot also close.`);
	}

	for (const x of added.values()) hubSet.add(x.site);

	const movedOut = new Map<string, Set<number>>();
	const extraOffer = new Map<string, number[]>();
	const addExtra = (service: string, i: number) => {
		const list = extraOffer.get(service) ?? [];
		if (!list.includes(i)) list.push(i);
		extraOffer.set(service, list);
	};
	for (let i = estate.sites.length; i < sites.length; i++)
		for (const x of sites[i].services) addExtra(x.service, i);
	const removeFrom = (service: string, i: number) => {
		const set = movedOut.get(service) ?? new Set<number>();
		set.add(i);
		movedOut.set(service, set);
	};
	for (const m of moves) {
		if (m.from < estate.sites.length) removeFrom(m.service, m.from);
		addExtra(m.service, m.to);
	}
	for (const [i, services] of withdrawn) for (const service of services) removeFrom(service, i);
	for (const x of added.values()) addExtra(x.service, x.site);
	// A move out of an added site removes it from that site's extra offers.
	for (const m of moves)
		if (m.from >= estate.sites.length)
			extraOffer.set(m.service, (extraOffer.get(m.service) ?? []).filter((i) => i !== m.from));
	for (const list of extraOffer.values()) list.sort((a, b) => a - b);

	const affectedServices = new Set<string>(extraOffer.keys());
	const vacated = new Set<number>();
	for (const i of closeActions.keys()) {
		vacated.add(i);
		for (const x of sites[i].services) affectedServices.add(x.service);
	}
	for (const m of moves) affectedServices.add(m.service);
	for (const services of withdrawn.values()) for (const service of services) affectedServices.add(service);
	const losing = new Set([...moves.map((m) => m.from), ...[...withdrawn].filter(([, set]) => set.size > 0).map(([i]) => i)]);
	for (const i of losing) {
		const left = sites[i].services.filter((x) => !moves.some((o) => o.from === i && o.service === x.service) && !isWithdrawn(i, x.service));
		const gains = moveTargets.has(i) || [...added.values()].some((x) => x.site === i);
		if (left.length === 0 && !gains) vacated.add(i);
	}

	return {
		state: {
			sites,
			baselineCount: estate.sites.length,
			closed,
			closedSites: [...closeActions.keys()].sort((a, b) => a - b),
			movedOut,
			withdrawn,
			added: [...added.values()].sort((x, y) => x.index - y.index).map(({ index: _index, ...x }) => x),
			extraOffer,
			moves,
			hubs: [...hubSet].sort((a, b) => a - b),
			vacated: [...vacated].sort((a, b) => a - b),
			affectedServices
		},
		issues: issues.sort((a, b) => a.index - b.index)
	};
}
