import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import * as decisions from '$lib/server/decisions';
import { DecisionNotFoundError } from '$lib/server/decisions';
import { docxResponse } from '$lib/server/report-download';
import type { RequestHandler } from './$types';

/** The frozen report as a Word document, named with its record number and cabinet date. */
export const GET: RequestHandler = async ({ params }) => {
	const db = getDb();
	try {
		const { id, presentedOn, snapshot } = await decisions.getRecord(db, getPartnership(db).id, Number(params.id));
		return await docxResponse(snapshot.outputs.report, snapshot.outputs.comparison, `decision-record-${id}-cabinet-${presentedOn}-${snapshot.title}`);
	} catch (e) {
		if (e instanceof DecisionNotFoundError) error(404, e.message);
		throw e;
	}
};
