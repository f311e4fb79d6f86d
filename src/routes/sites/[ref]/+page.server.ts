import { error } from '@sveltejs/kit';
import { siteDetail } from '$lib/map/summaries.server';
import { withheldFor } from '$lib/server/restricted-fields';
import * as audit from '$lib/server/audit/log';
import { describeEvent } from '$lib/server/audit/describe';
import { can } from '$lib/server/auth/roles';
import type { PageServerLoad } from './$types';

/** Changes to the building listed on its page; the rest are on /audit?site=REF. */
const CHANGES_SHOWN = 20;

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = locals.db;
	const partnershipId = locals.partnership.id;
	const detail = await siteDetail(db, partnershipId, params.ref, await withheldFor(db, partnershipId, locals.role));
	if (!detail) error(404, `No building with ref "${params.ref}". The Sites table lists them all.`);
	// The log is the audit log's readers' (data managers): its before → after values include restricted fields.
	if (!can(locals.role, 'manage_data')) return { detail, changes: null, changeCount: 0 };
	const filter = { siteRef: params.ref };
	return {
		detail,
		changes: (await audit.list(db, partnershipId, filter, { limit: CHANGES_SHOWN })).map(describeEvent),
		changeCount: await audit.countOf(db, partnershipId, filter)
	};
};
