import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { zoneProfile } from '$lib/map/summaries.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const db = getDb();
	const zone = zoneProfile(db, getPartnership(db).id, params.code);
	if (!zone) error(404, `No zone with code "${params.code}". The Zones table lists them all.`);
	return { zone };
};
