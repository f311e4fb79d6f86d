import { fail } from '@sveltejs/kit';
import * as partners from '$lib/server/partners';
import { PARTNER_KIND_LABELS, PartnerInputError } from '$lib/server/partners';
import { fieldErrors } from '$lib/components/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const db = locals.db;
	// `?edit=ID` opens a partner's rename form, so it works without JavaScript.
	return {
		partners: await partners.list(db, locals.partnership.id),
		kinds: Object.entries(PARTNER_KIND_LABELS).map(([value, label]) => ({ value, label })),
		editId: url.searchParams.get('edit')
	};
};

export const actions = {
	add: async ({ request, locals }) => {
		const values = partnerValues(await request.formData());
		const db = locals.db;
		try {
			const added = await partners.add(db, locals.actor, locals.partnership.id, values);
			return { form: 'add' as const, done: `Added “${added.name}”.` };
		} catch (error) {
			return invalid('add', error, values);
		}
	},
	update: async ({ request, locals }) => {
		const form = await request.formData();
		const id = String(form.get('id') ?? '');
		const values = partnerValues(form);
		const db = locals.db;
		try {
			const saved = await partners.update(db, locals.actor, locals.partnership.id, id, values);
			return { form: 'update' as const, done: `Saved “${saved.name}”.` };
		} catch (error) {
			return invalid('update', error, values, id);
		}
	},
	merge: async ({ request, locals }) => {
		const form = await request.formData();
		const values = { from: String(form.get('from') ?? ''), into: String(form.get('into') ?? '') };
		const db = locals.db;
		const issues = [
			...(values.from ? [] : [{ path: 'from', message: 'Choose the partner to merge away.' }]),
			...(values.into ? [] : [{ path: 'into', message: 'Choose the partner to keep.' }])
		];
		try {
			if (issues.length) throw new PartnerInputError(issues);
			const r = await partners.merge(db, locals.actor, locals.partnership.id, values.from, values.into);
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
