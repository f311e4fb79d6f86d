import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Db } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData } from '$lib/server/seed';
import { loadEngineData } from '$lib/server/estate';
import * as scenarios from '$lib/server/scenarios';
import { addPartnership } from '$lib/server/partnerships';
import { CompareInputError, comparisonFromUrl, loadComparison, parseIds, comparisonHref, type Comparison } from '$lib/server/comparison';
import { comparisonCsv, comparisonXlsx } from '$lib/compare/export.server';
import { defaultParameters, evaluateScenario, type EvaluationResult, type ScenarioAction } from '$lib/engine';
import { ATTRIBUTION_LINES } from '$lib/attribution';
import { eq } from 'drizzle-orm';
import { t } from '$lib/server/db';
import * as mitigations from '$lib/server/mitigations';
import { criterionCell, flaggedGroups } from '$lib/equality/view';
import { openTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

const CLOSE_HALE: ScenarioAction[] = [{ type: 'close', siteRef: 'lib-hale' }];
const CLOSE_BOTH: ScenarioAction[] = [...CLOSE_HALE, { type: 'close', siteRef: 'lib-woodsend' }];

describe('comparison of the baseline with two library closures (Trafford pack)', async () => {
	let db: Db;
	let comparison: Comparison;
	let engine: EvaluationResult[];
	let ids: string[];
	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		const a = await scenarios.create(db, TEST_ACTOR, P, { name: 'Close Hale', actions: CLOSE_HALE });
		const b = await scenarios.create(db, TEST_ACTOR, P, { name: 'Close Hale and Woodsend', actions: CLOSE_BOTH });
		ids = ['baseline', String(a.id), String(b.id)];
		comparison = await loadComparison(db, P, { linkIds: ids });
		const data = await loadEngineData(db, P);
		engine = [[], CLOSE_HALE, CLOSE_BOTH].map((actions) => evaluateScenario(data, actions, defaultParameters()));
	});
	const row = (key: string) => {
		const found = comparison.rows.find((r) => r.key === key);
		if (!found) throw new Error(`no row ${key}; rows are ${comparison.rows.map((r) => r.key).join(', ')}`);
		return found;
	};

	it('lists the scenarios in the order of the link, the baseline first', async () => {
		expect(comparison.scenarios.map((s) => [s.linkId, s.name])).toEqual([
			['baseline', "Today's estate"],
			[ids[1], 'Close Hale'],
			[ids[2], 'Close Hale and Woodsend']
		]);
	});

	it("shows the engine's money figures unchanged", async () => {
		expect(row('appraisal.annualNetSavingGbp').values).toEqual(engine.map((r) => r.appraisal.annualNetSavingGbp));
		expect(row('appraisal.oneOff.totalGbp').values).toEqual(engine.map((r) => r.appraisal.oneOff.totalGbp));
		expect(row('appraisal.npvGbp').values).toEqual(engine.map((r) => r.appraisal.npvGbp));
		expect(row('appraisal.npvCashableGbp').values).toEqual(engine.map((r) => r.appraisal.npvCashableGbp));
		expect(row('appraisal.annualCashableSavingGbp').values).toEqual(engine.map((r) => r.appraisal.annualCashableSavingGbp));
		expect(row('appraisal.annualNonCashableSavingGbp').values).toEqual(engine.map((r) => r.appraisal.annualNonCashableSavingGbp));
		expect(row('appraisal.paybackYearCashable').values).toEqual(engine.map((r) => r.appraisal.paybackYearCashable));
		expect(row('appraisal.paybackYear').values).toEqual(engine.map((r) => r.appraisal.paybackYear));
		expect(row('appraisal.capitalReceiptsGbp').values).toEqual(engine.map((r) => r.appraisal.capitalReceiptsGbp));
		expect(engine[2].appraisal.npvGbp).toBeGreaterThan(engine[1].appraisal.npvGbp);
		const council = engine[1].appraisal.partnerShares.find((p) => p.organisationId === 'trafford-council')!;
		expect(row('partner.trafford-council.npvGbp').values[1]).toBe(council.npvGbp);
	});

	it("shows the engine's criteria verdicts, equality flags and the mitigations recorded", async () => {
		for (const c of engine[0].criteria)
			expect(row(`criteria.${c.id}`).values).toEqual(engine.map((r) => criterionCell(r.criteria.find((x) => x.id === c.id)!.after, r.criteria.find((x) => x.id === c.id)!.passAfter)));
		expect(row('criteria.po-1-mile').values[0]).toBe('97.5% (passes)');
		expect(row('equality.flagged').values[0]).toBe('None');
		for (const flag of flaggedGroups(engine[2].equality)) {
			const key = `equality.${flag.service}.${flag.thresholdLabel}.${flag.characteristic}.${flag.group}`;
			expect(row(key).values[2]).toBe(flag.people);
		}
		expect(row('equality.notCounted').values).toEqual(['Pregnancy and maternity', 'Pregnancy and maternity', 'Pregnancy and maternity']);
		const option = Number(ids[1]);
		await mitigations.create(db, TEST_ACTOR, P, option, { action: 'Home library service', owner: 'Libraries team', forWhom: 'Housebound residents of Hale' });
		const again = await loadComparison(db, P, { linkIds: ids });
		expect(again.rows.find((r) => r.key === 'mitigations')!.values).toEqual([null, 'Home library service (owner: Libraries team; for Housebound residents of Hale)', null]);
	});

	it("shows the engine's visit figures", async () => {
		expect(row('footfall.displacedVisitsPerWeek').values).toEqual(engine.map((r) => r.footfall.displacedVisitsPerWeek));
		expect(row('footfall.lostVisitsPerWeek').values).toEqual(engine.map((r) => r.footfall.lostVisitsPerWeek));
		expect(row('footfall.overCapacityCount').values).toEqual(engine.map((r) => r.footfall.loads.filter((l) => l.overCapacity).length));
	});

	it('counts people no longer within each threshold of the library, in total and per group, as baseline minus scenario', async () => {
		const library = engine.map((r) => r.services.find((s) => s.service === 'library')!);
		const lost = (t: number, pick: (a: (typeof library)[number]['baseline']) => number) => library.map((s) => pick(s.baseline) - pick(s));
		expect(row('access.library.0.all').values).toEqual(lost(0, (a) => a.coverage[0].population));
		expect(row('access.library.0.age65').values).toEqual(lost(0, (a) => a.groups.age65!.coverage[0].population));
		expect(row('access.library.1.noCar').values).toEqual(lost(1, (a) => a.groups.noCar!.coverage[1].population));
		// Nobody gains from a closure, and closing a second library loses at least as many people.
		const all = row('access.library.0.all').values as number[];
		expect(all[0]).toBe(0);
		expect(all[1]).toBeGreaterThan(0);
		expect(all[2]).toBeGreaterThanOrEqual(all[1]);
		expect(comparison.affectedServices[0]).toEqual({ code: 'library', name: 'Library' });
		expect(comparison.rows.some((r) => r.key.startsWith('access.post_office'))).toBe(false);
	});

	it('marks figures that rest on estimated facts, never the baseline', async () => {
		expect(row('appraisal.npvGbp').estimated).toEqual([false, true, true]);
		expect(row('access.library.0.all').estimated).toEqual([false, false, false]);
	});

	it('gives the cumulative discounted cash flow and the coverage chart from the engine', async () => {
		expect(comparison.cashFlow.series[1].map((p) => p.cumulativeDiscountedGbp)).toEqual(
			engine[1].appraisal.cashFlows.map((c) => c.cumulativeDiscountedGbp)
		);
		expect(comparison.coverage?.service).toBe('library');
		expect(comparison.coverage?.threshold).toBe('1 mile');
		expect(comparison.coverage?.bars[0].shares).toEqual(engine.map((r) => r.services.find((s) => s.service === 'library')!.coverage[0].share));
	});

	it('maps the zones further from a library: none today, never closer after a closure', async () => {
		expect(comparison.outlines.paths).toHaveLength(139);
		expect(comparison.maps[0].zonesFurther).toBe(0);
		expect(comparison.maps[1].zonesFurther).toBeGreaterThan(0);
		expect(comparison.maps[2].peopleFurther).toBeGreaterThan(comparison.maps[1].peopleFurther);
		expect(comparison.maps[1].zoneChange.every((c) => c === null || c >= 0)).toBe(true);
		expect(comparison.maps[2].closed.map((s) => s.ref).sort()).toEqual(['lib-hale', 'lib-woodsend']);
	});

	it('exports CSV with a BOM and the numbers as numbers', async () => {
		const csv = comparisonCsv(comparison);
		expect(csv.startsWith('\uFEFFSection,Measure,Today\'s estate,Close Hale,Close Hale and Woodsend,Estimated for\r\n')).toBe(true);
		const npv = csv.split('\r\n').find((l) => l.startsWith('Costs and savings,"Net present value (NPV), cashable (£)",'))!;
		expect(npv).toBe(`Costs and savings,"Net present value (NPV), cashable (£)",0,${engine[1].appraisal.npvCashableGbp},${engine[2].appraisal.npvCashableGbp},Close Hale; Close Hale and Woodsend`);
	});

	it('exports XLSX whose cells hold the engine numbers with £ formats, plus the attribution and assumptions', async () => {
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await comparisonXlsx(comparison)) as unknown as ExcelJS.Buffer);
		const sheet = book.getWorksheet('Comparison')!;
		expect(sheet.getRow(4).values).toEqual([undefined, 'Section', 'Measure', "Today's estate", 'Close Hale', 'Close Hale and Woodsend', 'Estimated for']);
		let npvRow: ExcelJS.Row | undefined;
		sheet.eachRow((r) => {
			if (r.getCell(2).value === 'Net present value (NPV), cashable (£)') npvRow = r;
		});
		expect(npvRow!.getCell(4).value).toBe(engine[1].appraisal.npvCashableGbp);
		expect(npvRow!.getCell(4).numFmt).toContain('£');
		const texts: unknown[] = [];
		sheet.eachRow((r) => texts.push(r.getCell(1).value));
		expect(texts).toContain(ATTRIBUTION_LINES[0]);
		const assumptions = book.getWorksheet('Assumptions')!;
		expect(assumptions.rowCount).toBe(comparison.assumptions.length + 1);
	});
});

