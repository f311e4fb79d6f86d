import * as decisions from '$lib/server/decisions';
import { docxResponse } from '$lib/server/report-download';
import { orHttpError } from '../../../http-errors';
import type { RequestHandler } from './$types';

/** The frozen report as a Word document, named with its record number and cabinet date. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const db = locals.db;
	const { id, presentedOn, snapshot } = await orHttpError(() => decisions.getRecord(db, locals.partnership.id, Number(params.id)));
	return docxResponse(snapshot.outputs.report, snapshot.outputs.comparison, `decision-record-${id}-cabinet-${presentedOn}-${snapshot.title}`);
};
