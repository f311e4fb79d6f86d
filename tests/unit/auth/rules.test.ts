import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { ROUTE_RULES, ruleFor } from '$lib/server/auth/rules';
import { authorise } from '$lib/server/auth/authorise';
import type { Role } from '$lib/server/auth/roles';
import { routeTree } from '../../support/route-tree';

const tree = routeTree();
const ruled = Object.entries(ROUTE_RULES).flatMap(([routeId, rules]) => Object.keys(rules).map((key) => `${routeId} ${key}`));

describe('the rule table', () => {
	it('has a rule for every page, endpoint method and form action in the route tree', () => {
		const missing = tree.map((e) => `${e.routeId} ${e.key}`).filter((entry) => !ruled.includes(entry));
		expect(missing, 'add these to ROUTE_RULES in src/lib/server/auth/rules.ts').toEqual([]);
	});

	it('has no rule for a route, method or action that no longer exists', () => {
		const inTree = new Set(tree.map((e) => `${e.routeId} ${e.key}`));
		expect(ruled.filter((entry) => !inTree.has(entry))).toEqual([]);
	});

	it('lets a viewer change nothing: every write needs more than read, bar signing in and out, switching partnership and the one-time links', () => {
		const writesAViewerMay = Object.entries(ROUTE_RULES).flatMap(([routeId, rules]) =>
			Object.entries(rules)
				.filter(([key, rule]) => key !== 'GET' && (rule === 'read' || rule === 'public'))
				.map(([key]) => `${routeId} ${key}`)
		);
		expect(writesAViewerMay.sort()).toEqual([
			'/set-password/[token] ?/default',
			'/setup/[token] ?/default',
			'/sign-in ?/password',
			'/sign-in ?/sso',
			'/sign-out POST',
			'/switch-partnership POST'
		]);
	});

	it('gives raw data, backups, restores, imports, partners and the audit log to data managers, and only sign-in and one-time links to the signed out', () => {
		for (const key of ['/api/export/[file] GET', '/api/export/backup GET', '/api/import POST', '/api/import/[id] POST', '/data ?/restore', '/data ?/restrictions', '/partners ?/add', '/partners ?/merge', '/audit GET', '/audit.csv GET']) {
			const [routeId, method] = key.split(' ');
			expect(ROUTE_RULES[routeId][method], key).toBe('manage_data');
		}
		expect(Object.keys(ROUTE_RULES).filter((routeId) => Object.values(ROUTE_RULES[routeId]).includes('public'))).toEqual(['/set-password/[token]', '/setup/[token]', '/sign-in', '/sign-out']);
	});

	it('reads the route tree: pages, methods and named actions', () => {
		expect(tree).toContainEqual({ routeId: '/scenarios', key: '?/duplicate', kind: 'action' });
		expect(tree).toContainEqual({ routeId: '/api/scenarios/[id]', key: 'PATCH', kind: 'endpoint' });
		expect(tree).toContainEqual({ routeId: '/decisions/new', key: '?/default', kind: 'action' });
		expect(tree).toContainEqual({ routeId: '/optimise', key: 'GET', kind: 'page' });
		expect(tree.length).toBeGreaterThan(60);
	});
});

describe('ruleFor', () => {
	const url = (search = '') => new URL(`http://hubplan.test/scenarios${search}`);
	it('names a form action as its URL does, and a bare POST to a page the default action', () => {
		expect(ruleFor('/scenarios', 'POST', url('?/create'))).toBe('edit');
		expect(ruleFor('/decisions/new', 'POST', new URL('http://hubplan.test/decisions/new'))).toBe('edit');
		expect(ruleFor('/scenarios', 'POST', url())).toBeNull();
	});
	it('answers HEAD as GET and refuses what the table does not list', () => {
		expect(ruleFor('/scenarios', 'HEAD', url())).toBe('read');
		expect(ruleFor('/scenarios', 'PUT', url())).toBeNull();
		expect(ruleFor('/no/such/route', 'GET', url())).toBeNull();
		expect(ruleFor('/partners', 'POST', url('?/nonesuch'))).toBeNull();
	});
});

function event(routeId: string | null, method: string, path: string, role: Role | null, signedIn = true, headers: Record<string, string> = {}): RequestEvent {
	const url = new URL(`http://hubplan.test${path}`);
	return {
		url,
		route: { id: routeId },
		request: new Request(url, { method, headers }),
		locals: {
			role,
			user: signedIn ? { id: 'u1', email: 'someone@council.test', name: 'Someone' } : null,
			partnership: { id: 'a', name: 'Partnership A' }
		}
	} as unknown as RequestEvent;
}

describe('authorise', () => {
	it('lets a role do what its rule allows', () => {
		expect(authorise(event('/scenarios', 'GET', '/scenarios', 'viewer'))).toBeNull();
		expect(authorise(event('/scenarios', 'POST', '/scenarios?/create', 'editor'))).toBeNull();
		expect(authorise(event('/api/import', 'POST', '/api/import', 'data_manager'))).toBeNull();
	});

	it('refuses a viewer a form action with a plain message naming the role needed', async () => {
		const refused = authorise(event('/scenarios', 'POST', '/scenarios?/create', 'viewer'))!;
		expect(refused.status).toBe(403);
		expect(refused.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await refused.text()).toBe(
			'Changing scenarios, pilots, criteria, mitigations and decisions needs the editor role; you are a viewer in Partnership A.'
		);
	});

	it('answers the API in JSON, and an enhanced form with an action result', async () => {
		const api = authorise(event('/api/export/backup', 'GET', '/api/export/backup', 'editor'))!;
		expect(api.status).toBe(403);
		expect(await api.json()).toEqual({ message: 'Importing, exporting raw data, backups and partners needs the data manager role; you are an editor in Partnership A.' });
		const form = authorise(event('/partners', 'POST', '/partners?/add', 'editor', true, { 'x-sveltekit-action': 'true' }))!;
		expect(form.status).toBe(403);
		expect(await form.json()).toMatchObject({ type: 'error', error: { message: expect.stringContaining('data manager role') } });
	});

	it('refuses the signed out with 401 and a member of no role with 403', async () => {
		expect(authorise(event('/sites', 'GET', '/sites', null, false))!.status).toBe(401);
		const outsider = authorise(event('/sites', 'GET', '/sites', null))!;
		expect(outsider.status).toBe(403);
		expect(await outsider.text()).toBe('You are not a member of Partnership A.');
	});

	it('refuses even an admin a method the table does not list', async () => {
		const refused = authorise(event('/api/scenarios/[id]', 'PUT', '/api/scenarios/3', 'admin'))!;
		expect(refused.status).toBe(403);
		expect((await refused.json()).message).toMatch(/no access rule for PUT \/api\/scenarios\/\[id\]/);
	});

	it('leaves an address that is no route to SvelteKit’s 404', () => {
		expect(authorise(event(null, 'GET', '/nowhere', 'viewer'))).toBeNull();
	});
});
