/**
 * The page's handle on the engine worker: `evaluate` posts a request and resolves with its answer,
 * or with null when a newer request has superseded it (the page only shows the newest result).
 * `roundTripMs` is measured from posting to receiving, which is what a user waits for.
 */
import type { PilotCostInput, ScenarioAction, ScenarioParameters } from '../engine/types';
import type { EvaluateRequest, EvaluateResponse, WorkerResponse } from './engine-protocol';

export interface Evaluation extends EvaluateResponse {
	roundTripMs: number;
	/** `performance.now()` when the answer arrived, to split a wait into engine and rendering. */
	receivedAt: number;
}

/** The part of a Worker the client uses, so tests can pass a stand-in. */
export interface WorkerLike {
	postMessage(message: EvaluateRequest): void;
	onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
	terminate(): void;
}

export class EngineClient {
	private nextId = 1;
	private readonly waiting = new Map<number, { resolve: (e: Evaluation | null) => void; reject: (e: Error) => void; postedAt: number }>();

	constructor(private readonly worker: WorkerLike) {
		worker.onmessage = (event) => this.receive(event.data);
	}

	/** Evaluate `actions` under `parameters` (with the pilot's costs); null if a later call superseded this one. */
	evaluate(actions: ScenarioAction[], parameters: ScenarioParameters, pilotCosts: PilotCostInput[] = []): Promise<Evaluation | null> {
		const requestId = this.nextId++;
		// Older requests will never be shown: settle them now rather than leave them hanging.
		for (const [id, entry] of this.waiting) {
			entry.resolve(null);
			this.waiting.delete(id);
		}
		return new Promise((resolve, reject) => {
			this.waiting.set(requestId, { resolve, reject, postedAt: performance.now() });
			// Svelte state proxies cannot be structured-cloned; send plain copies.
			this.worker.postMessage({
				type: 'evaluate',
				requestId,
				actions: JSON.parse(JSON.stringify(actions)),
				parameters: JSON.parse(JSON.stringify(parameters)),
				pilotCosts: JSON.parse(JSON.stringify(pilotCosts))
			});
		});
	}

	terminate(): void {
		for (const entry of this.waiting.values()) entry.resolve(null);
		this.waiting.clear();
		this.worker.terminate();
	}

	private receive(message: WorkerResponse): void {
		const entry = this.waiting.get(message.requestId);
		if (!entry) return;
		this.waiting.delete(message.requestId);
		if (message.type === 'error') entry.reject(new Error(message.message));
		else {
			const receivedAt = performance.now();
			entry.resolve({ ...message, roundTripMs: receivedAt - entry.postedAt, receivedAt });
		}
	}
}

/** The real worker, bundled by Vite. */
export function createEngineClient(): EngineClient {
	const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
	return new EngineClient(worker as unknown as WorkerLike);
}
