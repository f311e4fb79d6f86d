import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership, listOrganisations, listSites } from '$lib/server/estate';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import * as v from 'valibot';
import type { FieldIssue } from '$lib/components/form-errors';
import { CostFormSchema, MilestoneFormSchema } from '$lib/pilots/form-schema';
import { EditFormSchema, formEntries, parseInput } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const db = getDb();
	const partnershipId = getPartnership(db).id;
	const scenario = scenarioOr404(params.id);
	const costs = pilots.listCosts(db, partnershipId, scenario.id);
	const milestones = pilots.listMilestones(db, partnershipId, scenario.id);
	return {
		scenario: { id: scenario.id, name: scenario.name, isBaseline: scenario.isBaseline, example: scenario.example },
		milestones,
		costs,
		partnerTotals: pilots.partnerTotals(costs),
		organisations: listOrganisations(db, partnershipId).map(({ id, name }) => ({ id, name })),
		hubChoices: hubChoices(partnershipId, scenario, milestones),
		today: pilots.todayIso()
	};
};

/**
 * Buildings a milestone can belong to: the scenario's hubs, move targets and new sites, plus any a
 * milestone already names (so editing it never drops a hub the scenario no longer has).
 */
function hubChoices(partnershipId: string, scenario: scenarios.Scenario, milestones: pilots.Milestone[]): { ref: string; name: string }[] {
	const names = new Map(listSites(getDb(), partnershipId).map((s) => [s.ref, s.name]));
	const choices = new Map<string, string>();
	for (const action of scenario.actions) {
		if (action.type === 'hub') choices.set(action.siteRef, names.get(action.siteRef) ?? action.siteRef);
		if (action.type === 'move') choices.set(action.toSiteRef, names.get(action.toSiteRef) ?? action.toSiteRef);
		if (action.type === 'add') choices.set(action.site.ref, action.site.name);
	}
	for (const m of milestones) if (m.hubSiteRef && !choices.has(m.hubSiteRef)) choices.set(m.hubSiteRef, names.get(m.hubSiteRef) ?? m.hubSiteRef);
	return [...choices].map(([ref, name]) => ({ ref, name })).sort((a, b) => a.name.localeCompare(b.name));
}

function scenarioOr404(idText: string): scenarios.Scenario {
	const db = getDb();
	const id = Number(idText);
	try {
		if (!Number.isInteger(id) || id < 1) throw new scenarios.ScenarioNotFoundError(`"${idText}" is not a scenario id.`);
		return scenarios.get(db, getPartnership(db).id, id);
	} catch (e) {
		if (e instanceof scenarios.ScenarioNotFoundError) error(404, e.message);
		throw e;
	}
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
function change(params: { id: string }, formName: FormName, values: unknown, editId: number | null, run: (pid: string, scenarioId: number) => void) {
	const db = getDb();
	const scenario = scenarioOr404(params.id);
	try {
		run(getPartnership(db).id, scenario.id);
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
	addMilestone: async ({ params, request }) => {
		const entries = formEntries(await request.formData());
		return change(params, 'milestone', typed(entries, MILESTONE_FIELDS), null, (pid, sid) =>
			pilots.createMilestone(getDb(), pid, sid, checked(MilestoneFormSchema, entries))
		);
	},
	editMilestone: async ({ params, request }) => {
		const entries = formEntries(await request.formData());
		return change(params, 'milestone', typed(entries, MILESTONE_FIELDS), Number(entries.id) || null, (pid, sid) => {
			const { id, version } = checked(EditFormSchema, entries);
			pilots.updateMilestone(getDb(), pid, sid, id, version, checked(MilestoneFormSchema, entries));
		});
	},
	deleteMilestone: async ({ params, request }) => {
		const entries = formEntries(await request.formData());
		return change(params, 'milestone', null, null, (pid, sid) => {
			const { id, version } = checked(EditFormSchema, entries);
			pilots.deleteMilestone(getDb(), pid, sid, id, version);
		});
	},
	addCost: async ({ params, request }) => {
		const entries = formEntries(await request.formData());
		return change(params, 'cost', typedCost(entries), null, (pid, sid) => pilots.createCost(getDb(), pid, sid, checked(CostFormSchema, costFields(entries))));
	},
	editCost: async ({ params, request }) => {
		const entries = formEntries(await request.formData());
		return change(params, 'cost', typedCost(entries), Number(entries.id) || null, (pid, sid) => {
			const { id, version } = checked(EditFormSchema, entries);
			pilots.updateCost(getDb(), pid, sid, id, version, checked(CostFormSchema, costFields(entries)));
		});
	},
	deleteCost: async ({ params, request }) => {
		const entries = formEntries(await request.formData());
		return change(params, 'cost', null, null, (pid, sid) => {
			const { id, version } = checked(EditFormSchema, entries);
			pilots.deleteCost(getDb(), pid, sid, id, version);
		});
	}
} satisfies Actions;
