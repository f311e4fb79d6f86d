import { auditTablePage } from '$lib/server/audit/table';
import { AUDIT_ENTITY_KINDS } from '$lib/audit/kinds';
import type { PageServerLoad } from './$types';

/** The partnership's audit log, newest first, a page at a time, as the address filters it. */
export const load: PageServerLoad = async ({ url, locals }) => ({
	table: await auditTablePage(locals.db, locals.partnership.id, url),
	kinds: Object.entries(AUDIT_ENTITY_KINDS).map(([value, label]) => ({ value, label }))
});
