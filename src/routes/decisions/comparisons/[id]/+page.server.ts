import { error, fail, redirect } from '@sveltejs/kit';
import { CompareInputError, comparisonHref } from '$lib/server/comparison';
import * as decisions from '$lib/server/decisions';
import { ComparisonConflictError, DecisionInputError, DecisionNotFoundError } from '$lib/server/decisions';
import { fieldErrors } from '$lib/components/form-errors';
import { FreezeFormSchema, RecommendationFormSchema } from '$lib/decisions/form-schema';
import { formEntries, parseInput, positiveIntegerText } from '$lib/validation';
import * as v from 'valibot';
import { orHttpError } from '../../http-errors';
import type { Actions, PageServerLoad } from './$types';

const VersionSchema = v.object({ version: positiveIntegerText('version') });

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = locals.db;
	const partnershipId = locals.partnership.id;
	const saved = await orHttpError(() => decisions.getComparison(db, partnershipId, Number(params.id)));
	const compareLink = (path: string) => comparisonHref(path, saved.linkIds, saved.serviceCode);
	return {
		saved,
		options: await decisions.optionNames(db, partnershipId, saved.linkIds),
		records: await decisions.listRecords(db, partnershipId, saved.id),
		links: { compare: compareLink('/compare'), print: `/decisions/comparisons/${saved.id}/print`, docx: `/decisions/comparisons/${saved.id}/report.docx` }
	};
};

export const actions = {
	/** Saves against the version the form was opened on; a stale save shows theirs beside what was typed. */
	update: async ({ request, params, locals }) => {
		const entries = formEntries(await request.formData());
		const db = locals.db;
		const partnershipId = locals.partnership.id;
		const values = { title: text(entries.title), recommendation: text(entries.recommendation), rationale: text(entries.rationale), author: text(entries.author) };
		try {
			const { version } = parseInput(VersionSchema, entries, DecisionInputError);
			await decisions.updateRecommendation(db, locals.actor, partnershipId, Number(params.id), version, parseInput(RecommendationFormSchema, entries, DecisionInputError));
		} catch (e) {
			if (e instanceof ComparisonConflictError) {
				const { version, title, recommendation, rationale, author } = e.current;
				return fail(409, { form: 'update' as const, values, errors: {}, conflict: { version, title, recommendation, rationale, author } });
			}
			if (e instanceof DecisionInputError) return fail(400, { form: 'update' as const, values, errors: fieldErrors(e.issues), conflict: null });
			if (e instanceof DecisionNotFoundError) error(404, e.message);
			throw e;
		}
		return { form: 'update' as const, saved: true };
	},
	freeze: async ({ request, params, locals }) => {
		const entries = formEntries(await request.formData());
		const db = locals.db;
		let record: decisions.DecisionRecordSummary;
		try {
			const { presentedOn } = parseInput(FreezeFormSchema, entries, DecisionInputError);
			record = await decisions.freeze(db, locals.actor, locals.partnership.id, Number(params.id), presentedOn);
		} catch (e) {
			if (e instanceof DecisionInputError) return fail(400, { form: 'freeze' as const, presentedOn: text(entries.presentedOn), errors: fieldErrors(e.issues) });
			if (e instanceof CompareInputError) return fail(400, { form: 'freeze' as const, presentedOn: text(entries.presentedOn), errors: { presentedOn: e.message } });
			if (e instanceof DecisionNotFoundError) error(404, e.message);
			throw e;
		}
		redirect(303, `/decisions/records/${record.id}`);
	}
} satisfies Actions;

function text(value: FormDataEntryValue | undefined): string {
	return typeof value === 'string' ? value : '';
}
