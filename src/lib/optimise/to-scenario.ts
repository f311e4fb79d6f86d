/**
 * What saving an optimiser answer as a scenario does, as actions and as the sentences the preview
 * shows. One function makes both, so what the user reads is what is saved.
 *
 * Rules:
 * - a chosen building that already offers the service stays as it is, marked a hub (which costs
 *   nothing until something moves in);
 * - a chosen building that does not offer it is given it (`add_service`, at the service's typical
 *   space need);
 * - a building offering the service today that was not chosen stops offering it: it closes when the
 *   service is all it holds, otherwise only the service is withdrawn and the building stays open;
 * - candidates not chosen that never offered the service are left alone.
 */
import type { ScenarioAction, SiteInput } from '../engine/types';
import { describeAction, type Names } from '../workspace/changes';
import type { OptimiseAnswer } from './protocol';

export interface ScenarioPlan {
	actions: ScenarioAction[];
	/** One sentence per action, in order, as the preview lists them. */
	preview: string[];
}

/**
 * The scenario for an answer on `service`, against the estate's buildings (rules above).
 *
 * @example
 * const plan = answerPlan(answer, 'library', data.sites, names);
 * plan.preview; // ['Make Sale Library a hub', 'Close Hale Library', …]
 */
export function answerPlan(
	answer: Pick<OptimiseAnswer, 'hubs'>,
	service: string,
	sites: Pick<SiteInput, 'ref' | 'services'>[],
	names: Names
): ScenarioPlan {
	const chosen = new Set(answer.hubs.map((h) => h.ref));
	const offers = (s: Pick<SiteInput, 'services'>) => s.services.some((x) => x.service === service);
	const byRef = new Map(sites.map((s) => [s.ref, s]));
	const actions: ScenarioAction[] = [];
	for (const hub of answer.hubs) {
		const site = byRef.get(hub.ref);
		actions.push(site && offers(site) ? { type: 'hub', siteRef: hub.ref } : { type: 'add_service', siteRef: hub.ref, service });
	}
	for (const site of sites) {
		if (chosen.has(site.ref) || !offers(site)) continue;
		const alone = site.services.every((x) => x.service === service);
		actions.push(alone ? { type: 'close', siteRef: site.ref } : { type: 'withdraw_service', siteRef: site.ref, service });
	}
	return { actions, preview: actions.map((a) => describeAction(a, names)) };
}
