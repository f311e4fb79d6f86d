import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import { parseIds } from '$lib/server/comparison';
import * as decisions from '$lib/server/decisions';
import { DecisionInputError } from '$lib/server/decisions';
import { fieldErrors } from '$lib/components/form-errors';
import { SaveComparisonFormSchema } from '$lib/decisions/form-schema';
import { formEntries, parseInput } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	const ids = parseIds(url.searchParams.getAll('ids'));
	const names = decisions.optionNames(db, getPartnership(db).id, ids);
	return { ids, service: url.searchParams.get('service') ?? '', names, title: names.join(' / ') };
};

export const actions = {
	default: async ({ request }) => {
		const entries = formEntries(await request.formData());
		const db = getDb();
		let saved: decisions.SavedComparison;
		try {
			saved = await decisions.saveComparison(db, getPartnership(db).id, parseInput(SaveComparisonFormSchema, entries, DecisionInputError));
		} catch (error) {
			if (!(error instanceof DecisionInputError)) throw error;
			const text = (name: string) => (typeof entries[name] === 'string' ? (entries[name] as string) : '');
			return fail(400, {
				errors: fieldErrors(error.issues),
				values: { title: text('title'), recommendation: text('recommendation'), rationale: text('rationale'), author: text('author') }
			});
		}
		redirect(303, `/decisions/comparisons/${saved.id}`);
	}
} satisfies Actions;
