import { error, fail, redirect } from '@sveltejs/kit';
import * as scenarios from '$lib/server/scenarios';
import * as mitigations from '$lib/server/mitigations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = locals.db;
	const partnershipId = locals.partnership.id;
	const scenario = await scenarioOr404(locals, params.id);
	return {
		scenario: { id: scenario.id, name: scenario.name },
		mitigations: await mitigations.list(db, partnershipId, scenario.id)
	};
};

async function scenarioOr404(locals: App.Locals, idText: string): Promise<scenarios.Scenario> {
	const id = Number(idText);
	try {
		if (!Number.isInteger(id) || id < 1) throw new scenarios.ScenarioNotFoundError(`"${idText}" is not a scenario id.`);
		return await scenarios.get(locals.db, locals.partnership.id, id);
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
	add: async ({ params, request, locals }) => {
		const form = await request.formData();
		const values = { action: text(form, 'action'), owner: text(form, 'owner'), forWhom: text(form, 'forWhom') };
		const db = locals.db;
		const partnershipId = locals.partnership.id;
		const scenario = await scenarioOr404(locals, params.id);
		try {
			await mitigations.create(db, partnershipId, scenario.id, values);
		} catch (e) {
			if (e instanceof mitigations.MitigationInputError) return fail(400, { values, issues: e.issues });
			throw e;
		}
		redirect(303, `/scenarios/${scenario.id}/mitigations`);
	},
	delete: async ({ params, request, locals }) => {
		const db = locals.db;
		const partnershipId = locals.partnership.id;
		const scenario = await scenarioOr404(locals, params.id);
		const id = Number(text(await request.formData(), 'id'));
		if (!(await mitigations.remove(db, partnershipId, scenario.id, id))) error(404, `No mitigation ${id} in this scenario.`);
		redirect(303, `/scenarios/${scenario.id}/mitigations`);
	}
} satisfies Actions;
