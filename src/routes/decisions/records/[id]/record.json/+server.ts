import * as decisions from '$lib/server/decisions';
import { orHttpError } from '../../../http-errors';
import type { RequestHandler } from './$types';

/** The whole record (every input and output) with its fingerprint, for audit or archive. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const db = locals.db;
	const { id, contentSha256, intact, snapshot } = await orHttpError(() => decisions.getRecord(db, locals.partnership.id, Number(params.id)));
	return new Response(JSON.stringify({ id, contentSha256, intact, snapshot }), {
		headers: { 'content-type': 'application/json', 'content-disposition': `attachment; filename="decision-record-${id}.json"` }
	});
};
