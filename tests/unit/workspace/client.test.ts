import { describe, expect, it } from 'vitest';
import { defaultParameters } from '$lib/engine';
import { EngineClient, type WorkerLike } from '$lib/workspace/engine-client';
import type { EvaluateRequest, WorkerResponse } from '$lib/workspace/engine-protocol';
import { historyShortcut } from '$lib/workspace/shortcuts';

class FakeWorker implements WorkerLike {
	posted: EvaluateRequest[] = [];
	onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
	terminated = false;
	postMessage(message: EvaluateRequest) {
		this.posted.push(message);
	}
	terminate() {
		this.terminated = true;
	}
	answer(message: WorkerResponse) {
		this.onmessage?.({ data: message } as MessageEvent<WorkerResponse>);
	}
}

const answer = (requestId: number): WorkerResponse => ({
	type: 'result',
	requestId,
	result: {} as never,
	access: [],
	zones: [],
	engineMs: 1,
	loadMs: null
});

describe('EngineClient', async () => {
	it('resolves the newest request and settles superseded ones with null', async () => {
		const worker = new FakeWorker();
		const client = new EngineClient(worker);
		const first = client.evaluate([], defaultParameters());
		const second = client.evaluate([{ type: 'close', siteRef: 'a' }], defaultParameters());
		expect(await first).toBeNull();
		worker.answer(answer(1)); // late answer to the first: ignored
		worker.answer(answer(2));
		const e = await second;
		expect(e?.requestId).toBe(2);
		expect(e?.roundTripMs).toBeGreaterThanOrEqual(0);
		expect(worker.posted.map((p) => p.actions.length)).toEqual([0, 1]);
	});

	it('rejects with the engine’s message', async () => {
		const worker = new FakeWorker();
		const pending = new EngineClient(worker).evaluate([], defaultParameters());
		worker.answer({ type: 'error', requestId: 1, message: "Unknown closed site 'x'." });
		await expect(pending).rejects.toThrow("Unknown closed site 'x'.");
	});

	it('terminates the worker and settles what is waiting', async () => {
		const worker = new FakeWorker();
		const client = new EngineClient(worker);
		const pending = client.evaluate([], defaultParameters());
		client.terminate();
		expect(await pending).toBeNull();
		expect(worker.terminated).toBe(true);
	});
});

describe('historyShortcut', async () => {
	const key = (k: string, extra: Partial<KeyboardEvent> = {}) =>
		({ key: k, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, target: { tagName: 'BODY' }, ...extra }) as unknown as KeyboardEvent;

	it('maps Ctrl/Cmd+Z, Ctrl+Shift+Z and Ctrl+Y', () => {
		expect(historyShortcut(key('z'))).toBe('undo');
		expect(historyShortcut(key('Z', { shiftKey: true }))).toBe('redo');
		expect(historyShortcut(key('y'))).toBe('redo');
		expect(historyShortcut(key('z', { ctrlKey: false, metaKey: true }))).toBe('undo');
		expect(historyShortcut(key('z', { ctrlKey: false }))).toBeNull();
	});

	it('leaves text fields their own undo, but not checkboxes', () => {
		expect(historyShortcut(key('z', { target: { tagName: 'INPUT', type: 'text' } as never }))).toBeNull();
		expect(historyShortcut(key('z', { target: { tagName: 'TEXTAREA' } as never }))).toBeNull();
		expect(historyShortcut(key('z', { target: { tagName: 'INPUT', type: 'checkbox' } as never }))).toBe('undo');
	});
});
