import { error } from '@sveltejs/kit';
import { comparisonFromUrl } from '$lib/server/comparison';
import { comparisonXlsx, exportFileName } from '$lib/compare/export.server';
import type { RequestHandler } from './$types';

/** GET ?ids=baseline,4,7 → the comparison table as an Excel workbook. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const { comparison, error: message } = await comparisonFromUrl(locals.db, locals.partnership.id, url, true);
	if (!comparison) error(400, message ?? 'Choose the scenarios to compare.');
	const body = await comparisonXlsx(comparison);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${exportFileName(comparison)}.xlsx"`
		}
	});
};
