/// <reference lib="webworker" />
/**
 * The engine in a Web Worker, so the map never freezes while a scenario is evaluated. Requests
 * that arrive while one is being evaluated replace each other: only the newest is worked on, since
 * the page only shows the newest.
 */
import { evaluateScenario, prepareEstate, type EngineData, type PreparedEstate } from '../engine';
import { accessChanges } from './impact';
import type { EvaluateRequest, WorkerResponse, ZoneRef } from './engine-protocol';
import { loadOnce } from './load-once';

declare const self: DedicatedWorkerGlobalScope;

// A failed load (network, a bad answer) is retried by the next request rather than kept.
const estate = loadOnce(load);
let pending: EvaluateRequest | null = null;
let busy = false;
let loadReported = false;

self.onmessage = (event: MessageEvent<EvaluateRequest>) => {
	pending = event.data;
	if (!busy) void work();
};

async function work(): Promise<void> {
	busy = true;
	try {
		while (pending) {
			const request = pending;
			pending = null;
			self.postMessage(await answer(request));
			// Let queued messages land before picking the next request.
			await new Promise((resolve) => setTimeout(resolve, 0));
		}
	} finally {
		busy = false;
	}
}

async function answer(request: EvaluateRequest): Promise<WorkerResponse> {
	try {
		const { prepared, zones, loadMs } = await estate();
		const started = performance.now();
		const result = evaluateScenario(prepared, request.actions, request.parameters, { pilotCosts: request.pilotCosts });
		const access = accessChanges(prepared.zones, result.zoneAccess, request.parameters);
		const engineMs = performance.now() - started;
		const first = !loadReported;
		loadReported = true;
		if (first) setTimeout(() => warmUp(prepared, request.parameters.distance.mode === 'matrix'), 0);
		return { type: 'result', requestId: request.requestId, result, access, zones, engineMs, loadMs: first ? loadMs : null };
	} catch (error) {
		return { type: 'error', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) };
	}
}

async function load(): Promise<{ prepared: PreparedEstate; zones: ZoneRef[]; loadMs: number }> {
	const started = performance.now();
	const response = await fetch(new URL('/api/engine-data', self.location.origin));
	if (!response.ok) {
		throw new Error(`Could not load the estate for the engine: GET /api/engine-data answered ${response.status}.`);
	}
	const data = (await response.json()) as EngineData;
	const prepared = prepareEstate(data);
	const zones = data.zones.map((z) => ({ code: z.code, population: z.population }));
	return { prepared, zones, loadMs: performance.now() - started };
}

/**
 * Build every service's nearest-site lists while the user is still looking at the first result,
 * so the first click pays only for the evaluation, not for the lists (about 180 ms on the Greater
 * Manchester pack).
 */
function warmUp(prepared: PreparedEstate, inMinutes: boolean): void {
	if (inMinutes && !prepared.matrix) return;
	for (const service of prepared.services) prepared.candidates(service, inMinutes);
}
