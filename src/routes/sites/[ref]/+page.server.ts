import { error } from '@sveltejs/kit';
import { siteDetail } from '$lib/map/summaries.server';
import { withheldFor } from '$lib/server/restricted-fields';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = locals.db;
	const detail = await siteDetail(db, locals.partnership.id, params.ref, await withheldFor(db, locals.partnership.id, locals.role));
	if (!detail) error(404, `No building with ref "${params.ref}". The Sites table lists them all.`);
	return { detail };
};
