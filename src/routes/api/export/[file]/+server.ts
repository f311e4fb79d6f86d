import { error } from '@sveltejs/kit';
import { exportFile } from '$lib/server/export';
import { withheldFor } from '$lib/server/restricted-fields';
import type { RequestHandler } from './$types';

/** GET /api/export/sites.csv, /api/export/zones.geojson …: one table as a download. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const match = /^([a-z]+)\.([a-z]+)$/.exec(params.file);
	if (!match) error(404, `No export called "${params.file}": expected a name like sites.csv.`);
	const db = locals.db;
	let file;
	try {
		file = await exportFile(db, locals.partnership.id, match[1], match[2], await withheldFor(db, locals.partnership.id, locals.role));
	} catch (e) {
		if (e instanceof RangeError) error(404, e.message);
		throw e;
	}
	return new Response(file.body as BodyInit, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="hubplan-${file.fileName}"`,
			'cache-control': 'no-store'
		}
	});
};
