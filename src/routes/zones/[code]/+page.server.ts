import { error } from '@sveltejs/kit';
import { zoneProfile } from '$lib/map/summaries.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = locals.db;
	const zone = await zoneProfile(db, locals.partnership.id, params.code);
	if (!zone) error(404, `No zone with code "${params.code}". The Zones table lists them all.`);
	return { zone };
};
