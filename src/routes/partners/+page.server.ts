import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import * as partners from '$lib/server/partners';
import { PARTNER_KIND_LABELS, PartnerInputError } from '$lib/server/partners';
import { fieldErrors } from '$lib/components/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	// `?edit=ID` opens a partner's rename form, so it works without JavaScript.
	return {
		partners: partners.list(db, getPartnership(db).id),
		kinds: Object.entries(PARTNER_KIND_LABELS).map(([value, label]) => ({ value, label })),
		editId: url.searchParams.get('edit')
	};
};

export const actions = {
	add: async ({ request }) => {
		const values = partnerValues(await request.formData());
		const db = getDb();
		try {
			const added = partners.add(db, getPartnership(db).id, values);
			return { form: 'add' as const, done: `Added “${added.name}”.` };
		} catch (error) {
			return invalid('add', error, values);
		}
	},
	update: async ({ request }) => {
		const form = await request.formData();
		const id = String(form.get('id') ?? '');
		const values = partnerValues(form);
		const db = getDb();
		try {
			const saved = partners.update(db, getPartnership(db).id, id, values);
			return { form: 'update' as const, done: `Saved “${saved.name}”.` };
		} catch (error) {
			return invalid('update', error, values, id);
		}
	},
	merge: async ({ request }) => {
		const form = await request.formData();
		const values = { from: String(form.get('from') ?? ''), into: String(form.get('into') ?? '') };
		const db = getDb();
		const issues = [
			...(values.from ? [] : [{ path: 'from', message: 'Choose the partner to merge away.' }]),
			...(values.into ? [] : [{ path: 'into', message: 'Choose the partner to keep.' }])
		];
		try {
			if (issues.length) throw new PartnerInputError(issues);
			const r = partners.merge(db, getPartnership(db).id, values.from, values.into);
			const moved = [
				`${r.buildings} building${r.buildings === 1 ? '' : 's'}`,
				`${r.pilotShares} pilot cost share${r.pilotShares === 1 ? '' : 's'}`,
				`${r.scenarios} scenario${r.scenarios === 1 ? '' : 's'}`
			].join(', ');
			return { form: 'merge' as const, done: `Merged “${r.removedName}” into “${r.kept.name}”: moved ${moved}.` };
		} catch (error) {
			return invalid('merge', error, values);
		}
	}
} satisfies Actions;

function partnerValues(form: FormData) {
	return { name: String(form.get('name') ?? ''), kind: String(form.get('kind') ?? '') };
}

/** Bad input comes back as 400 with field messages and the typed values, so nothing is lost. */
function invalid(form: 'add' | 'update' | 'merge', error: unknown, values: Record<string, string>, id?: string) {
	if (!(error instanceof PartnerInputError)) throw error;
	return fail(400, { form, id, values, errors: fieldErrors(error.issues) });
}
