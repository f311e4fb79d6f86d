import { redirect } from '@sveltejs/kit';
import * as scenarios from '$lib/server/scenarios';
import { comparisonFromUrl, comparisonHref, parseIds } from '$lib/server/comparison';
import { buildReport } from '$lib/report/build';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	// The checkbox form sends `ids=1&ids=4`; the shareable link is `ids=1,4`, so send the browser there.
	if (url.searchParams.getAll('ids').length > 1) {
		redirect(303, comparisonHref('/compare', parseIds(url.searchParams.getAll('ids')), url.searchParams.get('service')));
	}
	const db = locals.db;
	const result = await comparisonFromUrl(db, locals.partnership.id, url, url.searchParams.has('ids') || url.searchParams.has('compare'));
	const choices = (await scenarios.list(db, locals.partnership.id)).map((s) => ({
		linkId: scenarios.linkIdOf(s),
		name: s.name,
		isBaseline: s.isBaseline,
		actionCount: s.actions.length
	}));
	const href = (path: string) => comparisonHref(path, result.linkIds, result.comparison?.coverage?.service ?? result.service);
	return {
		...result,
		choices,
		report: result.comparison ? buildReport(result.comparison, { recommendation: null }) : null,
		links: result.comparison
			? { self: href('/compare'), print: href('/compare/print'), csv: href('/api/compare/csv'), xlsx: href('/api/compare/xlsx'), docx: href('/api/compare/docx'), save: href('/decisions/new') }
			: null
	};
};
