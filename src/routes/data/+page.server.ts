import { EXPORT_TABLES } from '$lib/server/export';
import { FIELDS_BY_KIND, IMPORT_KINDS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, recentRuns, XLSX_LIMITS } from '$lib/server/import';
import type { PageServerLoad } from './$types';

/** What can be imported (with each kind's fields and units), what can be exported, and recent imports. */
export const load: PageServerLoad = async ({ locals }) => {
	const db = locals.db;
	const partnershipId = locals.partnership.id;
	return {
		kinds: IMPORT_KINDS.map((kind) => ({ kind, fields: FIELDS_BY_KIND[kind] })),
		maxBytes: MAX_IMPORT_BYTES,
		maxRows: MAX_IMPORT_ROWS,
		maxXlsxCells: XLSX_LIMITS.cells,
		exports: Object.entries(EXPORT_TABLES).map(([name, e]) => ({ name, label: e.label, formats: [...e.formats] as string[] })),
		runs: await recentRuns(db, partnershipId)
	};
};
