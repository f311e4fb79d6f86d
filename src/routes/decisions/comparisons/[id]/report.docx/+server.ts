import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { CompareInputError, loadComparison } from '$lib/server/comparison';
import * as decisions from '$lib/server/decisions';
import { DecisionNotFoundError } from '$lib/server/decisions';
import { docxResponse } from '$lib/server/report-download';
import { buildReport } from '$lib/report/build';
import type { RequestHandler } from './$types';

/** The live report of a saved comparison, with its recommendation, as a Word document. */
export const GET: RequestHandler = async ({ params }) => {
	const db = getDb();
	const partnershipId = getPartnership(db).id;
	try {
		const saved = await decisions.getComparison(db, partnershipId, Number(params.id));
		const comparison = await loadComparison(db, decisions.comparisonQuery(saved));
		return await docxResponse(buildReport(comparison, { recommendation: decisions.recommendationOf(saved) }), comparison, saved.title);
	} catch (e) {
		if (e instanceof DecisionNotFoundError) error(404, e.message);
		if (e instanceof CompareInputError) error(400, e.message);
		throw e;
	}
};
