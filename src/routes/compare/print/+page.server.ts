import { error } from '@sveltejs/kit';
import { comparisonFromUrl, comparisonHref } from '$lib/server/comparison';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const result = await comparisonFromUrl(locals.db, locals.partnership.id, url, true);
	if (!result.comparison) error(400, result.error ?? 'Choose the scenarios to compare first.');
	return { comparison: result.comparison, back: comparisonHref('/compare', result.linkIds, result.service) };
};
