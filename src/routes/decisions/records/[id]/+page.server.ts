import * as decisions from '$lib/server/decisions';
import { orHttpError } from '../../http-errors';
import type { PageServerLoad } from './$types';

/** A decision record as frozen: read only (no actions), whatever has changed since. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const db = locals.db;
	const { snapshot, ...record } = await orHttpError(() => decisions.getRecord(db, locals.partnership.id, Number(params.id)));
	return { record, report: snapshot.outputs.report, comparison: snapshot.outputs.comparison };
};
