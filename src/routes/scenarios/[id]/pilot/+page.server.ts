import { error, fail, redirect } from '@sveltejs/kit';
import { listOrganisations, listSites } from '$lib/server/estate';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import * as v from 'valibot';
import type { FieldIssue } from '$lib/components/form-errors';
import { CostFormSchema, MilestoneFormSchema } from '$lib/pilots/form-schema';
import { EditFormSchema, formEntries, parseInput } from '$lib/validation';
import { scenarioOr404 } from '../scenario-or-404';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = locals.db;
	const partnershipId = locals.partnership.id;
	const scenario = await scenarioOr404(locals, params.id);
	const costs = await pilots.listCosts(db, partnershipId, scenario.id);
	const milestones = await pilots.listMilestones(db, partnershipId, scenario.id);
	return {
		scenario: { id: scenario.id, name: scenario.name, isBaseline: scenario.isBaseline, example: scenario.example },
		milestones,
		costs,
		partnerTotals: pilots.partnerTotals(costs),
		organisations: (await listOrganisations(db, partnershipId)).map(({ id, name }) => ({ id, name })),
		hubChoices: await hubChoices(locals, scenario, milestones),
		today: pilots.todayIso()
	};
};

/**
 * Buildings a milestone can belong to: the scenario's hubs, move targets and new sites, plus any a
 * milestone already names (so editing it never drops a hub the scenario no longer has).
 */
async function hubChoices(locals: App.Locals, scenario: scenarios.Scenario, milestones: pilots.Milestone[]): Promise<{ ref: string; name: string }[]> {
	const names = new Map((await listSites(locals.db, locals.partnership.id)).map((s) => [s.ref, s.name]));
	const choices = new Map<string, string>();
	for (const action of scenario.actions) {
		if (action.type === 'hub') choices.set(action.siteRef, names.get(action.siteRef) ?? action.siteRef);
		if (action.type === 'move') choices.set(action.toSiteRef, names.get(action.toSiteRef) ?? action.toSiteRef);
		if (action.type === 'add') choices.set(action.site.ref, action.site.name);
	}
	for (const m of milestones) if (m.hubSiteRef && !choices.has(m.hubSiteRef)) choices.set(m.hubSiteRef, names.get(m.hubSiteRef) ?? m.hubSiteRef);
	return [...choices].map(([ref, name]) => ({ ref, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The form's fields as text for showing them again ('' for a missing field or a file). */
function typed(entries: Record<string, FormDataEntryValue>, names: readonly string[]): Record<string, string> {
	return Object.fromEntries(names.map((name) => [name, typeof entries[name] === 'string' ? entries[name] : '']));
}

const MILESTONE_FIELDS = ['title', 'owner', 'startDate', 'endDate', 'status', 'notes', 'hubSiteRef'] as const;

/** A cost form's fields, with the `contribution.<id>` fields gathered into `contribution`. */
function costFields(entries: Record<string, FormDataEntryValue>) {
	const contribution: Record<string, FormDataEntryValue> = {};
	for (const [name, value] of Object.entries(entries)) {
		if (name.startsWith('contribution.')) contribution[name.slice('contribution.'.length)] = value;
	}
	return { label: entries.label, amountGbp: entries.amountGbp, contribution };
}

function typedCost(entries: Record<string, FormDataEntryValue>) {
	const fields = costFields(entries);
	const text = (value: FormDataEntryValue | undefined) => (typeof value === 'string' ? value : '');
	return {
		label: text(fields.label),
		amountGbp: text(fields.amountGbp),
		contributions: Object.fromEntries(Object.entries(fields.contribution).map(([id, value]) => [id, text(value)]))
	};
}

type FormName = 'milestone' | 'cost';

/**
 * Runs one change; bad input comes back as `fail(400)` with the typed values and the issues, so
 * the form shows them beside the fields; an edit based on an old version as `fail(409)` with the
 * stored row beside the typed values (the same conflict view as the workspace); success goes back
 * to the plain page (no edit open).
 */
async function change(
	locals: App.Locals,
	params: { id: string },
	formName: FormName,
	values: unknown,
	editId: number | null,
	run: (pid: string, scenarioId: number) => Promise<unknown>
) {
	const scenario = await scenarioOr404(locals, params.id);
	try {
		await run(locals.partnership.id, scenario.id);
	} catch (e) {
		if (e instanceof pilots.PilotInputError) return fail(400, { form: formName, editId, values, issues: e.issues, conflict: null });
		if (e instanceof pilots.PilotConflictError) {
			// A delete has no typed values to keep: say what happened, so the user can look and delete again.
			if (values === null) return fail(409, { form: formName, editId, values, issues: [{ path: 'id', message: `Not deleted: ${e.message} Check it, then delete again.` }], conflict: null });
			return fail(409, { form: formName, editId, values, issues: [] as FieldIssue[], conflict: e.current as pilots.Milestone | pilots.PilotCost });
		}
		if (e instanceof pilots.PilotNotFoundError) error(404, e.message);
		throw e;
	}
	redirect(303, `/scenarios/${scenario.id}/pilot`);
}

/** Checks a form's fields against `schema` inside `change`, so a refusal shows beside the fields. */
const checked = <S extends v.GenericSchema>(schema: S, input: unknown) => parseInput(schema, input, pilots.PilotInputError);

export const actions = {
	addMilestone: async ({ params, request, locals }) => {
		const entries = formEntries(await request.formData());
		return change(locals, params, 'milestone', typed(entries, MILESTONE_FIELDS), null, (pid, sid) =>
			pilots.createMilestone(locals.db, locals.actor, pid, sid, checked(MilestoneFormSchema, entries))
		);
	},
	editMilestone: async ({ params, request, locals }) => {
		const entries = formEntries(await request.formData());
		return change(locals, params, 'milestone', typed(entries, MILESTONE_FIELDS), Number(entries.id) || null, async (pid, sid) => {
			const { id, version } = checked(EditFormSchema, entries);
			await pilots.updateMilestone(locals.db, locals.actor, pid, sid, id, version, checked(MilestoneFormSchema, entries));
		});
	},
	deleteMilestone: async ({ params, request, locals }) => {
		const entries = formEntries(await request.formData());
		return change(locals, params, 'milestone', null, null, async (pid, sid) => {
			const { id, version } = checked(EditFormSchema, entries);
			await pilots.deleteMilestone(locals.db, locals.actor, pid, sid, id, version);
		});
	},
	addCost: async ({ params, request, locals }) => {
		const entries = formEntries(await request.formData());
		return change(locals, params, 'cost', typedCost(entries), null, (pid, sid) => pilots.createCost(locals.db, locals.actor, pid, sid, checked(CostFormSchema, costFields(entries))));
	},
	editCost: async ({ params, request, locals }) => {
		const entries = formEntries(await request.formData());
		return change(locals, params, 'cost', typedCost(entries), Number(entries.id) || null, async (pid, sid) => {
			const { id, version } = checked(EditFormSchema, entries);
			await pilots.updateCost(locals.db, locals.actor, pid, sid, id, version, checked(CostFormSchema, costFields(entries)));
		});
	},
	deleteCost: async ({ params, request, locals }) => {
		const entries = formEntries(await request.formData());
		return change(locals, params, 'cost', null, null, async (pid, sid) => {
			const { id, version } = checked(EditFormSchema, entries);
			await pilots.deleteCost(locals.db, locals.actor, pid, sid, id, version);
		});
	}
} satisfies Actions;
