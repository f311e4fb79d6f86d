/**
 * Turns the domain errors of server modules into HTTP responses, so every endpoint answers bad
 * input the same way: 400 with the list of field issues, 404, or 409 with the current state.
 */
import { json } from '@sveltejs/kit';
import { ScenarioConflictError, ScenarioInputError, ScenarioNotFoundError } from './scenarios';

export function errorResponse(error: unknown): Response {
	if (error instanceof ScenarioInputError) return json({ message: 'Check the highlighted fields.', issues: error.issues }, { status: 400 });
	if (error instanceof ScenarioConflictError) {
		return json({ message: error.message, current: error.current }, { status: 409 });
	}
	if (error instanceof ScenarioNotFoundError) return json({ message: error.message }, { status: 404 });
	throw error;
}

/** Parse a JSON request body, or answer 400 naming what was wrong with it. */
export async function readJson<T>(request: Request): Promise<T> {
	try {
		return (await request.json()) as T;
	} catch {
		throw new ScenarioInputError([{ path: 'body', message: 'The request body is not valid JSON.' }]);
	}
}

/** A positive integer id from a route parameter. */
export function idParam(value: string): number {
	const id = Number(value);
	if (!Number.isInteger(id) || id < 1) throw new ScenarioNotFoundError(`"${value}" is not a scenario id.`);
	return id;
}
