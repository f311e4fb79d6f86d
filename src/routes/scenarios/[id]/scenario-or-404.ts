import { error } from '@sveltejs/kit';
import * as scenarios from '$lib/server/scenarios';

/** The scenario the address names, or a 404 page saying there is none (the scenario's sub-pages). */
export async function scenarioOr404(locals: App.Locals, idText: string): Promise<scenarios.Scenario> {
	const id = Number(idText);
	try {
		if (!Number.isInteger(id) || id < 1) throw new scenarios.ScenarioNotFoundError(`"${idText}" is not a scenario id.`);
		return await scenarios.get(locals.db, locals.partnership.id, id);
	} catch (e) {
		if (e instanceof scenarios.ScenarioNotFoundError) error(404, e.message);
		throw e;
	}
}
