import { loadComparison } from '$lib/server/comparison';
import * as decisions from '$lib/server/decisions';
import { docxResponse } from '$lib/server/report-download';
import { buildReport } from '$lib/report/build';
import { orHttpError } from '../../../http-errors';
import type { RequestHandler } from './$types';

/** The live report of a saved comparison, with its recommendation, as a Word document. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const db = locals.db;
	const { saved, comparison } = await orHttpError(async () => {
		const saved = await decisions.getComparison(db, locals.partnership.id, Number(params.id));
		return { saved, comparison: await loadComparison(db, locals.partnership.id, decisions.comparisonQuery(saved)) };
	});
	return docxResponse(buildReport(comparison, { recommendation: decisions.recommendationOf(saved) }), comparison, saved.title);
};
