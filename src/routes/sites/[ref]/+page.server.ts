import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { siteDetail } from '$lib/map/summaries.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const db = getDb();
	const detail = siteDetail(db, getPartnership(db).id, params.ref);
	if (!detail) error(404, `No building with ref "${params.ref}". The Sites table lists them all.`);
	return { detail };
};
