/**
 * The authorisation matrix (issue 15): every route, method and form action of the route tree ×
 * signed out, viewer, editor, data manager and admin of partnership A × A's own resources and
 * partnership B's, one HTTP request per cell against the server as `npm start` runs it. Each cell
 * checks the status the rule table implies, and that no answer to A carries B's data. B is built
 * the documented way: `hubplan partnership add`, a B data manager importing fixture files, a B
 * editor creating a scenario, a pilot milestone, a saved comparison, a criterion and a mitigation.
 */
import { expect, request as requests, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { ROUTE_RULES, type Rule } from '../../src/lib/server/auth/rules';
import { can, type Role } from '../../src/lib/server/auth/roles';
import { routeTree, type RouteEntry } from '../support/route-tree';
import { addPartnership, fixture, memberOfA, newMember } from './authz-people';
import { DEMO_PARTNERSHIP, SIGNED_OUT } from './accounts';

/** One request: the path, and the body a form action or API call sends. */
interface Call {
	method: string;
	path: string;
	form?: Record<string, string>;
	json?: unknown;
	multipart?: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;
}

/** A's and B's ids, as the cells use them. */
interface Ids {
	partnership: string;
	scenario: number;
	baseline: number;
	milestone: number;
	saved: number;
	record: number | null;
	site: string;
	zone: string;
	upload: string;
}

/**
 * What each route is asked, for A's resources (`own`) and B's (`other`; null where the route takes
 * no id of a partnership's, so there is nothing of B's to ask for). Bodies for A are incomplete on
 * purpose: a permitted request is refused by validation (400), changing nothing. Bodies for B are
 * complete: were isolation broken, they would change B, and the check after the matrix would see it.
 */
type CellBuilder = (ids: Ids, other: boolean) => Call;
const page = (path: (ids: Ids) => string): CellBuilder => (ids) => ({ method: 'GET', path: path(ids) });
type Fields = Partial<Record<string, string>>;
/** A form's fields without the ones left out. */
const formOf = (fields: Fields) => Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
const action = (path: (ids: Ids) => string, name: string, body: (ids: Ids, other: boolean) => Fields): CellBuilder => (ids, other) => ({
	method: 'POST',
	path: `${path(ids)}?/${name}`,
	form: formOf(body(ids, other))
});
const compareQuery = (ids: Ids) => `ids=baseline,${ids.scenario}`;

/** `signedOutOnly`: asked only signed out (signing out would end the test accounts' sessions). */
const CELLS: Record<string, { build: CellBuilder; other: boolean; signedOutOnly?: true }> = {
	'/ GET': { build: page(() => '/'), other: false },
	'/about GET': { build: page(() => '/about'), other: false },
	'/[table=estateTable].csv GET': { build: page(() => '/sites.csv'), other: false },
	'/api/compare/csv GET': { build: page((ids) => `/api/compare/csv?${compareQuery(ids)}`), other: true },
	'/api/compare/docx GET': { build: page((ids) => `/api/compare/docx?${compareQuery(ids)}`), other: true },
	'/api/compare/xlsx GET': { build: page((ids) => `/api/compare/xlsx?${compareQuery(ids)}`), other: true },
	'/api/engine-data GET': { build: page(() => '/api/engine-data'), other: false },
	'/api/estate/map GET': { build: page(() => '/api/estate/map'), other: false },
	'/api/export/[file] GET': { build: page(() => '/api/export/sites.csv'), other: false },
	'/api/export/backup GET': { build: page(() => '/api/export/backup'), other: false },
	'/api/geo/context/[name] GET': { build: page(() => '/api/geo/context/boundary'), other: false },
	'/api/geo/sites/[ref] GET': { build: page((ids) => `/api/geo/sites/${ids.site}`), other: true },
	'/api/geo/zones/[code] GET': { build: page((ids) => `/api/geo/zones/${ids.zone}`), other: true },
	'/api/import POST': {
		build: () => ({ method: 'POST', path: '/api/import', multipart: { kind: 'nonsense' } }),
		other: false
	},
	'/api/import/[id] POST': {
		build: (ids, other) => ({ method: 'POST', path: `/api/import/${ids.upload}`, json: other ? { commit: true, createPartners: true } : { commit: 'not a boolean' } }),
		other: true
	},
	'/api/scenarios GET': { build: page(() => '/api/scenarios'), other: false },
	'/api/scenarios POST': {
		build: (ids, other) => ({ method: 'POST', path: '/api/scenarios', json: other ? { duplicateOf: ids.scenario } : { name: '' } }),
		other: true
	},
	'/api/scenarios/[id] GET': { build: page((ids) => `/api/scenarios/${ids.scenario}`), other: true },
	'/api/scenarios/[id] PATCH': {
		build: (ids, other) => ({ method: 'PATCH', path: `/api/scenarios/${ids.scenario}`, json: other ? { op: 'update', baseVersion: 1, name: 'Renamed by A' } : { op: 'nonsense' } }),
		other: true
	},
	'/api/scenarios/[id] DELETE': {
		// A's baseline cannot be deleted (400); B's scenario must not be (404).
		build: (ids, other) => ({ method: 'DELETE', path: `/api/scenarios/${other ? ids.scenario : ids.baseline}` }),
		other: true
	},
	'/audit GET': { build: page(() => '/audit'), other: false },
	'/audit.csv GET': { build: page(() => '/audit.csv'), other: false },
	'/compare GET': { build: page((ids) => `/compare?${compareQuery(ids)}`), other: true },
	'/compare/print GET': { build: page((ids) => `/compare/print?${compareQuery(ids)}`), other: true },
	'/criteria GET': { build: page(() => '/criteria'), other: false },
	'/criteria ?/add': { build: action(() => '/criteria', 'add', () => ({ name: '' })), other: false },
	'/criteria ?/delete': { build: action(() => '/criteria', 'delete', (ids, other) => ({ id: other ? '1' : 'x' })), other: false },
	'/data GET': { build: page(() => '/data'), other: false },
	// No file: refused before anything is read.
	'/data ?/restore': { build: action(() => '/data', 'restore', () => ({})), other: false },
	'/data ?/restrictions': { build: action(() => '/data', 'restrictions', () => ({ field: 'not-a-field' })), other: false },
	'/decisions GET': { build: page(() => '/decisions'), other: false },
	'/decisions/comparisons/[id] GET': { build: page((ids) => `/decisions/comparisons/${ids.saved}`), other: true },
	'/decisions/comparisons/[id] ?/update': {
		build: action((ids) => `/decisions/comparisons/${ids.saved}`, 'update', (_ids, other) =>
			other ? { version: '1', title: 'Rewritten by A', recommendation: 'A says so', rationale: 'x', author: 'A' } : { version: 'x' }
		),
		other: true
	},
	'/decisions/comparisons/[id] ?/freeze': {
		build: action((ids) => `/decisions/comparisons/${ids.saved}`, 'freeze', (_ids, other) => ({ presentedOn: other ? '2026-12-01' : 'not a date' })),
		other: true
	},
	'/decisions/comparisons/[id]/print GET': { build: page((ids) => `/decisions/comparisons/${ids.saved}/print`), other: true },
	'/decisions/comparisons/[id]/report.docx GET': { build: page((ids) => `/decisions/comparisons/${ids.saved}/report.docx`), other: true },
	'/decisions/new GET': { build: page((ids) => `/decisions/new?${compareQuery(ids)}`), other: true },
	'/decisions/new ?/default': {
		build: (ids, other) => ({ method: 'POST', path: '/decisions/new', form: formOf(other ? { ids: `baseline,${ids.scenario}`, title: 'Saved by A', recommendation: 'A says so', rationale: 'x', author: 'A' } : { ids: '' }) }),
		other: true
	},
	'/decisions/records/[id] GET': { build: page((ids) => `/decisions/records/${ids.record ?? 999999}`), other: true },
	'/decisions/records/[id]/record.json GET': { build: page((ids) => `/decisions/records/${ids.record ?? 999999}/record.json`), other: true },
	'/decisions/records/[id]/report.docx GET': { build: page((ids) => `/decisions/records/${ids.record ?? 999999}/report.docx`), other: true },
	'/members GET': { build: page(() => '/members'), other: false },
	'/members ?/add': { build: action(() => '/members', 'add', () => ({ email: '', role: 'nonsense' })), other: false },
	'/members ?/role': { build: action(() => '/members', 'role', () => ({ userId: 'nobody', role: 'nonsense' })), other: false },
	'/members ?/remove': { build: action(() => '/members', 'remove', () => ({ userId: 'nobody' })), other: false },
	'/optimise GET': { build: page(() => '/optimise'), other: false },
	'/partners GET': { build: page(() => '/partners'), other: false },
	'/partners ?/add': { build: action(() => '/partners', 'add', () => ({ name: '', kind: 'nonsense' })), other: false },
	'/partners ?/update': { build: action(() => '/partners', 'update', () => ({ id: 'no-such-partner', name: '' })), other: false },
	'/partners ?/merge': { build: action(() => '/partners', 'merge', () => ({ from: '', into: '' })), other: false },
	'/scenarios GET': { build: page(() => '/scenarios'), other: false },
	'/scenarios ?/create': { build: action(() => '/scenarios', 'create', () => ({ name: '' })), other: false },
	'/scenarios ?/update': {
		build: action(() => '/scenarios', 'update', (ids, other) => (other ? { id: String(ids.scenario), version: '1', name: 'Renamed by A' } : { id: 'x' })),
		other: true
	},
	'/scenarios ?/duplicate': { build: action(() => '/scenarios', 'duplicate', (ids, other) => ({ id: other ? String(ids.scenario) : 'x' })), other: true },
	'/scenarios ?/delete': {
		build: action(() => '/scenarios', 'delete', (ids, other) => (other ? { id: String(ids.scenario), version: '1' } : { id: 'x' })),
		other: true
	},
	'/scenarios/[id] GET': { build: page((ids) => `/scenarios/${ids.scenario}`), other: true },
	'/scenarios/[id]/history GET': { build: page((ids) => `/scenarios/${ids.scenario}/history`), other: true },
	'/scenarios/[id]/history ?/restore': {
		build: action((ids) => `/scenarios/${ids.scenario}/history`, 'restore', (_ids, other) => (other ? { version: '1', baseVersion: '1' } : { version: 'x' })),
		other: true
	},
	'/scenarios/[id]/mitigations GET': { build: page((ids) => `/scenarios/${ids.scenario}/mitigations`), other: true },
	'/scenarios/[id]/mitigations ?/add': {
		build: action((ids) => `/scenarios/${ids.scenario}/mitigations`, 'add', (_ids, other) => (other ? { action: 'Added by A', owner: 'A', forWhom: 'B' } : { action: '' })),
		other: true
	},
	'/scenarios/[id]/mitigations ?/delete': { build: action((ids) => `/scenarios/${ids.scenario}/mitigations`, 'delete', () => ({ id: 'x' })), other: true },
	'/scenarios/[id]/pilot GET': { build: page((ids) => `/scenarios/${ids.scenario}/pilot`), other: true },
	...Object.fromEntries(
		['addMilestone', 'editMilestone', 'deleteMilestone', 'addCost', 'editCost', 'deleteCost'].map((name) => [
			`/scenarios/[id]/pilot ?/${name}`,
			{
				build: action((ids) => `/scenarios/${ids.scenario}/pilot`, name, (ids, other) =>
					other ? { id: String(ids.milestone), version: '1', title: 'Changed by A', startDate: '2027-01-01', endDate: '2027-02-01', status: 'not_started' } : { id: 'x', title: '' }
				),
				other: true
			}
		])
	),
	// One-time links with a token that was never issued.
	'/set-password/[token] GET': { build: page(() => '/set-password/not-a-token'), other: false },
	'/set-password/[token] ?/default': { build: () => ({ method: 'POST', path: '/set-password/not-a-token', form: { password: '' } }), other: false },
	'/setup/[token] GET': { build: page(() => '/setup/not-a-token'), other: false },
	'/setup/[token] ?/default': { build: () => ({ method: 'POST', path: '/setup/not-a-token', form: { password: '' } }), other: false },
	'/sign-in GET': { build: page(() => '/sign-in'), other: false },
	// Without an email, refused before Better Auth counts a sign-in attempt against the rate limit.
	'/sign-in ?/password': { build: action(() => '/sign-in', 'password', () => ({ email: '', password: '' })), other: false },
	'/sign-in ?/sso': { build: action(() => '/sign-in', 'sso', () => ({})), other: false },
	'/sign-out POST': { build: () => ({ method: 'POST', path: '/sign-out', form: {} }), other: false, signedOutOnly: true },
	'/switch-partnership POST': {
		build: (ids) => ({ method: 'POST', path: '/switch-partnership', form: { partnership: ids.partnership } }),
		other: true
	},
	'/sites GET': { build: page(() => '/sites'), other: false },
	'/sites/[ref] GET': { build: page((ids) => `/sites/${ids.site}`), other: true },
	'/zones GET': { build: page(() => '/zones'), other: false },
	'/zones/[code] GET': { build: page((ids) => `/zones/${ids.zone}`), other: true }
};

const ROLES_OF_A: Role[] = ['viewer', 'editor', 'data_manager', 'admin'];
const run = `${Date.now()}`;
/** Words only B's data holds: none may appear in any answer to A. */
const B = {
	partnership: `Matrix partnership B ${run}`,
	scenario: `Zebra option of B ${run}`,
	milestone: `Quokka milestone of B ${run}`,
	saved: `Narwhal decision of B ${run}`,
	criterion: `Okapi criterion of B ${run}`,
	mitigation: `Axolotl mitigation of B ${run}`,
	sites: ['Stretford Mall Hub', 'Sale Waterside Hub'],
	zone: 'Test zone A'
};
const SECRETS = [B.partnership, B.scenario, B.milestone, B.saved, B.criterion, B.mitigation, ...B.sites, B.zone];
/**
 * Leaks known and being mended on another branch, by cell. The test insists they are still there,
 * so whoever merges the mend is told to delete the entry.
 */
const LEAKS_BEING_MENDED: Record<string, string> = {};

async function send(context: APIRequestContext, baseURL: string, call: Call): Promise<APIResponse> {
	return context.fetch(call.path, {
		method: call.method,
		// SvelteKit refuses a cross-site form post before any hook runs: the same origin makes the rule table the judge.
		// As a browser sends pages and forms (SvelteKit answers a form action's JSON result otherwise, always 200).
		headers: { origin: baseURL, accept: call.path.startsWith('/api/') ? '*/*' : 'text/html' },
		form: call.form,
		data: call.json,
		multipart: call.multipart,
		maxRedirects: 0,
		failOnStatusCode: false
	});
}

function expectOk(response: APIResponse, what: string) {
	expect(response.status(), `${what}: ${response.status()}`).toBeLessThan(400);
}

test('every route × role × partnership answers as the rule table says, and A never sees B', async ({ baseURL }) => {
	test.setTimeout(600_000);
	const base = baseURL!;
	const tree = routeTree();
	const missing = tree.filter((e) => !CELLS[`${e.routeId} ${e.key}`]).map((e) => `${e.routeId} ${e.key}`);
	expect(missing, 'give each new route, method or action a cell in this test (and a rule in rules.ts)').toEqual([]);

	// Partnership B, its people and its content, through the documented paths.
	const partnershipB = await addPartnership(B.partnership);
	const bManager = await newMember(base, 'data_manager', partnershipB, run);
	const bEditor = await newMember(base, 'editor', partnershipB, run);
	for (const [kind, files] of [['sites', { file: fixture('sites-good.csv') }], ['zones', { file: fixture('zones-new.geojson'), zonesCsv: fixture('zones-new-attributes.csv') }]] as const) {
		const uploaded = await bManager.post('/api/import', { multipart: { kind, ...files }, headers: { origin: base } });
		expectOk(uploaded, `B's ${kind} upload`);
		const committed = await bManager.post(`/api/import/${(await uploaded.json()).uploadId}`, { data: { commit: true, createPartners: true }, headers: { origin: base } });
		expect((await committed.json()).run, `B's ${kind} import`).toBeTruthy();
	}
	const bUpload = (await (await bManager.post('/api/import', { multipart: { kind: 'sites', file: fixture('sites-good.csv') }, headers: { origin: base } })).json()).uploadId as string;
	const bScenario = await (await bEditor.post('/api/scenarios', { data: { name: B.scenario, description: B.scenario }, headers: { origin: base } })).json();
	const bIds = await contentOf(bEditor, base, bScenario.id, B);
	const bBaseline = (await (await bEditor.get('/api/scenarios')).json()).find((s: { isBaseline: boolean }) => s.isBaseline).id;

	// A's people, and ids of A's own.
	const people: Record<Role, APIRequestContext> = {} as Record<Role, APIRequestContext>;
	for (const role of ROLES_OF_A) people[role] = await memberOfA(base, role);
	const aScenarios = await (await people.admin.get('/api/scenarios')).json();
	const aScenario = await (await people.editor.post('/api/scenarios', { data: { name: `A's own option ${run}` } })).json();
	const aIds = await contentOf(people.editor, base, aScenario.id, { milestone: `A milestone ${run}`, saved: `A decision ${run}`, criterion: `A criterion ${run}`, mitigation: `A mitigation ${run}` });
	const aUpload = (await (await people.data_manager.post('/api/import', { multipart: { kind: 'sites', file: fixture('sites-good.csv') }, headers: { origin: base } })).json()).uploadId as string;
	const own: Ids = { ...aIds, partnership: DEMO_PARTNERSHIP, scenario: aScenario.id, baseline: aScenarios.find((s: { isBaseline: boolean }) => s.isBaseline).id, site: 'lib-altrincham', zone: 'E01006074', upload: aUpload };
	const other: Ids = { ...bIds, partnership: partnershipB, scenario: bScenario.id, baseline: bBaseline, site: 'hub-stretford-mall', zone: 'E01999990', upload: bUpload };
	const bBefore = await snapshotOf(bEditor, other);

	// Explicitly empty: a context made inside a test otherwise takes the project's signed-in state.
	const signedOut = await requests.newContext({ baseURL: base, storageState: SIGNED_OUT });
	const failures: string[] = [];
	const leaks: string[] = [];
	const mending = new Set<string>();
	let cells = 0;
	for (const entry of tree) {
		const rule = ROUTE_RULES[entry.routeId][entry.key];
		const cell = CELLS[`${entry.routeId} ${entry.key}`];
		for (const target of cell.other ? (['own', 'other'] as const) : (['own'] as const)) {
			const call = cell.build(target === 'own' ? own : other, target === 'other');
			for (const who of cell.signedOutOnly ? (['signed out'] as const) : (['signed out', ...ROLES_OF_A] as const)) {
				const context = who === 'signed out' ? signedOut : people[who];
				const response = await send(context, base, call);
				const body = await response.text();
				cells++;
				const problem = judge(entry, rule, who, target, response.status(), body, response.headers()['location']);
				if (problem) failures.push(`${who} ${call.method} ${call.path} (${target}): ${problem}`);
				const leaked = SECRETS.filter((secret) => body.includes(secret));
				if (leaked.length && LEAKS_BEING_MENDED[`${entry.routeId} ${entry.key}`]) mending.add(`${entry.routeId} ${entry.key}`);
				else if (leaked.length) leaks.push(`${who} ${call.method} ${call.path}: ${leaked.join(', ')}`);
			}
		}
	}
	const bAfter = await snapshotOf(bEditor, other);
	const routes = new Set(tree.map((e) => e.routeId)).size;
	console.log(
		`Authorisation matrix: ${routes} routes, ${tree.length} methods and actions × ${ROLES_OF_A.length + 1} (signed out, ${ROLES_OF_A.join(', ')}) × own/other partnership = ${cells} cells; ${failures.length} wrong answers; ${leaks.length} leaks of B's data` +
			(mending.size ? ` (besides ${[...mending].map((cell) => `${cell}: ${LEAKS_BEING_MENDED[cell]}`).join('; ')}).` : '.')
	);
	expect(failures).toEqual([]);
	expect(leaks).toEqual([]);
	expect([...mending], 'a leak being mended elsewhere is mended: delete it from LEAKS_BEING_MENDED').toEqual(Object.keys(LEAKS_BEING_MENDED));
	expect(bAfter, 'nothing A sent changed B').toEqual(bBefore);
});

/**
 * What a cell must answer. Signed out: sent to sign in (303) or 401. A role without the rule's
 * permission: 403 from the rule table. Permitted, on A's own: not refused and no server error (GETs
 * succeed). Permitted, on B's: B's resource does not exist here (404), or a refusal (400/409) that
 * changed nothing (checked after the matrix).
 */
function judge(entry: RouteEntry, rule: Rule, who: Role | 'signed out', target: 'own' | 'other', status: number, body: string, location?: string): string | null {
	if (rule === 'public') return status < 500 ? null : `expected an answer, got ${status}`;
	if (who === 'signed out') return status === 401 || (status === 303 && location?.startsWith('/sign-in')) ? null : `expected 401 or a redirect to sign in, got ${status}`;
	if (!can(who, rule)) return status === 403 && /needs the .+ role/.test(body) ? null : `expected 403 from the rule table, got ${status}`;
	if (status >= 500) return `expected no server error, got ${status}: ${body.slice(0, 200)}`;
	if (target === 'own') {
		if (status === 401 || status === 403) return `expected to be let through, got ${status}: ${body.slice(0, 200)}`;
		return entry.key === 'GET' && status >= 400 ? `expected A's own to answer, got ${status}` : null;
	}
	const takesId = /\[(id|ref|code)\]/.test(entry.routeId);
	if (entry.key === 'GET' && takesId) return status === 404 ? null : `expected 404 for B's id, got ${status}`;
	if (entry.key !== 'GET' && status < 400) return `expected B's id to be refused, got ${status}`;
	return null;
}

/** A partnership's content made by its editor: a milestone, a saved comparison (frozen once), a criterion and a mitigation. */
async function contentOf(editor: APIRequestContext, base: string, scenarioId: number, names: { milestone: string; saved: string; criterion: string; mitigation: string }): Promise<Pick<Ids, 'milestone' | 'saved' | 'record'>> {
	const headers = { origin: base, accept: 'text/html' };
	const post = (path: string, form: Record<string, string>) => editor.post(path, { form, headers, maxRedirects: 0 });
	const added = await post(`/scenarios/${scenarioId}/pilot?/addMilestone`, { title: names.milestone, startDate: '2027-01-01', endDate: '2027-03-01', status: 'not_started' });
	expect(added.status(), (await added.text()).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').slice(0, 2000)).toBe(303);
	const pilot = await (await editor.get(`/scenarios/${scenarioId}/pilot`)).text();
	const milestone = Number(/\?edit=(\d+)/.exec(pilot)?.[1]);
	const saved = await post('/decisions/new', { ids: `baseline,${scenarioId}`, title: names.saved, recommendation: `Adopt ${names.saved}`, rationale: 'Cheaper', author: 'Editor' });
	expect(saved.status()).toBe(303);
	const savedId = Number(/\/decisions\/comparisons\/(\d+)/.exec(saved.headers()['location'] ?? '')?.[1]);
	const frozen = await post(`/decisions/comparisons/${savedId}?/freeze`, { presentedOn: '2026-11-30' });
	const record = Number(/\/decisions\/records\/(\d+)/.exec(frozen.headers()['location'] ?? '')?.[1]) || null;
	expect((await post('/criteria?/add', { name: names.criterion, service: 'library', threshold: '2', thresholdUnit: 'miles', group: 'total', targetPercent: '90' })).status()).toBeLessThan(400);
	expect((await post(`/scenarios/${scenarioId}/mitigations?/add`, { action: names.mitigation, owner: 'Owner', forWhom: 'Everyone' })).status()).toBeLessThan(400);
	return { milestone, saved: savedId, record };
}

/** B as its editor sees it: scenarios, the pilot, the decision, criteria and partners. */
async function snapshotOf(editor: APIRequestContext, ids: Ids): Promise<string[]> {
	const text = async (path: string) => (await editor.get(path)).text();
	const scenarios = (await (await editor.get('/api/scenarios')).json()).map((s: { id: number; name: string; version: number }) => `${s.id} ${s.name} v${s.version}`);
	const strip = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
	return [
		...scenarios,
		strip(await text(`/scenarios/${ids.scenario}/pilot`)).match(/Milestones.*?Pilot costs/)?.[0] ?? 'no pilot',
		strip(await text(`/scenarios/${ids.scenario}/mitigations`)).match(/Mitigations recorded.*?Add a mitigation/)?.[0] ?? 'no mitigations',
		strip(await text(`/decisions/comparisons/${ids.saved}`)).match(/Recommendation.*?Decision records/)?.[0] ?? 'no decision',
		String((await (await editor.get('/api/estate/map')).text()).length)
	];
}
