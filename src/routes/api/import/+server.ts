import { json } from '@sveltejs/kit';
import { IMPORT_KINDS, planForClient, prepareImport, saveUpload, type ImportFile, type ImportKind } from '$lib/server/import';
import * as v from 'valibot';
import { errorResponse } from '$lib/server/http';
import { nameText, parseInput } from '$lib/validation';
import type { RequestHandler } from './$types';

/** A matrix's name and travel mode, as text ('' for the default). */
const optionalName = () => v.pipe(nameText(), v.transform((text) => text || undefined));
const OptionsSchema = v.object({ matrixName: optionalName(), matrixMode: optionalName() });

async function fileFrom(value: FormDataEntryValue | null): Promise<ImportFile | undefined> {
	if (!(value instanceof File) || (value.name === '' && value.size === 0)) return undefined;
	return { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
}

/**
 * Upload a file to import (multipart: file, kind, optional zonesCsv, matrixName, matrixMode). Keeps
 * it for the mapping step and answers with the checked plan: headers, guessed mapping, preview,
 * problems and the diff. Writes nothing.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		// A connection dropped mid-upload leaves a body that cannot be parsed: say so rather than fail with 500.
		return json({ message: 'The upload did not arrive complete (the connection may have dropped). Upload the file again.' }, { status: 400 });
	}
	const kind = String(form.get('kind') ?? '');
	if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
		return json({ message: `Choose what the file holds: ${IMPORT_KINDS.join(', ')} (got "${kind}").` }, { status: 400 });
	}
	const file = await fileFrom(form.get('file'));
	if (!file) return json({ message: 'Choose a file to import.' }, { status: 400 });
	const zonesCsv = kind === 'zones' ? await fileFrom(form.get('zonesCsv')) : undefined;
	let options;
	try {
		options = parseInput(OptionsSchema, { matrixName: form.get('matrixName') ?? '', matrixMode: form.get('matrixMode') ?? '' });
	} catch (error) {
		return errorResponse(error);
	}
	const db = locals.db;
	const { plan } = await prepareImport(db, locals.partnership.id, { kind: kind as ImportKind, file, zonesCsv, options });
	const uploadId = await saveUpload(db, locals.partnership.id, { kind: kind as ImportKind, file, zonesCsv, options });
	return json({ uploadId, plan: planForClient(plan) });
};
