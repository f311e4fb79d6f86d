import * as decisions from '$lib/server/decisions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const db = locals.db;
	const partnershipId = locals.partnership.id;
	const saved = await decisions.listComparisons(db, partnershipId);
	return {
		saved: await Promise.all(
			saved.map(async (s) => ({
				id: s.id,
				title: s.title,
				author: s.author,
				hasRecommendation: Boolean(s.recommendation),
				options: await decisions.optionNames(db, partnershipId, s.linkIds),
				updatedAt: s.updatedAt
			}))
		),
		records: await decisions.listRecords(db, partnershipId)
	};
};
