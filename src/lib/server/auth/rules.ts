/**
 * Who may use each route: one table, read by `authorise` (every request) and by the authorisation
 * matrix test (which walks the route tree and fails on any route, method or form action missing
 * here). Keys are SvelteKit route ids; inside, an HTTP method (`GET` also answers `HEAD`; for a
 * page it is the page and its `__data.json`) or a form action as its URL names it (`?/create`,
 * `?/default`). Anything not listed is refused.
 *
 * What each role does (issue 15): viewers read, compare, print and download reports; editors change
 * scenarios, pilots, optimiser saves (a POST to /api/scenarios), criteria, mitigations and
 * decisions; data managers import, export raw data, back up and manage partners; admins manage
 * members. Roles include the ones below them (roles.ts).
 */
import type { Permission } from './roles';

/** `public`: answered to anyone, signed in or not (sign-in itself). Better Auth's own `/api/auth/*` never reaches the table: hooks hand it over first. */
export type Rule = Permission | 'public';

/** Method or `?/action` → rule, for one route. */
export type RouteRules = Readonly<Record<string, Rule>>;

export const ROUTE_RULES: Readonly<Record<string, RouteRules>> = {
	'/': { GET: 'read' },
	'/about': { GET: 'read' },
	// The estate tables as CSV: what the /sites and /zones pages show, so a report.
	'/[table=estateTable].csv': { GET: 'read' },
	'/api/compare/csv': { GET: 'read' },
	'/api/compare/docx': { GET: 'read' },
	'/api/compare/xlsx': { GET: 'read' },
	'/api/engine-data': { GET: 'read' },
	'/api/estate/map': { GET: 'read' },
	// Raw tables and the whole database are data managers' to take away.
	'/api/export/[file]': { GET: 'manage_data' },
	'/api/export/backup': { GET: 'manage_data' },
	'/api/geo/context/[name]': { GET: 'read' },
	'/api/geo/sites/[ref]': { GET: 'read' },
	'/api/geo/zones/[code]': { GET: 'read' },
	'/api/import': { POST: 'manage_data' },
	'/api/import/[id]': { POST: 'manage_data' },
	'/api/scenarios': { GET: 'read', POST: 'edit' },
	'/api/scenarios/[id]': { GET: 'read', PATCH: 'edit', DELETE: 'edit' },
	// The audit log shows people's emails, addresses and before → after values (rents included).
	'/audit': { GET: 'manage_data' },
	'/audit.csv': { GET: 'manage_data' },
	'/compare': { GET: 'read' },
	'/compare/print': { GET: 'read' },
	'/criteria': { GET: 'read', '?/add': 'edit', '?/delete': 'edit' },
	'/data': { GET: 'read', '?/restore': 'manage_data', '?/restrictions': 'manage_data' },
	'/decisions': { GET: 'read' },
	'/decisions/comparisons/[id]': { GET: 'read', '?/update': 'edit', '?/freeze': 'edit' },
	'/decisions/comparisons/[id]/print': { GET: 'read' },
	'/decisions/comparisons/[id]/report.docx': { GET: 'read' },
	'/decisions/new': { GET: 'edit', '?/default': 'edit' },
	'/decisions/records/[id]': { GET: 'read' },
	'/decisions/records/[id]/record.json': { GET: 'read' },
	'/decisions/records/[id]/report.docx': { GET: 'read' },
	'/members': { GET: 'manage_members', '?/add': 'manage_members', '?/role': 'manage_members', '?/remove': 'manage_members' },
	'/optimise': { GET: 'read' },
	'/partners': { GET: 'read', '?/add': 'manage_data', '?/update': 'manage_data', '?/merge': 'manage_data' },
	'/scenarios': { GET: 'read', '?/create': 'edit', '?/update': 'edit', '?/duplicate': 'edit', '?/delete': 'edit' },
	'/scenarios/[id]': { GET: 'read' },
	'/scenarios/[id]/history': { GET: 'read', '?/restore': 'edit' },
	'/scenarios/[id]/mitigations': { GET: 'read', '?/add': 'edit', '?/delete': 'edit' },
	'/scenarios/[id]/pilot': {
		GET: 'read',
		'?/addMilestone': 'edit',
		'?/editMilestone': 'edit',
		'?/deleteMilestone': 'edit',
		'?/addCost': 'edit',
		'?/editCost': 'edit',
		'?/deleteCost': 'edit'
	},
	// One-time links: the token in the address is the credential (auth/one-time-links.ts).
	'/set-password/[token]': { GET: 'public', '?/default': 'public' },
	'/setup/[token]': { GET: 'public', '?/default': 'public' },
	// Signing in and out answer anyone (signed out, or signed in with no role here).
	'/sign-in': { GET: 'public', '?/password': 'public', '?/sso': 'public' },
	'/sign-out': { POST: 'public' },
	// Any member may switch; the endpoint checks they belong to the partnership they switch to.
	'/switch-partnership': { POST: 'read' },
	'/sites': { GET: 'read' },
	'/sites/[ref]': { GET: 'read' },
	'/zones': { GET: 'read' },
	'/zones/[code]': { GET: 'read' }
};

/** The table's key for a request: its method, or for a form action (a POST to a route with actions) `?/name`. */
export function ruleKey(rules: RouteRules, method: string, url: URL): string {
	if (method === 'HEAD') return 'GET';
	if (method !== 'POST' || !Object.keys(rules).some((key) => key.startsWith('?/'))) return method;
	// SvelteKit's own reading: the first query parameter starting with "/" names the action.
	const named = [...url.searchParams.keys()].find((key) => key.startsWith('/'));
	return `?${named ?? '/default'}`;
}

/** The rule for a request, or null when there is none (refused). */
export function ruleFor(routeId: string | null, method: string, url: URL): Rule | null {
	const rules = routeId === null ? undefined : ROUTE_RULES[routeId];
	return rules ? (rules[ruleKey(rules, method, url)] ?? null) : null;
}
