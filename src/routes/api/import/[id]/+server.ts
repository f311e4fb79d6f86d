import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { errorResponse, readBody } from '$lib/server/http';
import { dropUpload, getUpload, InvalidImportError, planForClient, prepareImport } from '$lib/server/import';
import type { RequestHandler } from './$types';

/** Field → column number (0-based) or null for "not in the file"; `commit` false re-checks, true writes. */
const BodySchema = v.strictObject({
	mapping: v.optional(
		v.pipe(
			// A record schema would take a list as an empty object.
			v.custom<object>((mapping) => typeof mapping === 'object' && mapping !== null && !Array.isArray(mapping), 'expected an object of field → column number'),
			v.record(v.string(), v.nullable(v.pipe(v.number(), v.integer('expected a column number'), v.minValue(0, 'expected a column number, 0 or more'))))
		)
	),
	removeMissing: v.optional(v.boolean()),
	/** Sites: add the partners the file names that do not exist yet. */
	createPartners: v.optional(v.boolean()),
	commit: v.optional(v.boolean())
});

/** Re-check an uploaded file with the user's column mapping, or commit it (one transaction). */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const upload = await getUpload(locals.db, locals.partnership.id, params.id);
	if (!upload) return json({ message: 'This upload has expired or was already imported. Upload the file again.' }, { status: 404 });
	let body: v.InferOutput<typeof BodySchema>;
	try {
		body = await readBody(request, BodySchema);
	} catch (error) {
		return errorResponse(error);
	}
	const db = locals.db;
	const prepared = await prepareImport(db, locals.partnership.id, {
		kind: upload.kind,
		file: upload.file,
		zonesCsv: upload.zonesCsv,
		mapping: body.mapping,
		options: { ...upload.options, removeMissing: body.removeMissing === true, createPartners: body.createPartners === true }
	});
	if (!body.commit || prepared.plan.problems.length) return json({ plan: planForClient(prepared.plan) });
	try {
		const run = await prepared.commit(locals.actor);
		await dropUpload(locals.db, locals.partnership.id, params.id);
		return json({ plan: planForClient(prepared.plan), run });
	} catch (error) {
		if (error instanceof InvalidImportError) return json({ plan: { ...planForClient(prepared.plan), problems: error.problems, problemCount: error.count, diff: null } });
		throw error;
	}
};
