import { error, fail, redirect } from '@sveltejs/kit';
import { listServices } from '$lib/server/estate';
import * as criteria from '$lib/server/criteria';
import { BUILT_IN_CRITERIA, criterionGroups, thresholdLabel } from '$lib/engine/access/criteria';
import { formatShare } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const db = locals.db;
	const partnershipId = locals.partnership.id;
	const groups = criterionGroups();
	const services = (await listServices(db)).map((s) => ({ value: s.code, label: s.name }));
	const describe = (c: { id: string; name: string; source: string; service: string; thresholdM?: number; thresholdMin?: number; group: string; targetShare: number }) => ({
		id: c.id,
		name: c.name,
		source: c.source,
		service: services.find((s) => s.value === c.service)?.label ?? c.service,
		needs: `${formatShare(c.targetShare)} within ${thresholdLabel(c)}`,
		who: groups.find((g) => g.key === c.group)?.label ?? c.group
	});
	return {
		builtIn: BUILT_IN_CRITERIA.map(describe),
		own: (await criteria.listInputs(db, partnershipId)).map((c) => ({ ...describe(c), rowId: Number(c.id.replace('own-', '')) })),
		services,
		groups: groups.map((g) => ({ value: g.key, label: g.label })),
		units: criteria.THRESHOLD_UNITS
	};
};

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export const actions = {
	add: async ({ request, locals }) => {
		const form = await request.formData();
		const values: criteria.CriterionFormInput = {
			name: text(form, 'name'),
			service: text(form, 'service'),
			threshold: text(form, 'threshold'),
			thresholdUnit: text(form, 'thresholdUnit'),
			group: text(form, 'group'),
			targetPercent: text(form, 'targetPercent')
		};
		const db = locals.db;
		try {
			await criteria.create(db, locals.actor, locals.partnership.id, values);
		} catch (e) {
			if (e instanceof criteria.CriterionInputError) return fail(400, { values, issues: e.issues });
			throw e;
		}
		redirect(303, '/criteria');
	},
	delete: async ({ request, locals }) => {
		const db = locals.db;
		const id = Number(text(await request.formData(), 'id'));
		if (!await criteria.remove(db, locals.actor, locals.partnership.id, id)) error(404, `No criterion ${id}.`);
		redirect(303, '/criteria');
	}
} satisfies Actions;
