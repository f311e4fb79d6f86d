import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import * as decisions from '$lib/server/decisions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = getDb();
	const partnershipId = getPartnership(db).id;
	const saved = await decisions.listComparisons(db, partnershipId);
	return {
		saved: saved.map((s) => ({
			id: s.id,
			title: s.title,
			author: s.author,
			hasRecommendation: Boolean(s.recommendation),
			options: decisions.optionNames(db, partnershipId, s.linkIds),
			updatedAt: s.updatedAt
		})),
		records: await decisions.listRecords(db, partnershipId)
	};
};
