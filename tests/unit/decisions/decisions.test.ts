import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { openTestDb } from '../../support/db';
import * as t from '$lib/server/db/schema';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData } from '$lib/server/seed';
import { listOrganisations, renewEstateVersion } from '$lib/server/estate';
import * as scenarios from '$lib/server/scenarios';
import * as decisions from '$lib/server/decisions';
import * as mitigations from '$lib/server/mitigations';
import * as pilots from '$lib/server/pilots';
import { ComparisonConflictError, DecisionInputError } from '$lib/server/decisions';
import { buildComparison, loadComparison, type Comparison } from '$lib/server/comparison';
import { TEST_ACTOR } from '../../support/actor';

const RECOMMENDATION = {
	title: 'Library options for cabinet',
	recommendation: 'Close Hale library and keep Woodsend open.',
	rationale: 'It saves the most while leaving fewest residents aged 75+ beyond a mile.',
	author: 'Priya Shah, Head of Libraries'
};

/** The figures a reader sees, without the time they were produced. */
const figures = (c: Comparison) => c.rows.map((r) => [r.key, r.values]);

describe('saved comparisons', () => {
	let db: Db;
	let ids: string[];
	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		const a = await scenarios.create(db, TEST_ACTOR, P, { name: 'Close Hale', actions: [{ type: 'close', siteRef: 'lib-hale' }] });
		ids = ['baseline', String(a.id)];
	});

	it('saves the options, service and recommendation, and lists them', async () => {
		const saved = await decisions.saveComparison(db, TEST_ACTOR, P, { ...RECOMMENDATION, ids, service: 'library' });
		expect(saved).toMatchObject({ linkIds: ids, serviceCode: 'library', recommendation: RECOMMENDATION.recommendation, author: RECOMMENDATION.author, version: 1 });
		expect((await decisions.listComparisons(db, P)).map((s) => s.id)).toContain(saved.id);
		expect(decisions.recommendationOf(saved)).toEqual({ text: RECOMMENDATION.recommendation, rationale: RECOMMENDATION.rationale, author: RECOMMENDATION.author });
	});

	it('edits the recommendation against the version it was opened on, and refuses a stale edit without writing', async () => {
		const saved = await decisions.saveComparison(db, TEST_ACTOR, P, { ...RECOMMENDATION, ids, service: '' });
		const edited = await decisions.updateRecommendation(db, TEST_ACTOR, P, saved.id, 1, { ...RECOMMENDATION, recommendation: 'Keep both open.' });
		expect(edited.version).toBe(2);
		const stale = decisions.updateRecommendation(db, TEST_ACTOR, P, saved.id, 1, { ...RECOMMENDATION, recommendation: 'Close both.' });
		await expect(stale).rejects.toBeInstanceOf(ComparisonConflictError);
		await expect(stale).rejects.toMatchObject({ current: { version: 2, recommendation: 'Keep both open.' } });
		expect((await decisions.getComparison(db, P, saved.id)).recommendation).toBe('Keep both open.');
	});

	it('refuses a blank title, a recommendation without an author, and options that are too few or unknown, naming each field', async () => {
		const before = (await decisions.listComparisons(db, P)).length;
		const refused = (input: Partial<decisions.SaveComparisonInput>) =>
			decisions.saveComparison(db, TEST_ACTOR, P, { ...RECOMMENDATION, ids, service: '', ...input }).then(
				() => expect.unreachable(),
				(e: DecisionInputError) => e.issues
			);
		expect(await refused({ title: ' ', author: '' })).toEqual([
			{ path: 'title', message: expect.stringMatching(/^Enter a title/) },
			{ path: 'author', message: 'Enter the name of the person making the recommendation.' }
		]);
		expect(await refused({ ids: ['baseline'] })).toEqual([{ path: 'ids', message: 'Choose between 2 and 4 different scenarios; got "baseline".' }]);
		expect(await refused({ ids: ['baseline', '999'] })).toEqual([{ path: 'ids', message: 'There is no scenario with id "999"; it may have been deleted.' }]);
		expect((await decisions.listComparisons(db, P)).length).toBe(before);
	});
});

