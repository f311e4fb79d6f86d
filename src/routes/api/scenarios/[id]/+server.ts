import { json } from '@sveltejs/kit';
import { errorResponse, idParam, readBody } from '$lib/server/http';
import { ScenarioChangeSchema } from '$lib/scenario-schema';
import * as scenarios from '$lib/server/scenarios';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const db = locals.db;
	try {
		return json(await scenarios.get(db, locals.partnership.id, idParam(params.id)));
	} catch (error) {
		return errorResponse(error);
	}
};

/**
 * Change a scenario. Every change names the version it was based on; a stale one gets 409 with the
 * stored scenario so the page can show what changed and keep its own edit to re-apply.
 */
export const PATCH: RequestHandler = async ({ params, request, locals }) => {
	const db = locals.db;
	const partnershipId = locals.partnership.id;
	try {
		const id = idParam(params.id);
		const change = await readBody(request, ScenarioChangeSchema);
		switch (change.op) {
			case 'action':
				return json(await scenarios.addAction(db, locals.actor, partnershipId, id, change.baseVersion, change.action));
			case 'undo':
				return json(await scenarios.undo(db, locals.actor, partnershipId, id, change.baseVersion));
			case 'redo':
				return json(await scenarios.redo(db, locals.actor, partnershipId, id, change.baseVersion));
			default: {
				const { op: _op, baseVersion, ...patch } = change;
				return json(await scenarios.update(db, locals.actor, partnershipId, id, baseVersion, patch));
			}
		}
	} catch (error) {
		return errorResponse(error);
	}
};

export const DELETE: RequestHandler = async ({ params, locals }) => {
	const db = locals.db;
	try {
		await scenarios.remove(db, locals.actor, locals.partnership.id, idParam(params.id));
		return new Response(null, { status: 204 });
	} catch (error) {
		return errorResponse(error);
	}
};
