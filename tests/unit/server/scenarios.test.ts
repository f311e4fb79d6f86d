import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID as P } from '$lib/server/seed';
import * as scenarios from '$lib/server/scenarios';
import { ScenarioConflictError, ScenarioInputError } from '$lib/server/scenarios';
import { openDemoTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

describe('scenario persistence', async () => {
	let db: Db;
	beforeEach(async () => {
		db = await openDemoTestDb();
	});

	it('always has the built-in baseline first, which cannot be edited or deleted', async () => {
		const [baseline] = await scenarios.list(db, P);
		expect(baseline.isBaseline).toBe(true);
		await expect(scenarios.update(db, TEST_ACTOR, P, baseline.id, baseline.version, { name: 'x' })).rejects.toThrow(ScenarioInputError);
		await expect(scenarios.remove(db, TEST_ACTOR, P, baseline.id)).rejects.toThrow(/cannot be deleted/);
		expect(await scenarios.list(db, P)).toHaveLength(1);
	});

	it('saves actions with a rising version and undoes and redoes them', async () => {
		let s = await scenarios.create(db, TEST_ACTOR, P, { name: 'Close two libraries' });
		s = await scenarios.addAction(db, TEST_ACTOR, P, s.id, s.version, { type: 'close', siteRef: 'lib-hale' });
		s = await scenarios.addAction(db, TEST_ACTOR, P, s.id, s.version, { type: 'close', siteRef: 'lib-woodsend' });
		expect(s.version).toBe(3);
		s = await scenarios.undo(db, TEST_ACTOR, P, s.id, s.version);
		expect(s.actions).toEqual([{ type: 'close', siteRef: 'lib-hale' }]);
		expect(s.redo).toEqual([{ type: 'close', siteRef: 'lib-woodsend' }]);
		s = await scenarios.redo(db, TEST_ACTOR, P, s.id, s.version);
		expect(s.actions).toHaveLength(2);
		expect(s.redo).toEqual([]);
		expect(await scenarios.get(db, P, s.id)).toEqual(s);
	});

	it('keeps the creation time and moves the update time on a save (regression: both were one column)', async () => {
		const s = await scenarios.create(db, TEST_ACTOR, P, { name: 'Timestamps' });
		await new Promise((resolve) => setTimeout(resolve, 5));
		const saved = await scenarios.update(db, TEST_ACTOR, P, s.id, s.version, { description: 'later' });
		expect(saved.createdAt).toBe(s.createdAt);
		expect(saved.updatedAt > s.updatedAt).toBe(true);
	});

	it('refuses a save based on an old version and writes nothing', async () => {
		const s = await scenarios.create(db, TEST_ACTOR, P, { name: 'Option A' });
		await scenarios.update(db, TEST_ACTOR, P, s.id, s.version, { description: 'first tab' });
		try {
			await scenarios.update(db, TEST_ACTOR, P, s.id, s.version, { description: 'second tab' });
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(ScenarioConflictError);
			expect((error as ScenarioConflictError).current.description).toBe('first tab');
		}
		expect((await scenarios.get(db, P, s.id)).description).toBe('first tab');
	});

	it('lists every bad field at once and saves nothing', async () => {
		const s = await scenarios.create(db, TEST_ACTOR, P, { name: 'Option B' });
		const parameters = { ...s.parameters, appraisal: { ...s.parameters.appraisal, fitOutGbpPerM2: -5 } };
		try {
			await scenarios.update(db, TEST_ACTOR, P, s.id, s.version, {
				name: ' ',
				parameters,
				actions: [{ type: 'close', siteRef: 'nowhere' }, { type: 'hub', siteRef: 'lib-sale' }]
			});
			expect.unreachable();
		} catch (error) {
			const paths = (error as ScenarioInputError).issues.map((i) => i.path);
			expect(paths).toEqual(['name', 'parameters.appraisal.fitOutGbpPerM2', 'actions[0]']);
		}
		expect(await scenarios.get(db, P, s.id)).toEqual(s);
	});

	it('refuses to move a service the building does not offer', async () => {
		await expect(
			scenarios.create(db, TEST_ACTOR, P, {
				name: 'Bad move',
				actions: [{ type: 'move', fromSiteRef: 'lib-sale', toSiteRef: 'co-sale-waterside', service: 'jobcentre' }]
			})
		).rejects.toThrow(/does not offer 'jobcentre'/);
	});

	it('duplicates a scenario with its actions and deletes it', async () => {
		const s = await scenarios.create(db, TEST_ACTOR, P, { name: 'Option C', actions: [{ type: 'close', siteRef: 'lib-hale' }] });
		const copy = await scenarios.duplicate(db, TEST_ACTOR, P, s.id);
		expect(copy.name).toBe('Copy of Option C');
		expect(copy.actions).toEqual(s.actions);
		await scenarios.remove(db, TEST_ACTOR, P, s.id);
		expect((await scenarios.list(db, P)).map((x) => x.name)).toEqual(["Today's estate", 'Copy of Option C']);
	});
});
