import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership } from '$lib/server/estate';
import * as scenarios from '$lib/server/scenarios';
import * as mitigations from '$lib/server/mitigations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const db = getDb();
	const partnershipId = getPartnership(db).id;
	const scenario = scenarioOr404(partnershipId, params.id);
	return {
		scenario: { id: scenario.id, name: scenario.name },
		mitigations: mitigations.list(db, partnershipId, scenario.id)
	};
};

function scenarioOr404(partnershipId: string, idText: string): scenarios.Scenario {
	const id = Number(idText);
	try {
		if (!Number.isInteger(id) || id < 1) throw new scenarios.ScenarioNotFoundError(`"${idText}" is not a scenario id.`);
		return scenarios.get(getDb(), partnershipId, id);
	} catch (e) {
		if (e instanceof scenarios.ScenarioNotFoundError) error(404, e.message);
		throw e;
	}
}

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export const actions = {
	add: async ({ params, request }) => {
		const form = await request.formData();
		const values = { action: text(form, 'action'), owner: text(form, 'owner'), forWhom: text(form, 'forWhom') };
		const db = getDb();
		const partnershipId = getPartnership(db).id;
		const scenario = scenarioOr404(partnershipId, params.id);
		try {
			mitigations.create(db, partnershipId, scenario.id, values);
		} catch (e) {
			if (e instanceof mitigations.MitigationInputError) return fail(400, { values, issues: e.issues });
			throw e;
		}
		redirect(303, `/scenarios/${scenario.id}/mitigations`);
	},
	delete: async ({ params, request }) => {
		const db = getDb();
		const partnershipId = getPartnership(db).id;
		const scenario = scenarioOr404(partnershipId, params.id);
		const id = Number(text(await request.formData(), 'id'));
		if (!mitigations.remove(db, partnershipId, scenario.id, id)) error(404, `No mitigation ${id} in this scenario.`);
		redirect(303, `/scenarios/${scenario.id}/mitigations`);
	}
} satisfies Actions;
