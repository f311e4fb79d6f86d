import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import * as decisions from '$lib/server/decisions';
import { DecisionNotFoundError } from '$lib/server/decisions';
import type { PageServerLoad } from './$types';

/** A decision record as frozen: read only (no actions), whatever has changed since. */
export const load: PageServerLoad = async ({ params }) => {
	const db = getDb();
	try {
		const { snapshot, ...record } = await decisions.getRecord(db, getPartnership(db).id, Number(params.id));
		return { record, report: snapshot.outputs.report, comparison: snapshot.outputs.comparison };
	} catch (e) {
		if (e instanceof DecisionNotFoundError) error(404, e.message);
		throw e;
	}
};