describe('choosing what to compare', async () => {
	let db: Db;
	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
	});

	it('reads ids from a comma list or repeated parameters, without repeats', async () => {
		expect(parseIds(['Baseline, 4,7', '4', ''])).toEqual(['baseline', '4', '7']);
		expect(comparisonHref('/compare', ['baseline', '4'], 'library')).toBe('/compare?ids=baseline,4&service=library');
	});

	it('refuses fewer than two, more than four, and ids that are not scenarios', async () => {
		await expect(loadComparison(db, P, { linkIds: ['baseline'] })).rejects.toThrow(new CompareInputError('Choose between 2 and 4 scenarios to compare; only 1 was chosen.'));
		await expect(loadComparison(db, P, { linkIds: [] })).rejects.toThrow(/none were chosen/);
		await expect(loadComparison(db, P, { linkIds: ['baseline', '1', '2', '3', '4'] })).rejects.toThrow(/5 were chosen/);
		await expect(loadComparison(db, P, { linkIds: ['baseline', '999'] })).rejects.toThrow(/no scenario with id "999"/);
	});

	it('finds only this partnership\'s scenarios, in the order the link names them', async () => {
		const other = await addPartnership(db, 'Another partnership');
		const theirs = await scenarios.create(db, TEST_ACTOR, other.id, { name: 'Theirs' });
		const ours = await scenarios.create(db, TEST_ACTOR, P, { name: 'Ours' });
		await expect(loadComparison(db, P, { linkIds: ['baseline', String(theirs.id)] })).rejects.toThrow(`no scenario with id "${theirs.id}"`);
		const c = await loadComparison(db, P, { linkIds: [String(ours.id), 'baseline'] });
		expect(c.scenarios.map((s) => s.name)).toEqual(['Ours', "Today's estate"]);
	});

	it('compares the baseline with a copy of itself: every change is zero', async () => {
		const copy = await scenarios.duplicate(db, TEST_ACTOR, P, (await scenarios.list(db, P))[0].id, 'Copy');
		const c = await loadComparison(db, P, { linkIds: ['baseline', String(copy.id)] });
		expect(c.affectedServices).toEqual([]);
		expect(c.coverage).toBeNull();
		expect(c.rows.find((r) => r.key === 'appraisal.npvGbp')?.values).toEqual([0, 0]);
	});

	it('names a scenario whose actions no longer fit the estate (an import removed a building it closes) instead of failing', async () => {
		const broken = await scenarios.create(db, TEST_ACTOR, P, { name: 'Close a building since removed', actions: CLOSE_HALE });
		// What an import that drops lib-hale leaves behind: the stored action names a building that is gone.
		await db.update(t.scenario).set({ actions: [{ type: 'close', siteRef: 'lib-gone' }] }).where(eq(t.scenario.id, broken.id));
		const ids = ['baseline', String(broken.id)];
		await expect(loadComparison(db, P, { linkIds: ids })).rejects.toThrow(CompareInputError);
		await expect(loadComparison(db, P, { linkIds: ids })).rejects.toThrow(
			`Scenario "Close a building since removed" cannot be evaluated against the current estate. Change 1: Unknown closed site 'lib-gone'. Open the scenario to undo or fix that change, or leave it out of the comparison.`
		);
		const fromUrl = await comparisonFromUrl(db, P, new URL(`http://x/compare?ids=${ids.join(',')}`));
		expect(fromUrl.comparison).toBeNull();
		expect(fromUrl.error).toMatch(/^Scenario "Close a building since removed" cannot be evaluated/);
	});
});
