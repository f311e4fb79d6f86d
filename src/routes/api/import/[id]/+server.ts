import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { errorResponse, readJson } from '$lib/server/http';
import { dropUpload, getUpload, InvalidImportError, planForClient, prepareImport } from '$lib/server/import';
import type { RequestHandler } from './$types';

interface Body {
	mapping?: Record<string, number | null>;
	removeMissing?: boolean;
	/** Sites: add the partners the file names that do not exist yet. */
	createPartners?: boolean;
	/** false: check again with this mapping; true: check and write it. */
	commit?: boolean;
}

/** Re-check an uploaded file with the user's column mapping, or commit it (one transaction). */
export const POST: RequestHandler = async ({ params, request }) => {
	const upload = getUpload(params.id);
	if (!upload) return json({ message: 'This upload has expired or was already imported. Upload the file again.' }, { status: 404 });
	let body: Body;
	try {
		body = await readJson<Body>(request);
	} catch (error) {
		return errorResponse(error);
	}
	const db = getDb();
	const prepared = await prepareImport(db, getPartnership(db).id, {
		kind: upload.kind,
		file: upload.file,
		zonesCsv: upload.zonesCsv,
		mapping: body.mapping,
		options: { ...upload.options, removeMissing: body.removeMissing === true, createPartners: body.createPartners === true }
	});
	if (!body.commit || prepared.plan.problems.length) return json({ plan: planForClient(prepared.plan) });
	try {
		const run = prepared.commit();
		dropUpload(params.id);
		return json({ plan: planForClient(prepared.plan), run });
	} catch (error) {
		if (error instanceof InvalidImportError) return json({ plan: { ...planForClient(prepared.plan), problems: error.problems, diff: null } });
		throw error;
	}
};
