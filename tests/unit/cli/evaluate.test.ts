import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateScenario, defaultParameters, type EvaluationResult } from '$lib/engine';
import { ensureDemoData, DEMO_PARTNERSHIP_ID } from '$lib/server/seed';
import { loadEngineData } from '$lib/server/estate';
import { openTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';
import { hubplanInProcess } from '../../support/hubplan-cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-cli-'));

function evaluate(...args: string[]) {
	return hubplanInProcess(['evaluate', ...args], { HUBPLAN_DB: path.join(dir, 'cli.sqlite') });
}

function scenarioFile(name: string, content: string): string {
	const file = path.join(dir, name);
	fs.writeFileSync(file, content);
	return file;
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('hubplan evaluate', async () => {
	it('adds equality by characteristic and group, and the access criteria before and after', async () => {
		const actions = [{ type: 'close', siteRef: 'po-83d0633f' }]; // Partington's: the nearest other is miles away
		const file = scenarioFile('close-po.json', JSON.stringify({ actions }));
		const { code, stdout } = await evaluate('--scenario', file, '--services', 'post_office', '--no-zones');
		expect(code).toBe(0);
		const printed = JSON.parse(stdout) as EvaluationResult;
		const female = printed.equality.find((e) => e.characteristic === 'sex' && e.group === 'female')!;
		expect(Object.keys(female)).toEqual(expect.arrayContaining(['service', 'characteristic', 'group', 'population', 'lost']));
		expect(female.service).toBe('post_office');
		expect(Object.keys(female.lost[0])).toEqual(
			expect.arrayContaining(['thresholdM', 'people', 'shareOfLost', 'shareOfPopulation', 'disproportionate', 'gained', 'net'])
		);
		expect(female.lost.map((l) => l.thresholdLabel)).toEqual(['1 mile', '3 miles']);
		const oneMile = printed.criteria.find((c) => c.id === 'po-1-mile')!;
		expect(Object.keys(oneMile)).toEqual(
			expect.arrayContaining(['id', 'name', 'source', 'service', 'thresholdM', 'group', 'targetShare', 'before', 'after', 'passBefore', 'passAfter'])
		);
		expect(oneMile.before).toBeCloseTo(0.97516, 5);
		expect(oneMile.after!).toBeLessThan(oneMile.before!);
		expect(printed.equalityGaps.map((g) => g.characteristic)).toEqual(['pregnancy']);
	});

	it('prints the same numbers as the engine for a closure scenario', async () => {
		const actions = [{ type: 'close', siteRef: 'lib-hale' }, { type: 'close', siteRef: 'lib-woodsend' }];
		const file = scenarioFile('close.json', JSON.stringify({ actions }));
		const { code, stdout } = await evaluate('--scenario', file, '--services', 'library,post_office', '--no-zones');
		expect(code).toBe(0);
		const printed = JSON.parse(stdout) as EvaluationResult;

		const db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		const expected = evaluateScenario(await loadEngineData(db, DEMO_PARTNERSHIP_ID), actions as never, defaultParameters(), {
			services: ['library', 'post_office']
		});
		expect(printed.appraisal).toEqual(expected.appraisal);
		expect(printed.services).toEqual(expected.services);
		const library = printed.services.find((s) => s.service === 'library')!;
		expect(library.coverage.map((c) => c.thresholdM)).toEqual([1609.344, 4828.032]);
		expect(library.groups.age65?.coverage).toHaveLength(2);
		expect(printed.appraisal.vacatedSites.map((s) => s.siteRef)).toEqual(['lib-hale', 'lib-woodsend']);
	}, 60_000);

	it('measures one group when asked with --population', async () => {
		const all = JSON.parse((await evaluate('--services', 'post_office', '--no-zones')).stdout) as EvaluationResult;
		const older = JSON.parse((await evaluate('--services', 'post_office', '--no-zones', '--population', 'age65')).stdout) as EvaluationResult;
		expect(older.services[0].population).toBe(all.services[0].groups.age65?.population);
	}, 60_000);

	it('names the unknown building and exits non-zero', async () => {
		const file = scenarioFile('bad-ref.json', '{"actions":[{"type":"close","siteRef":"lib-nowhere"}]}');
		const { code, stderr } = await evaluate('--scenario', file);
		expect(code).toBe(1);
		expect(stderr).toContain("actions[0]: Unknown closed site 'lib-nowhere'");
	}, 60_000);

	it('names the file when the JSON is malformed', async () => {
		const file = scenarioFile('broken.json', '{"actions": [');
		const { code, stderr } = await evaluate('--scenario', file);
		expect(code).toBe(1);
		expect(stderr).toContain('broken.json: not valid JSON');
	}, 60_000);

	it('refuses a parameter that does not exist instead of ignoring it', async () => {
		const file = scenarioFile('typo.json', '{"actions":[],"parameters":{"appraisal":{"discountRat":0.05}}}');
		const { code, stderr } = await evaluate('--scenario', file);
		expect(code).toBe(1);
		expect(stderr).toContain('unknown field "appraisal.discountRat"');
	}, 60_000);

	it('rejects an unknown population field and lists the accepted ones', async () => {
		const { code, stderr } = await evaluate('--population', 'giraffes');
		expect(code).toBe(1);
		expect(stderr).toContain('--population "giraffes": expected total or one of age65');
	}, 60_000);
});
