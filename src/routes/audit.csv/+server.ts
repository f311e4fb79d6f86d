import { auditCsv } from '$lib/server/audit/table';
import type { RequestHandler } from './$types';

/** The audit log's entries that /audit's address selects (all pages), as CSV. */
export const GET: RequestHandler = ({ url, locals }) => auditCsv(locals.db, locals.partnership.id, url);
