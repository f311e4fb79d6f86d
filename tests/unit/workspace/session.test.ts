import { describe, expect, it } from 'vitest';
import type { ScenarioRecord } from '$lib/workspace/changes';
import { ScenarioSession } from '$lib/workspace/session.svelte';
import { close, record } from './helpers';

/** A stand-in server holding one scenario, with the API's version check. */
function fakeServer(initial: ScenarioRecord) {
	const state = { stored: initial, bodies: [] as unknown[] };
	const fetcher = (async (_url: string, init: RequestInit) => {
		const body = JSON.parse(String(init.body));
		state.bodies.push(body);
		if (body.baseVersion !== state.stored.version)
			return new Response(JSON.stringify({ message: 'stale', current: state.stored }), { status: 409 });
		const actions = body.op === 'action' ? [...state.stored.actions, body.action] : body.actions ?? state.stored.actions;
		state.stored = { ...state.stored, actions, version: state.stored.version + 1 };
		return new Response(JSON.stringify(state.stored), { status: 200 });
	}) as typeof fetch;
	return { state, fetcher };
}

describe('ScenarioSession', async () => {
	it('runs saves one after another, each on the version the last one returned', async () => {
		const server = fakeServer(record(1, []));
		const session = new ScenarioSession(record(1, []), server.fetcher);
		const saved = await Promise.all([
			session.apply({ kind: 'actions', actions: [close('a')] }),
			session.apply({ kind: 'actions', actions: [close('b')] })
		]);
		expect(saved).toEqual([true, true]);
		expect(session.scenario.version).toBe(3);
		expect(session.scenario.actions).toEqual([close('a'), close('b')]);
		expect(session.pending).toBe(0);
	});

	it('holds a change refused as stale, reports theirs, and re-applies it on top', async () => {
		const server = fakeServer(record(2, [close('theirs')]));
		const session = new ScenarioSession(record(1, []), server.fetcher);
		expect(await session.apply({ kind: 'actions', actions: [close('mine')] })).toBe(false);
		expect(session.conflict?.report.theirNewActions).toEqual([close('theirs')]);
		expect(session.scenario.version).toBe(1);
		// Nothing else is sent while the conflict is open.
		expect(await session.apply({ kind: 'undo' })).toBe(false);
		expect(server.state.bodies).toHaveLength(1);

		expect(await session.reapply()).toBe(true);
		expect(session.conflict).toBeNull();
		expect(session.scenario.actions).toEqual([close('theirs'), close('mine')]);
		expect(server.state.stored.version).toBe(3);
	});

	it('discarding takes their version and sends nothing', async () => {
		const server = fakeServer(record(2, [close('theirs')]));
		const session = new ScenarioSession(record(1, []), server.fetcher);
		await session.apply({ kind: 'actions', actions: [close('mine')] });
		session.discard();
		expect(session.scenario.actions).toEqual([close('theirs')]);
		expect(server.state.bodies).toHaveLength(1);
	});

	it('keeps field issues from a 400 and a message for other failures', async () => {
		const issues = [{ path: 'parameters.appraisal.discountRate', message: 'Must be between 0 and 1' }];
		const refusing = (async () => new Response(JSON.stringify({ issues }), { status: 400 })) as unknown as typeof fetch;
		const session = new ScenarioSession(record(1, []), refusing);
		expect(await session.apply({ kind: 'undo' })).toBe(false);
		expect(session.issues).toEqual(issues);

		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as unknown as typeof fetch;
		const cut = new ScenarioSession(record(1, []), offline);
		expect(await cut.apply({ kind: 'undo' })).toBe(false);
		expect(cut.failure).toMatch(/not saved \(Failed to fetch\)/);
	});
});
