import { beforeAll, describe, expect, it } from 'vitest';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData } from '$lib/server/seed';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import { saveUpload } from '$lib/server/import';
import { POST as createScenario } from '../../../src/routes/api/scenarios/+server';
import { PATCH as changeScenario } from '../../../src/routes/api/scenarios/[id]/+server';
import { POST as upload } from '../../../src/routes/api/import/+server';
import { POST as remap } from '../../../src/routes/api/import/[id]/+server';
import { actions as scenarioForms } from '../../../src/routes/scenarios/+page.server';
import { actions as pilotForms } from '../../../src/routes/scenarios/[id]/pilot/+page.server';
import { openTestDb, testLocals } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

/**
 * Wrongly typed input fired at every JSON endpoint and form action: each must answer 4xx naming
 * the field path, never 500 (a thrown error) and never a write. Regression for issue 11, where
 * fifteen such bodies (`{"name":5}`, `null`, `{"actions":{}}`, `{"site":null}` …) gave 500 and
 * `redo` stored junk actions.
 */

const long = (n: number) => 'x'.repeat(n);
/** A body for a test's title, long text shortened. */
const show = (body: unknown) => JSON.stringify(body)?.replace(/x{20,}/g, (run) => `x×${run.length}`);
type Body = unknown;

function jsonRequest(method: string, body: Body): Request {
	return new Request('http://localhost/api', { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Status and issue paths of a JSON handler's answer; a thrown error fails the test as a 500 would. */
async function answer(run: () => Promise<Response>): Promise<{ status: number; paths: string[]; message: string }> {
	const response = await run();
	const body = await response.json();
	return { status: response.status, paths: (body.issues ?? []).map((i: { path: string }) => i.path), message: body.message ?? '' };
}

function formRequest(fields: Record<string, string | Blob>): Request {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	return new Request('http://localhost/form', { method: 'POST', body: form });
}

/** A form action's refusal: status and the field paths it names (errors object or issues list). */
async function refusal(run: () => unknown): Promise<{ status: number; paths: string[]; data: Record<string, unknown> }> {
	let result: unknown;
	try {
		result = await run();
	} catch (e) {
		if (isRedirect(e)) throw new Error(`expected a refusal, got a redirect to ${e.location}`);
		if (isHttpError(e)) return { status: e.status, paths: [], data: {} };
		throw e;
	}
	if (!isActionFailure(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
	const data = result.data as unknown as Record<string, unknown>;
	const paths = Array.isArray(data.issues) ? data.issues.map((i: { path: string }) => i.path) : Object.keys((data.errors as object) ?? {});
	return { status: result.status, paths, data };
}

const aFile = () => new File(['name\nHale'], 'sites.csv', { type: 'text/csv' });

describe('wrongly typed input never gives 500', async () => {
	let scenarioId: number;
	let version: number;
	let locals: App.Locals;
	beforeAll(async () => {
		const db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		locals = await testLocals(db);
		const s = await scenarios.create(locals.db, TEST_ACTOR, P, { name: 'Target' });
		scenarioId = s.id;
		version = s.version;
	});
	const stored = async () => scenarios.get(locals.db, P, scenarioId);

	const createCases: [Body, string][] = [
		[null, 'body'],
		[5, 'body'],
		['close', 'body'],
		[[], 'name'],
		[{}, 'name'],
		[{ name: 5 }, 'name'],
		[{ name: long(201) }, 'name'],
		[{ name: 'A', description: long(5001) }, 'description'],
		[{ name: 'A', description: 7 }, 'description'],
		[{ name: 'A', actions: {} }, 'actions'],
		[{ name: 'A', actions: [5] }, 'actions[0]'],
		[{ name: 'A', actions: [{ type: 'close' }] }, 'actions[0].siteRef'],
		[{ name: 'A', actions: [{ type: 'close', siteRef: 5 }] }, 'actions[0].siteRef'],
		[{ name: 'A', actions: [{ type: 'demolish', siteRef: 'lib-hale' }] }, 'actions[0].type'],
		[{ name: 'A', actions: [{ type: 'add', site: null }] }, 'actions[0].site'],
		[{ name: 'A', actions: [{ type: 'add', site: { ref: 'n', name: 'N', kind: 'hub', lon: '-2', lat: 53, giaM2: null, annualRunningCostGbp: null, services: [] } }] }, 'actions[0].site.lon'],
		[{ name: 'A', parameters: null }, 'parameters'],
		[{ name: 'A', parameters: { distance: 'road' } }, 'parameters.distance'],
		[{ name: 'A', bogus: 1 }, 'bogus'],
		[{ duplicateOf: '1' }, 'duplicateOf'],
		[{ duplicateOf: 1.5 }, 'duplicateOf']
	];
	it.each(createCases.map(([body, path]) => [show(body), path, body] as const))('POST /api/scenarios %s → 400 naming %s', async (_, path, body) => {
		const before = (await scenarios.list(locals.db, P)).length;
		const { status, paths, message } = await answer(() => createScenario({ request: jsonRequest('POST', body), locals } as never) as Promise<Response>);
		expect(status).toBe(400);
		expect(paths).toContain(path);
		expect(message).toContain(`${path}: `);
		expect(await scenarios.list(locals.db, P)).toHaveLength(before);
	});

	const changeCases: (() => [Body, string])[] = [
		() => [null, 'body'],
		() => [{}, 'op'],
		() => [{ op: 'nope', baseVersion: version }, 'op'],
		() => [{ op: 'action' }, 'baseVersion'],
		() => [{ op: 'undo', baseVersion: '1' }, 'baseVersion'],
		() => [{ op: 'redo', baseVersion: 0 }, 'baseVersion'],
		() => [{ op: 'action', baseVersion: version, action: null }, 'action'],
		() => [{ op: 'action', baseVersion: version, action: { type: 'close', siteRef: 5 } }, 'action.siteRef'],
		() => [{ op: 'action', baseVersion: version, action: { type: 'add', site: null } }, 'action.site'],
		() => [{ op: 'patch', baseVersion: version, actions: {} }, 'actions'],
		() => [{ op: 'patch', baseVersion: version, redo: [{ junk: true }] }, 'redo[0].type'],
		() => [{ op: 'patch', baseVersion: version, redo: [{ type: 'move', fromSiteRef: 'a' }] }, 'redo[0].toSiteRef'],
		() => [{ op: 'patch', baseVersion: version, name: 5 }, 'name'],
		() => [{ op: 'patch', baseVersion: version, description: long(5001) }, 'description'],
		() => [{ op: 'patch', baseVersion: version, parameters: { thresholdsM: 'far' } }, 'parameters.thresholdsM']
	];
	it.each(changeCases.map((c) => [show(c()[0]), c] as const))('PATCH /api/scenarios/[id] %s → 400 naming the field', async (_, make) => {
		const [body, path] = make();
		const before = await stored();
		const { status, paths } = await answer(() => changeScenario({ params: { id: String(scenarioId) }, request: jsonRequest('PATCH', body), locals } as never) as Promise<Response>);
		expect(status).toBe(400);
		expect(paths).toContain(path);
		expect(await stored()).toEqual(before);
	});

	it('redo can no longer store junk: a junk redo entry is refused, the redo stack stays empty', async () => {
		await answer(() => changeScenario({ params: { id: String(scenarioId) }, request: jsonRequest('PATCH', { op: 'patch', baseVersion: version, redo: [{ type: 'close' }] }), locals } as never) as Promise<Response>);
		expect((await stored()).redo).toEqual([]);
	});

	const remapCases: [Body, string][] = [
		[null, 'body'],
		[{ mapping: [] }, 'mapping'],
		[{ mapping: { name: 'A' } }, 'mapping.name'],
		[{ mapping: { name: -1 } }, 'mapping.name'],
		[{ commit: 'yes' }, 'commit'],
		[{ removeMissing: 1 }, 'removeMissing']
	];
	it.each(remapCases)('POST /api/import/[id] %j → 400 naming %s', async (body, path) => {
		const id = await saveUpload(locals.db, P, { kind: 'sites', file: { name: 'sites.csv', bytes: new TextEncoder().encode('ref,name\nx,y\n') }, options: {} });
		const { status, paths } = await answer(() => remap({ params: { id }, request: jsonRequest('POST', body), locals } as never) as Promise<Response>);
		expect(status).toBe(400);
		expect(paths).toContain(path);
	});

	it('POST /api/import refuses a matrix name over the length limit, naming the field', async () => {
		const request = formRequest({ kind: 'matrix', file: aFile(), matrixName: long(201) });
		const { status, paths } = await answer(() => upload({ request, locals } as never) as Promise<Response>);
		expect(status).toBe(400);
		expect(paths).toEqual(['matrixName']);
	});

	const scenarioFormCases: [keyof typeof scenarioForms, () => Record<string, string | Blob>, string][] = [
		['create', () => ({ name: aFile() }), 'name'],
		['create', () => ({ name: long(201) }), 'name'],
		['create', () => ({ name: 'A', description: long(5001) }), 'description'],
		['update', () => ({ id: 'abc', version: String(version), name: 'A' }), 'id'],
		['update', () => ({ id: String(scenarioId), name: 'A' }), 'version'],
		['update', () => ({ id: String(scenarioId), version: '1.5', name: 'A' }), 'version'],
		['update', () => ({ id: String(scenarioId), version: String(version), name: aFile() }), 'name'],
		['update', () => ({ id: String(scenarioId), version: String(version), name: long(201) }), 'name'],
		['duplicate', () => ({ id: 'x' }), 'id'],
		['delete', () => ({}), 'id']
	];
	it.each(scenarioFormCases.map(([a, f, p]) => [a, p, f] as const))('scenarios form ?/%s → 400 naming %s (case %#)', async (action, path, fields) => {
		const before = await scenarios.list(locals.db, P);
		const { status, paths } = await refusal(() => scenarioForms[action]({ request: formRequest(fields()), locals } as never));
		expect(status).toBe(400);
		expect(paths).toContain(path);
		expect(await scenarios.list(locals.db, P)).toEqual(before);
	});

	const pilotFormCases: [keyof typeof pilotForms, () => Record<string, string | Blob>, string][] = [
		['addMilestone', () => ({ title: aFile(), startDate: '2026-01-01', endDate: '2026-02-01' }), 'title'],
		['addMilestone', () => ({ title: long(201), startDate: '2026-01-01', endDate: '2026-02-01' }), 'title'],
		['addMilestone', () => ({ title: 'T', startDate: '2026-01-01', endDate: '2026-02-01', notes: long(5001) }), 'notes'],
		['editMilestone', () => ({ id: '1', title: 'T', startDate: '2026-01-01', endDate: '2026-02-01' }), 'version'],
		['deleteMilestone', () => ({ id: 'x' }), 'id'],
		['addCost', () => ({ label: long(201), amountGbp: '10' }), 'label'],
		['addCost', () => ({ label: 'L', amountGbp: '10', 'contribution.trafford-council': aFile() }), 'contribution.trafford-council'],
		['editCost', () => ({ id: '1', version: 'x', label: 'L', amountGbp: '10' }), 'version'],
		['deleteCost', () => ({}), 'id']
	];
	it.each(pilotFormCases.map(([a, f, p]) => [a, p, f] as const))('pilot form ?/%s → 400 naming %s (case %#)', async (action, path, fields) => {
		const before = [await pilots.listMilestones(locals.db, P, scenarioId), await pilots.listCosts(locals.db, P, scenarioId)];
		const { status, paths } = await refusal(() => pilotForms[action]({ params: { id: String(scenarioId) }, request: formRequest(fields()), locals } as never));
		expect(status).toBe(400);
		expect(paths).toContain(path);
		expect([await pilots.listMilestones(locals.db, P, scenarioId), await pilots.listCosts(locals.db, P, scenarioId)]).toEqual(before);
	});
});

describe('an edit form opened on an old version is refused with the stored record, keeping what was typed', async () => {
	let locals: App.Locals;
	beforeAll(async () => {
		const db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		locals = await testLocals(db);
	});

	it('rename: 409 with their name and description, the typed ones kept, nothing overwritten', async () => {
		const s = await scenarios.create(locals.db, TEST_ACTOR, P, { name: 'Opened' });
		const theirs = await scenarios.update(locals.db, TEST_ACTOR, P, s.id, s.version, { name: 'Renamed through the API' });
		const { status, data } = await refusal(() =>
			scenarioForms.update({ request: formRequest({ id: String(s.id), version: String(s.version), name: 'Typed in the form', description: 'Mine' }), locals } as never)
		);
		expect(status).toBe(409);
		expect(data.conflict).toEqual({ version: theirs.version, name: 'Renamed through the API', description: '' });
		expect(data.values).toEqual({ name: 'Typed in the form', description: 'Mine' });
		expect(await scenarios.get(locals.db, P, s.id)).toEqual(theirs);
	});

	it('rename on the current version saves', async () => {
		const s = await scenarios.create(locals.db, TEST_ACTOR, P, { name: 'Opened' });
		await expect(scenarioForms.update({ request: formRequest({ id: String(s.id), version: String(s.version), name: 'Saved' }), locals } as never)).rejects.toSatisfy(isRedirect);
		expect(await scenarios.get(locals.db, P, s.id)).toMatchObject({ name: 'Saved', version: s.version + 1 });
	});

	it('milestone: 409 with the stored milestone, the typed fields kept', async () => {
		const s = await scenarios.create(locals.db, TEST_ACTOR, P, { name: 'Pilot' });
		const m = await pilots.createMilestone(locals.db, TEST_ACTOR, P, s.id, { title: 'Opened', startDate: '2026-01-01', endDate: '2026-02-01' });
		const theirs = await pilots.updateMilestone(locals.db, TEST_ACTOR, P, s.id, m.id, m.version, { title: 'Theirs', startDate: '2026-01-01', endDate: '2026-03-01' });
		const fields = { id: String(m.id), version: String(m.version), title: 'Mine', startDate: '2026-01-01', endDate: '2026-02-01' };
		const { status, data } = await refusal(() => pilotForms.editMilestone({ params: { id: String(s.id) }, request: formRequest(fields), locals } as never));
		expect(status).toBe(409);
		expect(data.conflict).toEqual(theirs);
		expect(data.values).toMatchObject({ title: 'Mine', endDate: '2026-02-01' });
		expect(await pilots.getMilestone(locals.db, P, s.id, m.id)).toEqual(theirs);
	});

	it('pilot cost: 409 with the stored line, the typed fields kept', async () => {
		const s = await scenarios.create(locals.db, TEST_ACTOR, P, { name: 'Pilot' });
		const c = await pilots.createCost(locals.db, TEST_ACTOR, P, s.id, { label: 'Opened', amountGbp: '10', contributions: { 'trafford-council': '10' } });
		const theirs = await pilots.updateCost(locals.db, TEST_ACTOR, P, s.id, c.id, c.version, { label: 'Theirs', amountGbp: '20', contributions: { 'trafford-council': '20' } });
		const fields = { id: String(c.id), version: String(c.version), label: 'Mine', amountGbp: '30', 'contribution.trafford-council': '30' };
		const { status, data } = await refusal(() => pilotForms.editCost({ params: { id: String(s.id) }, request: formRequest(fields), locals } as never));
		expect(status).toBe(409);
		expect(data.conflict).toEqual(theirs);
		expect(data.values).toEqual({ label: 'Mine', amountGbp: '30', contributions: { 'trafford-council': '30' } });
		expect(await pilots.listCosts(locals.db, P, s.id)).toEqual([theirs]);
	});

	it('delete: a scenario or milestone changed since the confirmation opened is not deleted (409, said in words)', async () => {
		const s = await scenarios.create(locals.db, TEST_ACTOR, P, { name: 'To delete' });
		await scenarios.update(locals.db, TEST_ACTOR, P, s.id, s.version, { description: 'changed meanwhile' });
		const scenarioRefusal = await refusal(() => scenarioForms.delete({ request: formRequest({ id: String(s.id), version: String(s.version) }), locals } as never));
		expect(scenarioRefusal.status).toBe(409);
		expect((scenarioRefusal.data.errors as Record<string, string>).scenario).toMatch(/^Not deleted: Scenario "To delete" was changed elsewhere \(now version 2, your edit was based on version 1\)\. Check it, then delete again\.$/);
		expect((await scenarios.get(locals.db, P, s.id)).description).toBe('changed meanwhile');

		const m = await pilots.createMilestone(locals.db, TEST_ACTOR, P, s.id, { title: 'Opened', startDate: '2026-01-01', endDate: '2026-02-01' });
		await pilots.updateMilestone(locals.db, TEST_ACTOR, P, s.id, m.id, m.version, { title: 'Theirs', startDate: '2026-01-01', endDate: '2026-02-01' });
		const milestoneRefusal = await refusal(() =>
			pilotForms.deleteMilestone({ params: { id: String(s.id) }, request: formRequest({ id: String(m.id), version: String(m.version) }), locals } as never)
		);
		expect(milestoneRefusal.status).toBe(409);
		expect(milestoneRefusal.paths).toEqual(['id']);
		expect((await pilots.getMilestone(locals.db, P, s.id, m.id)).title).toBe('Theirs');
	});
});
