import { fail, redirect } from '@sveltejs/kit';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import { ScenarioConflictError, ScenarioInputError, ScenarioNotFoundError } from '$lib/server/scenarios';
import { fieldErrors } from '$lib/components/form-errors';
import { DetailsFormSchema } from '$lib/scenario-schema';
import { EditFormSchema, formEntries, parseInput, RowFormSchema } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const db = locals.db;
	const list = (await scenarios.list(db, locals.partnership.id)).map((s) => ({
		id: s.id,
		name: s.name,
		description: s.description,
		isBaseline: s.isBaseline,
		version: s.version,
		example: s.example,
		actionCount: s.actions.length,
		updatedAt: s.updatedAt
	}));
	// `?edit=ID` and `?delete=ID` open the inline rename and delete-confirmation forms, so both
	// work without JavaScript.
	return { scenarios: list, editId: numberParam(url, 'edit'), deleteId: numberParam(url, 'delete') };
};

export const actions = {
	create: async ({ request, locals }) => {
		const entries = formEntries(await request.formData());
		const db = locals.db;
		let created: scenarios.Scenario;
		try {
			created = await scenarios.create(db, locals.actor, locals.partnership.id, parseInput(DetailsFormSchema, entries, ScenarioInputError));
		} catch (error) {
			return invalid('create', error, entries);
		}
		redirect(303, `/scenarios/${created.id}`);
	},
	/** Saves against the version the form was opened on, so an edit made meanwhile is never overwritten. */
	update: async ({ request, locals }) => {
		const entries = formEntries(await request.formData());
		const db = locals.db;
		const partnershipId = locals.partnership.id;
		try {
			const { id, version } = parseInput(EditFormSchema, entries, ScenarioInputError);
			await scenarios.update(db, locals.actor, partnershipId, id, version, parseInput(DetailsFormSchema, entries, ScenarioInputError));
		} catch (error) {
			return invalid('update', error, entries);
		}
		redirect(303, '/scenarios');
	},
	duplicate: async ({ request, locals }) => {
		const entries = formEntries(await request.formData());
		const db = locals.db;
		let copy;
		try {
			copy = await pilots.duplicateScenario(db, locals.actor, locals.partnership.id, parseInput(RowFormSchema, entries, ScenarioInputError).id);
		} catch (error) {
			return invalid('duplicate', error, entries);
		}
		// "Duplicate to edit" (on an example's workspace) opens the copy.
		if (entries.open === 'copy') redirect(303, `/scenarios/${copy.id}`);
		return { form: 'duplicate' as const, duplicated: { id: copy.id, name: copy.name } };
	},
	delete: async ({ request, locals }) => {
		const entries = formEntries(await request.formData());
		const db = locals.db;
		try {
			const partnershipId = locals.partnership.id;
			const { id, version } = parseInput(EditFormSchema, entries, ScenarioInputError);
			const name = (await scenarios.get(db, partnershipId, id)).name;
			await scenarios.remove(db, locals.actor, partnershipId, id, version);
			return { form: 'delete' as const, deleted: { name } };
		} catch (error) {
			return invalid('delete', error, entries);
		}
	}
} satisfies Actions;

type FormName = 'create' | 'update' | 'duplicate' | 'delete';

/**
 * Bad input comes back as 400 with field messages and the typed values, so nothing is lost; an
 * edit based on an old version as 409 with the stored name and description beside what was typed.
 */
function invalid(form: FormName, error: unknown, entries: Record<string, FormDataEntryValue>) {
	const values = { name: textOf(entries.name), description: textOf(entries.description) };
	const id = Number(entries.id) || undefined;
	const refusal = (status: number, errors: Record<string, string>, conflict: Pick<scenarios.Scenario, 'version' | 'name' | 'description'> | null = null) =>
		fail(status, { form, id, values, errors, conflict });
	if (error instanceof ScenarioConflictError) {
		const { version, name, description } = error.current;
		if (form === 'delete') return refusal(409, { scenario: `Not deleted: ${error.message} Check it, then delete again.` });
		return refusal(409, {}, { version, name, description });
	}
	if (error instanceof ScenarioInputError) return refusal(400, fieldErrors(error.issues));
	if (error instanceof ScenarioNotFoundError) return refusal(404, { scenario: 'That scenario no longer exists; it may have been deleted in another tab.' });
	throw error;
}

/** A form value as text for showing it again ('' for a missing field or a file). */
function textOf(value: FormDataEntryValue | undefined): string {
	return typeof value === 'string' ? value : '';
}

function numberParam(url: URL, name: string): number | null {
	const value = Number(url.searchParams.get(name));
	return Number.isInteger(value) && value > 0 ? value : null;
}
