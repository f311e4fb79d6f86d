import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { CompareInputError, loadComparison } from '$lib/server/comparison';
import * as decisions from '$lib/server/decisions';
import { DecisionNotFoundError } from '$lib/server/decisions';
import { buildReport } from '$lib/report/build';
import type { PageServerLoad } from './$types';

/** The printable report of a saved comparison, with its recommendation, on today's figures. */
export const load: PageServerLoad = async ({ params }) => {
	const db = getDb();
	try {
		const saved = await decisions.getComparison(db, getPartnership(db).id, Number(params.id));
		const comparison = await loadComparison(db, decisions.comparisonQuery(saved));
		return { saved: { id: saved.id, title: saved.title }, comparison, report: buildReport(comparison, { recommendation: decisions.recommendationOf(saved) }) };
	} catch (e) {
		if (e instanceof DecisionNotFoundError) error(404, e.message);
		if (e instanceof CompareInputError) error(400, e.message);
		throw e;
	}
};