describe('decision records', () => {
	let db: Db;
	let optionId: number;
	let savedId: number;
	let record: decisions.DecisionRecordSummary;
	let freezeMs: number;
	let council: string;
	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		const a = await scenarios.create(db, TEST_ACTOR, P, { name: 'Close Hale and Woodsend', actions: [{ type: 'close', siteRef: 'lib-hale' }, { type: 'close', siteRef: 'lib-woodsend' }] });
		optionId = a.id;
		await mitigations.create(db, TEST_ACTOR, P, a.id, { action: 'Home library service for Hale', owner: 'Libraries', forWhom: 'Residents aged 75+ in Hale' });
		council = (await listOrganisations(db, P))[0].id;
		await pilots.createCost(db, TEST_ACTOR, P, a.id, { label: 'Outreach van, first year', kind: 'one_off', amountGbp: '12000', contributions: { [council]: '12000' } });
		savedId = (await decisions.saveComparison(db, TEST_ACTOR, P, { ...RECOMMENDATION, ids: ['baseline', String(a.id)], service: 'library' })).id;
		const started = performance.now();
		record = await decisions.freeze(db, TEST_ACTOR, P, savedId, '2027-01-14', new Date('2027-01-07T10:00:00Z'));
		freezeMs = performance.now() - started;
	});

	it('keeps every input and output, hashed, and says when it was presented', async () => {
		const frozen = await decisions.getRecord(db, P, record.id);
		console.log(`freeze took ${freezeMs.toFixed(0)} ms; snapshot ${(frozen.snapshotBytes / 1e6).toFixed(2)} MB`);
		expect(frozen.intact).toBe(true);
		expect(frozen.contentSha256).toMatch(/^[0-9a-f]{64}$/);
		const { inputs, outputs } = frozen.snapshot;
		expect(inputs.scenarios.map((s) => s.actions.length)).toEqual([0, 2]);
		expect(inputs.scenarios[1].parameters.appraisal.discountRate).toBeGreaterThan(0);
		expect(inputs.scenarios[1].pilotCosts).toEqual([{ label: 'Outreach van, first year', kind: 'one_off', amountGbp: 12000, contributions: [{ organisationId: council, amountGbp: 12000 }] }]);
		expect(inputs.scenarios[1].mitigations).toMatchObject([{ action: 'Home library service for Hale', owner: 'Libraries', forWhom: 'Residents aged 75+ in Hale' }]);
		expect(outputs.comparison.rows.find((r) => r.key === 'appraisal.oneOff.pilotGbp')?.values).toEqual([0, 12000]);
		expect(inputs.recommendation?.author).toBe(RECOMMENDATION.author);
		expect(inputs.estate.data.sites).toHaveLength(308);
		expect(outputs.report.subtitle).toMatch(/presented to cabinet on 14 Jan/);
		expect(outputs.report.sections.some((s) => s.blocks.some((b) => b.kind === 'paragraph' && b.text === RECOMMENDATION.recommendation))).toBe(true);
	});

	it('reopens exactly as frozen after the scenario and the estate change, while the live comparison moves', async () => {
		const before = await decisions.getRecord(db, P, record.id);
		const option = await scenarios.get(db, P, optionId);
		await scenarios.update(db, TEST_ACTOR, P, optionId, option.version, { actions: [{ type: 'close', siteRef: 'lib-hale' }] });
		await db.update(t.site).set({ facilitiesGbpPerYear: 999_999 }).where(eq(t.site.ref, 'lib-hale'));
		await renewEstateVersion(db, P);
		await decisions.updateRecommendation(db, TEST_ACTOR, P, savedId, 1, { ...RECOMMENDATION, recommendation: 'Something else.' });

		const after = await decisions.getRecord(db, P, record.id);
		expect(after).toEqual(before);
		const live = await loadComparison(db, P, { linkIds: ['baseline', String(optionId)], service: 'library' });
		expect(figures(live)).not.toEqual(figures(after.snapshot.outputs.comparison));
	});

	it('holds every input the figures came from: rebuilt from them, the comparison is the same', async () => {
		const { inputs, outputs } = (await decisions.getRecord(db, P, record.id)).snapshot;
		const estimated = { cost: new Set(inputs.estate.estimated.cost), visits: new Set(inputs.estate.estimated.visits) };
		const rebuilt = await buildComparison({
			...inputs.estate,
			estimated,
			zoneGeometries: [],
			outlines: outputs.comparison.outlines,
			scenarios: inputs.scenarios,
			service: inputs.service ?? undefined,
			now: new Date(outputs.comparison.generatedAt)
		});
		expect(JSON.parse(JSON.stringify(rebuilt))).toEqual(outputs.comparison);
	});

	it('notices a snapshot altered in the database behind the app', async () => {
		const other = await decisions.freeze(db, TEST_ACTOR, P, savedId, '2027-02-11');
		await db.run(sql`update decision_record set snapshot = replace(snapshot, 'Close Hale', 'Close Sale') where id = ${other.id}`);
		expect((await decisions.getRecord(db, P, other.id)).intact).toBe(false);
		expect((await decisions.getRecord(db, P, record.id)).intact).toBe(true);
	});

	it('offers no way to change or remove a record', () => {
		expect(Object.keys(decisions).filter((name) => /update|delete|remove|edit/i.test(name) && !/Recommendation/.test(name))).toEqual([]);
	});

	it('refuses to freeze a comparison with no recommendation', async () => {
		const bare = await decisions.saveComparison(db, TEST_ACTOR, P, { ...RECOMMENDATION, recommendation: '', rationale: '', ids: ['baseline', String(optionId)], service: '' });
		await expect(decisions.freeze(db, TEST_ACTOR, P, bare.id, '2027-01-14')).rejects.toThrow(/Write the recommendation/);
		expect((await decisions.listRecords(db, P, bare.id)).length).toBe(0);
	});
});
