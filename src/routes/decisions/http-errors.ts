/**
 * The decisions routes' reading errors as HTTP errors: a saved comparison or record that does not
 * exist is a 404; a saved comparison whose options no longer evaluate (a scenario deleted, a
 * building removed) a 400 with the reason.
 */
import { error } from '@sveltejs/kit';
import { CompareInputError } from '$lib/server/comparison';
import { DecisionNotFoundError } from '$lib/server/decisions';

export async function orHttpError<T>(read: () => Promise<T>): Promise<T> {
	try {
		return await read();
	} catch (e) {
		if (e instanceof DecisionNotFoundError) error(404, e.message);
		if (e instanceof CompareInputError) error(400, e.message);
		throw e;
	}
}
