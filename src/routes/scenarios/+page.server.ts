import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import { ScenarioInputError, ScenarioNotFoundError } from '$lib/server/scenarios';
import { fieldErrors } from '$lib/components/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	const list = scenarios.list(db, getPartnership(db).id).map((s) => ({
		id: s.id,
		name: s.name,
		description: s.description,
		isBaseline: s.isBaseline,
		example: s.example,
		actionCount: s.actions.length,
		updatedAt: s.updatedAt
	}));
	// `?edit=ID` and `?delete=ID` open the inline rename and delete-confirmation forms, so both
	// work without JavaScript.
	return { scenarios: list, editId: numberParam(url, 'edit'), deleteId: numberParam(url, 'delete') };
};

export const actions = {
	create: async ({ request }) => {
		const form = await request.formData();
		const values = { name: String(form.get('name') ?? ''), description: String(form.get('description') ?? '') };
		const db = getDb();
		try {
			const created = scenarios.create(db, getPartnership(db).id, values);
			redirect(303, `/scenarios/${created.id}`);
		} catch (error) {
			return invalid('create', error, values);
		}
	},
	update: async ({ request }) => {
		const form = await request.formData();
		const id = Number(form.get('id'));
		const values = { name: String(form.get('name') ?? ''), description: String(form.get('description') ?? '') };
		const db = getDb();
		const partnershipId = getPartnership(db).id;
		try {
			const current = scenarios.get(db, partnershipId, id);
			scenarios.update(db, partnershipId, id, current.version, values);
		} catch (error) {
			return invalid('update', error, values, id);
		}
		redirect(303, '/scenarios');
	},
	duplicate: async ({ request }) => {
		const form = await request.formData();
		const id = Number(form.get('id'));
		const db = getDb();
		let copy;
		try {
			copy = pilots.duplicateScenario(db, getPartnership(db).id, id);
		} catch (error) {
			return invalid('duplicate', error, {}, id);
		}
		// "Duplicate to edit" (on an example's workspace) opens the copy.
		if (form.get('open') === 'copy') redirect(303, `/scenarios/${copy.id}`);
		return { form: 'duplicate' as const, duplicated: { id: copy.id, name: copy.name } };
	},
	delete: async ({ request }) => {
		const id = Number((await request.formData()).get('id'));
		const db = getDb();
		try {
			const partnershipId = getPartnership(db).id;
			const name = scenarios.get(db, partnershipId, id).name;
			scenarios.remove(db, partnershipId, id);
			return { form: 'delete' as const, deleted: { name } };
		} catch (error) {
			return invalid('delete', error, {}, id);
		}
	}
} satisfies Actions;

type FormName = 'create' | 'update' | 'duplicate' | 'delete';

/** Bad input comes back as 400 with field messages and the typed values, so nothing is lost. */
function invalid(form: FormName, error: unknown, typed: { name?: string; description?: string }, id?: number) {
	const values = { name: typed.name ?? '', description: typed.description ?? '' };
	let errors: Record<string, string>;
	if (error instanceof ScenarioInputError) errors = fieldErrors(error.issues);
	else if (error instanceof ScenarioNotFoundError) errors = { scenario: 'That scenario no longer exists; it may have been deleted in another tab.' };
	else throw error;
	return fail(error instanceof ScenarioNotFoundError ? 404 : 400, { form, id, values, errors });
}

function numberParam(url: URL, name: string): number | null {
	const value = Number(url.searchParams.get(name));
	return Number.isInteger(value) && value > 0 ? value : null;
}
