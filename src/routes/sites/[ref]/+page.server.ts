import { error } from '@sveltejs/kit';
import { siteDetail } from '$lib/map/summaries.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = locals.db;
	const detail = await siteDetail(db, locals.partnership.id, params.ref);
	if (!detail) error(404, `No building with ref "${params.ref}". The Sites table lists them all.`);
	return { detail };
};
