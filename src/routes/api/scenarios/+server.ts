import { json } from '@sveltejs/kit';
import { errorResponse, readBody } from '$lib/server/http';
import { createRequestSchema } from '$lib/scenario-schema';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const db = locals.db;
	return json(await scenarios.list(db, locals.partnership.id));
};

/** Create a scenario: `{ name, description?, actions?, parameters? }`, or `{ duplicateOf: id, name? }`. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const db = locals.db;
	const partnershipId = locals.partnership.id;
	try {
		const body = await readBody(request, createRequestSchema);
		const created =
			'duplicateOf' in body
				? await pilots.duplicateScenario(db, locals.actor, partnershipId, body.duplicateOf, body.name)
				: await scenarios.create(db, locals.actor, partnershipId, body);
		return json(created, { status: 201 });
	} catch (error) {
		return errorResponse(error);
	}
};
