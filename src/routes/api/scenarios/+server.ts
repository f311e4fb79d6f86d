import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { errorResponse, readBody } from '$lib/server/http';
import { createRequestSchema } from '$lib/scenario-schema';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
	const db = getDb();
	return json(scenarios.list(db, getPartnership(db).id));
};

/** Create a scenario: `{ name, description?, actions?, parameters? }`, or `{ duplicateOf: id, name? }`. */
export const POST: RequestHandler = async ({ request }) => {
	const db = getDb();
	const partnershipId = getPartnership(db).id;
	try {
		const body = await readBody(request, createRequestSchema);
		const created =
			'duplicateOf' in body
				? pilots.duplicateScenario(db, partnershipId, body.duplicateOf, body.name)
				: scenarios.create(db, partnershipId, body);
		return json(created, { status: 201 });
	} catch (error) {
		return errorResponse(error);
	}
};
