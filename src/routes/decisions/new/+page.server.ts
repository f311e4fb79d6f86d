import { fail, redirect } from '@sveltejs/kit';
import { parseIds } from '$lib/server/comparison';
import * as decisions from '$lib/server/decisions';
import { DecisionInputError } from '$lib/server/decisions';
import { fieldErrors } from '$lib/components/form-errors';
import { SaveComparisonFormSchema } from '$lib/decisions/form-schema';
import { formEntries, parseInput } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const db = locals.db;
	const ids = parseIds(url.searchParams.getAll('ids'));
	const names = await decisions.optionNames(db, locals.partnership.id, ids);
	return { ids, service: url.searchParams.get('service') ?? '', names, title: names.join(' / ') };
};

export const actions = {
	default: async ({ request, locals }) => {
		const entries = formEntries(await request.formData());
		const db = locals.db;
		let saved: decisions.SavedComparison;
		try {
			saved = await decisions.saveComparison(db, locals.actor, locals.partnership.id, parseInput(SaveComparisonFormSchema, entries, DecisionInputError));
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
