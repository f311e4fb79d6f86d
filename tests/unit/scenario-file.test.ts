import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { defaultParameters } from '$lib/engine/parameters';
import { parseScenarioFile } from '$lib/scenario-file';
import { CreateScenarioSchema } from '$lib/scenario-schema';

describe('a scenario file is checked with the same action schema as the API', () => {
	it('names the file, the action and the field of a wrongly typed action', () => {
		expect(() => parseScenarioFile('{"actions":[{"type":"close","siteRef":"lib-hale"},{"type":"close","siteRef":5}]}', 'close.json')).toThrow(
			'close.json: actions[1].siteRef: expected text, got 5.'
		);
		expect(() => parseScenarioFile('{"actions":{}}', 'close.json')).toThrow('close.json: actions: expected a list, got Object.');
		expect(() => parseScenarioFile('{"actions":[{"type":"demolish"}]}', 'x.json')).toThrow(/x\.json: actions\[0\]\.type: expected one of "close", "hub", "move", "add", "add_service", "withdraw_service", got "demolish"/);
		expect(() => parseScenarioFile('{"actions":[{"type":"hub","siteRef":"a","extra":1}]}', 'x.json')).toThrow('x.json: actions[0].extra: unknown field; leave it out.');
	});

	it('reads a good file', () => {
		const file = parseScenarioFile('{"name":"Close Hale","actions":[{"type":"close","siteRef":"lib-hale"}],"parameters":{"appraisal":{"discountRate":0.05}}}', 'ok.json');
		expect(file.actions).toEqual([{ type: 'close', siteRef: 'lib-hale' }]);
		expect(file.parameters.appraisal.discountRate).toBe(0.05);
	});
});

describe('the request schemas accept what the app itself sends', () => {
	it('the default parameters and every kind of action pass', () => {
		const actions = [
			{ type: 'close', siteRef: 'lib-hale' },
			{ type: 'hub', siteRef: 'lib-sale' },
			{ type: 'move', fromSiteRef: 'lib-hale', toSiteRef: 'lib-sale', service: 'library' },
			{ type: 'add', site: { ref: 'new-1', name: 'New hub', kind: 'community_hub', lon: -2.3, lat: 53.4, giaM2: 500, annualRunningCostGbp: null, services: [{ service: 'library', visitsPerWeek: null, spaceM2: null, staffFte: null }] } }
		];
		expect(v.safeParse(CreateScenarioSchema, { name: 'All kinds', actions, parameters: defaultParameters() }).issues).toBeUndefined();
	});
});
