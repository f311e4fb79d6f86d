/**
 * Turns the domain errors of server modules into HTTP responses, so every endpoint answers bad
 * input the same way: 400 with the list of field issues, 404, or 409 with the current state.
 */
import { json } from '@sveltejs/kit';
import type * as v from 'valibot';
import { ScenarioConflictError, ScenarioNotFoundError } from './scenarios';
import { InputError, parseInput } from '../validation';

/** A request the endpoint cannot read at all (not JSON, wrong content type): 400 with the reason. */
export class BadRequestError extends Error {}

export function errorResponse(error: unknown): Response {
	if (error instanceof BadRequestError) return json({ message: error.message }, { status: 400 });
	if (error instanceof InputError) return json({ message: `Check these fields: ${error.message}.`, issues: error.issues }, { status: 400 });
	if (error instanceof ScenarioConflictError) {
		return json({ message: error.message, current: error.current }, { status: 409 });
	}
	if (error instanceof ScenarioNotFoundError) return json({ message: error.message }, { status: 404 });
	throw error;
}

/**
 * Parse a JSON request body. The content type must say JSON: SvelteKit's cross-site check covers
 * form posts only, and a browser must ask first (CORS preflight) before another site may send
 * `application/json`, so requiring it keeps other sites from writing through these endpoints.
 */
export async function readJson<T>(request: Request): Promise<T> {
	if (!request.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
		throw new BadRequestError('Send the body as JSON with "Content-Type: application/json".');
	}
	try {
		return (await request.json()) as T;
	} catch {
		throw new BadRequestError('The request body is not valid JSON.');
	}
}

/** A JSON request body checked against `schema`: the typed value, or an InputError naming each bad field. */
export async function readBody<S extends v.GenericSchema>(request: Request, schema: S | ((body: unknown) => S)): Promise<v.InferOutput<S>> {
	const body = await readJson<unknown>(request);
	return parseInput(typeof schema === 'function' ? schema(body) : schema, body);
}

/** A positive integer id from a route parameter. */
export function idParam(value: string): number {
	const id = Number(value);
	if (!Number.isInteger(id) || id < 1) throw new ScenarioNotFoundError(`"${value}" is not a scenario id.`);
	return id;
}
