import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership, listOrganisations, listSites } from '$lib/server/estate';
import * as scenarios from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
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

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

function milestoneInput(form: FormData): pilots.MilestoneInput {
	return {
		title: text(form, 'title'),
		owner: text(form, 'owner'),
		startDate: text(form, 'startDate'),
		endDate: text(form, 'endDate'),
		status: text(form, 'status'),
		notes: text(form, 'notes'),
		hubSiteRef: text(form, 'hubSiteRef')
	};
}

function costInput(form: FormData): pilots.PilotCostInput {
	const contributions: Record<string, string> = {};
	for (const [name, value] of form) {
		if (name.startsWith('contribution.') && typeof value === 'string') contributions[name.slice('contribution.'.length)] = value;
	}
	return { label: text(form, 'label'), kind: text(form, 'kind'), amountGbp: text(form, 'amountGbp'), contributions };
}

/**
 * Runs one change; bad input comes back as `fail(400)` with the typed values and the issues, so
 * the form shows them beside the fields; success goes back to the plain page (no edit open).
 */
function change<T>(params: { id: string }, formName: 'milestone' | 'cost', values: T, editId: number | null, run: (pid: string, scenarioId: number) => void) {
	const db = getDb();
	const scenario = scenarioOr404(params.id);
	try {
		run(getPartnership(db).id, scenario.id);
	} catch (e) {
		if (e instanceof pilots.PilotInputError) return fail(400, { form: formName, editId, values, issues: e.issues });
		if (e instanceof pilots.PilotNotFoundError) error(404, e.message);
		throw e;
	}
	redirect(303, `/scenarios/${scenario.id}/pilot`);
}

function idField(form: FormData): number {
	const id = Number(text(form, 'id'));
	if (!Number.isInteger(id) || id < 1) error(400, `"${text(form, 'id')}" is not a row id.`);
	return id;
}

export const actions = {
	addMilestone: async ({ params, request }) => {
		const input = milestoneInput(await request.formData());
		return change(params, 'milestone', input, null, (pid, sid) => pilots.createMilestone(getDb(), pid, sid, input));
	},
	editMilestone: async ({ params, request }) => {
		const form = await request.formData();
		const id = idField(form);
		const input = milestoneInput(form);
		return change(params, 'milestone', input, id, (pid, sid) => pilots.updateMilestone(getDb(), pid, sid, id, input));
	},
	deleteMilestone: async ({ params, request }) => {
		const id = idField(await request.formData());
		return change(params, 'milestone', null, id, (pid, sid) => pilots.deleteMilestone(getDb(), pid, sid, id));
	},
	addCost: async ({ params, request }) => {
		const input = costInput(await request.formData());
		return change(params, 'cost', input, null, (pid, sid) => pilots.createCost(getDb(), pid, sid, input));
	},
	editCost: async ({ params, request }) => {
		const form = await request.formData();
		const id = idField(form);
		const input = costInput(form);
		return change(params, 'cost', input, id, (pid, sid) => pilots.updateCost(getDb(), pid, sid, id, input));
	},
	deleteCost: async ({ params, request }) => {
		const id = idField(await request.formData());
		return change(params, 'cost', null, id, (pid, sid) => pilots.deleteCost(getDb(), pid, sid, id));
	}
} satisfies Actions;
