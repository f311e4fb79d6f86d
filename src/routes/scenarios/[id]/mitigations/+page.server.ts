import { error, fail, redirect } from '@sveltejs/kit';
import * as scenarios from '$lib/server/scenarios';
import * as mitigations from '$lib/server/mitigations';
import { scenarioOr404 } from '../scenario-or-404';
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
			await mitigations.create(db, locals.actor, partnershipId, scenario.id, values);
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
		if (!(await mitigations.remove(db, locals.actor, partnershipId, scenario.id, id))) error(404, `No mitigation ${id} in this scenario.`);
		redirect(303, `/scenarios/${scenario.id}/mitigations`);
	}
} satisfies Actions;
