import { fail } from '@sveltejs/kit';
import { EXPORT_TABLES } from '$lib/server/export';
import { FIELDS_BY_KIND, IMPORT_KINDS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, recentRuns, XLSX_LIMITS } from '$lib/server/import';
import { restoreUploadedBackup } from '$lib/server/backup-upload';
import { restrictedFields, setRestrictedFields } from '$lib/server/restricted-fields';
import { RESTRICTABLE_FIELDS } from '$lib/restricted-fields';
import { can } from '$lib/server/auth/roles';
import type { Actions, PageServerLoad } from './$types';

/** What can be imported (with each kind's fields and units), what can be exported, recent imports, and the restricted fields. */
export const load: PageServerLoad = async ({ locals }) => {
	const db = locals.db;
	const partnershipId = locals.partnership.id;
	return {
		kinds: IMPORT_KINDS.map((kind) => ({ kind, fields: FIELDS_BY_KIND[kind] })),
		maxBytes: MAX_IMPORT_BYTES,
		maxRows: MAX_IMPORT_ROWS,
		maxXlsxCells: XLSX_LIMITS.cells,
		exports: Object.entries(EXPORT_TABLES).map(([name, e]) => ({ name, label: e.label, formats: [...e.formats] as string[] })),
		runs: await recentRuns(db, partnershipId),
		partnershipName: locals.partnership.name,
		manageData: can(locals.role, 'manage_data'),
		restrictable: RESTRICTABLE_FIELDS.map(({ key, label, hint }) => ({ key, label, hint })),
		restricted: await restrictedFields(db, partnershipId)
	};
};

export const actions = {
	/** Replaces this partnership's data with an uploaded partnership backup, after every check. */
	restore: async ({ request, locals }) => {
		const upload = (await request.formData()).get('backup');
		if (!(upload instanceof File) || upload.size === 0) return fail(400, { form: 'restore' as const, error: 'Choose a partnership backup file to restore.' });
		try {
			const report = await restoreUploadedBackup(locals.db, locals.actor, locals.partnership, upload);
			const rows = report.checks.reduce((n, c) => n + c.targetRows, 0);
			const kept = report.keptDecisionRecords ? ` ${report.keptDecisionRecords} decision record(s) frozen since the backup were kept.` : '';
			return {
				form: 'restore' as const,
				done: `Restored “${locals.partnership.name}” from ${upload.name}: ${report.checks.length} tables, ${rows} rows, every count and content hash as in the backup.${kept}`
			};
		} catch (error) {
			return fail(400, { form: 'restore' as const, error: (error as Error).message });
		}
	},
	/** Sets which fields viewers see as "restricted". */
	restrictions: async ({ request, locals }) => {
		const fields = (await request.formData()).getAll('field').map(String);
		try {
			const saved = await setRestrictedFields(locals.db, locals.actor, locals.partnership.id, fields);
			const labels = RESTRICTABLE_FIELDS.filter((f) => saved.includes(f.key)).map((f) => f.label.toLowerCase());
			return { form: 'restrictions' as const, done: saved.length ? `Viewers now see ${labels.join(', ')} as “restricted”.` : 'No field is restricted: viewers see every value.' };
		} catch (error) {
			if (error instanceof RangeError) return fail(400, { form: 'restrictions' as const, error: error.message });
			throw error;
		}
	}
} satisfies Actions;
