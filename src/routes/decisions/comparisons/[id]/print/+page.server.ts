import { loadComparison } from '$lib/server/comparison';
import * as decisions from '$lib/server/decisions';
import { buildReport } from '$lib/report/build';
import { orHttpError } from '../../../http-errors';
import type { PageServerLoad } from './$types';

/** The printable report of a saved comparison, with its recommendation, on today's figures. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const db = locals.db;
	return orHttpError(async () => {
		const saved = await decisions.getComparison(db, locals.partnership.id, Number(params.id));
		const comparison = await loadComparison(db, locals.partnership.id, decisions.comparisonQuery(saved));
		return { saved: { id: saved.id, title: saved.title }, comparison, report: buildReport(comparison, { recommendation: decisions.recommendationOf(saved) }) };
	});
};
