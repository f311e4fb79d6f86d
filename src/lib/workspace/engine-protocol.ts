/**
 * Messages between the workspace page and its engine Web Worker. The worker loads the estate once
 * (GET /api/engine-data), prepares it, and answers each request with the engine's result plus the
 * access changes the panel shows, so the page never runs the model on its own thread.
 */
import type { EvaluationResult, PilotCostInput, ScenarioAction, ScenarioParameters } from '../engine/types';
import type { ServiceAccessChange } from './impact';

export interface EvaluateRequest {
	type: 'evaluate';
	requestId: number;
	actions: ScenarioAction[];
	parameters: ScenarioParameters;
	/** The scenario's pilot costs, charged in its appraisal. */
	pilotCosts: PilotCostInput[];
}

/** Zones in engine order, so per-zone arrays (`zoneAccess`) can be matched to codes. */
export interface ZoneRef {
	code: string;
	population: number;
}

export interface EvaluateResponse {
	type: 'result';
	requestId: number;
	result: EvaluationResult;
	access: ServiceAccessChange[];
	zones: ZoneRef[];
	/** Time spent in the engine for this request, ms (excludes loading the estate). */
	engineMs: number;
	/** Time spent loading and preparing the estate, ms; only on the first answer. */
	loadMs: number | null;
}

export interface ErrorResponse {
	type: 'error';
	requestId: number;
	message: string;
}

export type WorkerResponse = EvaluateResponse | ErrorResponse;
