import { error } from '@sveltejs/kit';
import { comparisonFromUrl } from '$lib/server/comparison';
import { docxResponse } from '$lib/server/report-download';
import { buildReport } from '$lib/report/build';
import type { RequestHandler } from './$types';

/** GET ?ids=baseline,4,7 → the cabinet report as a Word document. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const { comparison, error: message } = await comparisonFromUrl(locals.db, locals.partnership.id, url, true);
	if (!comparison) error(400, message ?? 'Choose the scenarios to compare.');
	return docxResponse(buildReport(comparison, {}), comparison);
};
