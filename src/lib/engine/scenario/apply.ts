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
 * - `hub` B: marks B as a hub (its co-location fit and ICT are appraised) without moving anything.
 * - `add`: a new site with its own services; it can be a hub or a move target.
 * - A site is vacated when it is closed, or when moves leave it with no services.
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
	spaceM2: number | null;
	staffFte: number | null;
}

/** The estate after a scenario's actions. Site indices run over `sites`: the estate's, then added ones. */
export interface ScenarioState {
	sites: SiteInput[];
	/** Number of the estate's own sites; indices at or above it are added sites. */
	baselineCount: number;
	closed: Uint8Array;
	/** Indices of closed sites, ascending. */
	closedSites: number[];
	/** Per service, the estate sites that stop offering it because it moved out. */
	movedOut: Map<string, Set<number>>;
	/** Per service, sites offering it that the baseline index does not hold: added sites and move targets. */
	extraOffer: Map<string, number[]>;
	moves: Move[];
	/** Sites marked hub or receiving a move, ascending. */
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
			if (!row) return fail(index, `Site '${a.fromSiteRef}' does not offer '${a.service}'.`);
			if (moves.some((m) => m.from === from && m.service === a.service))
				return fail(index, `'${a.service}' is moved out of '${a.fromSiteRef}' twice.`);
			moves.push({ from, to, service: a.service, visitsPerWeek: row.visitsPerWeek, spaceM2: row.spaceM2, staffFte: row.staffFte });
			hubSet.add(to);
			if (!moveTargets.has(to)) moveTargets.set(to, index);
		} else if (a.type !== 'add') {
			fail(index, `Unknown action type '${String((a as { type?: unknown }).type)}'; use close, hub, move or add.`);
		}
	});

	for (const [i, index] of closeActions) {
		if (hubSet.has(i))
			fail(index, `'${sites[i].ref}' is a hub${moveTargets.has(i) ? ' receiving moved services' : ''}; it cannot also close.`);
	}

	const movedOut = new Map<string, Set<number>>();
	const extraOffer = new Map<string, number[]>();
	const addExtra = (service: string, i: number) => {
		const list = extraOffer.get(service) ?? [];
		if (!list.includes(i)) list.push(i);
		extraOffer.set(service, list);
	};
	for (let i = estate.sites.length; i < sites.length; i++)
		for (const x of sites[i].services) addExtra(x.service, i);
	for (const m of moves) {
		if (m.from < estate.sites.length) {
			const set = movedOut.get(m.service) ?? new Set<number>();
			set.add(m.from);
			movedOut.set(m.service, set);
		}
		addExtra(m.service, m.to);
	}
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
	for (const m of moves) {
		affectedServices.add(m.service);
		const left = sites[m.from].services.filter((x) => !moves.some((o) => o.from === m.from && o.service === x.service));
		if (left.length === 0 && !moveTargets.has(m.from)) vacated.add(m.from);
	}

	return {
		state: {
			sites,
			baselineCount: estate.sites.length,
			closed,
			closedSites: [...closeActions.keys()].sort((a, b) => a - b),
			movedOut,
			extraOffer,
			moves,
			hubs: [...hubSet].sort((a, b) => a - b),
			vacated: [...vacated].sort((a, b) => a - b),
			affectedServices
		},
		issues: issues.sort((a, b) => a.index - b.index)
	};
}
