import { defaultParameters, type ScenarioAction } from '$lib/engine';
import type { ScenarioRecord } from '$lib/workspace/changes';

/** A stored scenario at `version` with `actions`, as the API returns it. */
export function record(version: number, actions: ScenarioAction[], patch: Partial<ScenarioRecord> = {}): ScenarioRecord {
	return {
		id: 7,
		name: 'Option A',
		description: '',
		isBaseline: false,
		actions,
		redo: [],
		parameters: defaultParameters(),
		version,
		updatedAt: '2026-11-25T23:00:00.000Z',
		...patch
	};
}

export const close = (siteRef: string): ScenarioAction => ({ type: 'close', siteRef });
