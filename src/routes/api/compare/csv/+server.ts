import { error } from '@sveltejs/kit';
import { comparisonFromUrl } from '$lib/server/comparison';
import { comparisonCsv, exportFileName } from '$lib/compare/export.server';
import type { RequestHandler } from './$types';

/** GET ?ids=baseline,4,7 → the comparison table as CSV (UTF-8 with BOM). */
export const GET: RequestHandler = async ({ url, locals }) => {
	const { comparison, error: message } = await comparisonFromUrl(locals.db, locals.partnership.id, url, true);
	if (!comparison) error(400, message ?? 'Choose the scenarios to compare.');
	return new Response(comparisonCsv(comparison), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName(comparison)}.csv"`
		}
	});
};
