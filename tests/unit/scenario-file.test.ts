import { describe, expect, it } from 'vitest';
import { parseScenarioFile } from '$lib/scenario-file';

describe('a scenario file is checked with the same action schema as the API', () => {
	it('names the file, the action and the field of a wrongly typed action', () => {
		expect(() => parseScenarioFile('{"actions":[{"type":"close","siteRef":"lib-hale"},{"type":"close","siteRef":5}]}', 'close.json')).toThrow(
			'close.json: actions[1].siteRef: expected text, got 5.'
		);
		expect(() => parseScenarioFile('{"actions":{}}', 'close.json')).toThrow('close.json: actions: expected a list, got Object.');
		expect(() => parseScenarioFile('{"actions":[{"type":"demolish"}]}', 'x.json')).toThrow(/x\.json: actions\[0\]\.type: expected one of "close", "hub", "move", "add", got "demolish"/);
		expect(() => parseScenarioFile('{"actions":[{"type":"hub","siteRef":"a","extra":1}]}', 'x.json')).toThrow('x.json: actions[0].extra: unknown field; leave it out.');
	});

	it('reads a good file', () => {
		const file = parseScenarioFile('{"name":"Close Hale","actions":[{"type":"close","siteRef":"lib-hale"}],"parameters":{"appraisal":{"discountRate":0.05}}}', 'ok.json');
		expect(file.actions).toEqual([{ type: 'close', siteRef: 'lib-hale' }]);
		expect(file.parameters.appraisal.discountRate).toBe(0.05);
	});
});
