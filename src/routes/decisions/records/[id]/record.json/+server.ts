import * as decisions from '$lib/server/decisions';
import { withheldFor, withholdDecisionSnapshot } from '$lib/server/restricted-fields';
import { orHttpError } from '../../../http-errors';
import type { RequestHandler } from './$types';

/**
 * The whole record (every input and output) with its fingerprint, for audit or archive. A viewer's
 * copy leaves out the restricted values of the estate it froze, so it no longer matches the
 * fingerprint, which is of the whole record; `restrictedFields` says what was left out.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const db = locals.db;
	const { id, contentSha256, intact, snapshot } = await orHttpError(() => decisions.getRecord(db, locals.partnership.id, Number(params.id)));
	const withheld = await withheldFor(db, locals.partnership.id, locals.role);
	const body = { id, contentSha256, intact, ...(withheld.none ? {} : { restrictedFields: withheld.fields }), snapshot: withholdDecisionSnapshot(snapshot, withheld) };
	return new Response(JSON.stringify(body), {
		headers: { 'content-type': 'application/json', 'content-disposition': `attachment; filename="decision-record-${id}.json"` }
	});
};
