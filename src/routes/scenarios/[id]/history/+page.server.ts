import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import * as scenarios from '$lib/server/scenarios';
import * as revisions from '$lib/server/scenario-revisions';
import { fieldChanges } from '$lib/server/audit/describe';
import { formatDateTime } from '$lib/format';
import { formEntries, parseInput, positiveIntegerText } from '$lib/validation';
import { scenarioOr404 } from '../scenario-or-404';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const scenario = await scenarioOr404(locals, params.id);
	const saved = await revisions.list(locals.db, locals.partnership.id, scenario.id);
	return {
		scenario: { id: scenario.id, name: scenario.name, version: scenario.version, readOnly: scenario.isBaseline || !!scenario.example },
		// Newest first; each with what it changed against the version saved before it.
		revisions: saved.map((r, i) => ({
			version: r.version,
			when: formatDateTime(r.createdAt),
			who: r.actorLabel,
			summary: r.summary,
			actionCount: r.snapshot.actions.length,
			changes: saved[i + 1] ? fieldChanges(revisions.snapshotOf(saved[i + 1].snapshot), revisions.snapshotOf(r.snapshot)) : []
		}))
	};
};

const RestoreFormSchema = v.object({ version: positiveIntegerText('version'), baseVersion: positiveIntegerText('baseVersion') });

export const actions = {
	/** Restores an earlier version as a new one, checked against the version the page showed. */
	restore: async ({ params, request, locals }) => {
		const entries = formEntries(await request.formData());
		const scenario = await scenarioOr404(locals, params.id);
		try {
			const { version, baseVersion } = parseInput(RestoreFormSchema, entries, scenarios.ScenarioInputError);
			const saved = await scenarios.revert(locals.db, locals.actor, locals.partnership.id, scenario.id, baseVersion, version);
			return { restored: { from: version, to: saved.version } };
		} catch (e) {
			if (e instanceof scenarios.ScenarioConflictError) return fail(409, { message: `Not restored: ${e.message} The list below now shows it; choose again.` });
			if (e instanceof scenarios.ScenarioInputError) return fail(400, { message: `Not restored: ${e.issues.map((i) => i.message).join(' ')}` });
			if (e instanceof revisions.RevisionNotFoundError) return fail(404, { message: `Not restored: ${e.message}` });
			throw e;
		}
	}
} satisfies Actions;
