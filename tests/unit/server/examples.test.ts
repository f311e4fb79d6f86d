/**
 * The worked examples, worked by hand: every figure below is computed in the comments from the
 * default parameters (engine README / parameters.ts) and the pack's facts, then checked against
 * the engine's evaluation of the seeded scenario, pilot costs included (as `hubplan evaluate
 * --scenario-id N` runs it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { t } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoWithExamples } from '$lib/server/seed';
import { EXAMPLES, ensureExamples } from '$lib/server/examples';
import * as scenarios from '$lib/server/scenarios';
import { ScenarioInputError } from '$lib/server/scenarios';
import * as pilots from '$lib/server/pilots';
import { PilotInputError } from '$lib/server/pilots';
import { loadEngineData } from '$lib/server/estate';
import { evaluateScenario } from '$lib/engine';
import { openTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

/** Present value of £1 a year for 10 years at 3.5 % (HM Treasury Green Book rate). */
const ANNUITY_10Y = (1 - 1.035 ** -10) / 0.035; // 8.316605

describe('worked examples', async () => {
	let db: Db;
	const evaluate = async (key: string) => {
		const s = (await scenarios.list(db, P)).find((x) => x.example === key)!;
		return evaluateScenario(await loadEngineData(db, P), s.actions, s.parameters, { pilotCosts: await pilots.costsForAppraisal(db, P, s.id) });
	};
	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoWithExamples(db, TEST_ACTOR);
	});

	it('are added once, on first start, labelled, and not again after a restart or after one is deleted', async () => {
		const examples = async () => (await scenarios.list(db, P)).filter((s) => s.example);
		expect((await examples()).map((s) => s.example)).toEqual(['st-albans', 'post-office', 'birmingham']);
		expect((await examples()).every((s) => s.name.startsWith('Example: '))).toBe(true);
		expect(await ensureDemoWithExamples(db, TEST_ACTOR)).not.toContain('example');
		const other = await openTestDb();
		await ensureDemoWithExamples(other, TEST_ACTOR);
		await scenarios.remove(other, TEST_ACTOR, P, (await scenarios.list(other, P)).find((s) => s.example === 'birmingham')!.id);
		expect(await ensureExamples(other, TEST_ACTOR, P)).toBe(0);
		expect((await scenarios.list(other, P)).filter((s) => s.example)).toHaveLength(2);
	});

	it('are read only, pilot included; "Duplicate to edit" gives an editable copy with the same actions and pilot', async () => {
		const example = (await scenarios.list(db, P)).find((s) => s.example === 'st-albans')!;
		await expect(scenarios.addAction(db, TEST_ACTOR, P, example.id, example.version, { type: 'close', siteRef: 'lib-hale' })).rejects.toThrow(ScenarioInputError);
		await expect(pilots.createMilestone(db, TEST_ACTOR, P, example.id, { title: 'More', startDate: '2027-01-01', endDate: '2027-01-02' })).rejects.toThrow(PilotInputError);
		const copy = await pilots.duplicateScenario(db, TEST_ACTOR, P, example.id);
		expect(copy).toMatchObject({ name: 'Copy of shared service centre at Sale Waterside (St Albans-style)', example: null, actions: example.actions });
		expect(await pilots.listMilestones(db, P, copy.id)).toHaveLength(4);
		expect((await pilots.listCosts(db, P, copy.id)).map((c) => [c.amountGbp, c.contributions.map((x) => x.amountGbp)])).toEqual([[60000, [35000, 25000]]]);
		expect((await scenarios.addAction(db, TEST_ACTOR, P, copy.id, copy.version, { type: 'close', siteRef: 'lib-hale' })).actions).toHaveLength(4);
	});

	it('(a) St Albans: 200 m² into Sale Waterside fits its spare space; vacating Sale Community Hub saves £34,600 a year against £288,200 one-off', async () => {
		const r = await evaluate('st-albans');
		const hub = r.colocation.find((h) => h.hubRef === 'co-sale-waterside')!;
		// Citizens Advice 60 m² + CVS 100 m² + college outreach 40 m² = 200 m², less 10 % shared = 180 m².
		expect(hub).toMatchObject({ incomingSpaceM2: 200, sharedSpaceSavingM2: 20, shortfallM2: 0, fits: true });
		// Vacant: 12,298 m² × (1 − 0.85) = 1,844.7 m² (estimated).
		expect(hub.vacantM2).toBeCloseTo(1844.7, 6);
		const a = r.appraisal;
		// Sale Community Hub: typical 400 m² × £100/m² = £40,000 a year; its space in Waterside 180 m² × £30 = £5,400.
		expect(a.annualRunningSavingGbp).toBe(40000);
		expect(a.extraHubRunningCostGbp).toBeCloseTo(5400, 6);
		expect(a.annualCashableSavingGbp).toBeCloseTo(34600, 6);
		expect(a.annualNonCashableSavingGbp).toBe(0);
		// One-off: refurbish 180 m² × £750 = £135,000; 1 move £5,000; dilapidations 400 m² × £50 = £20,000;
		// ICT 1 hub £25,000; optimism bias 24 % × (135,000 + 20,000 + 25,000) = £43,200; pilot £60,000.
		expect(a.oneOff).toMatchObject({ fitOutGbp: 135000, movesGbp: 5000, dilapidationsGbp: 20000, ictGbp: 25000, pilotGbp: 60000 });
		expect(a.oneOff.optimismBiasGbp).toBeCloseTo(43200, 6);
		expect(a.oneOff.totalGbp).toBeCloseTo(288200, 6);
		// NPV: −288,200 + 34,600 × 8.316605 = −£445.
		expect(a.npvCashableGbp).toBeCloseTo(-288200 + 34600 * ANNUITY_10Y, 4);
		expect(Math.round(a.npvCashableGbp)).toBe(-445);
		expect(a.paybackYearCashable).toBe(9);
		// The Local Strategic Partnership occupies nothing and pays £25,000 of the pilot.
		const lsp = a.partnerShares.find((p) => p.name.startsWith('Trafford Partnership'))!;
		expect(lsp).toMatchObject({ annualSavingGbp: 0, oneOffCostGbp: 25000 });
	});

	it('(b) Post Office: five branches take 200 council transactions a week over their counters; the town hall stays open for its staff', async () => {
		const r = await evaluate('post-office');
		expect(r.colocation.filter((h) => h.hubRef.startsWith('po-'))).toHaveLength(5);
		expect(r.colocation.every((h) => h.incomingSpaceM2 === 0 && h.fits && h.fitOutCostGbp === 0)).toBe(true);
		const a = r.appraisal;
		// Staff time: 5 × 40 a week × 52 × £8.62 (Socitm 2011 face to face) = £89,648 (non-cashable).
		expect(a.annualStaffTimeSavingGbp).toBeCloseTo(89648, 6);
		// Post Office fees: 5 × 40 × 52 × £1 = £10,400, a cash cost; the town hall keeps its staff, so nothing is vacated.
		expect(a.postOfficeFeesGbp).toBeCloseTo(10400, 6);
		expect(a.vacatedSites).toEqual([]);
		expect(a.annualCashableSavingGbp).toBeCloseTo(-10400, 6);
		expect(a.oneOff.totalGbp).toBe(0);
		expect(a.npvCashableGbp).toBeCloseTo(-10400 * ANNUITY_10Y, 4);
		expect(Math.round(a.npvCashableGbp)).toBe(-86493);
		expect(Math.round(a.npvGbp)).toBe(Math.round(79248 * ANNUITY_10Y));
	});

	it('(c) Birmingham: three retained buildings take in four services with room to spare; four buildings vacated save £242,450 a year', async () => {
		const r = await evaluate('birmingham');
		const fit = Object.fromEntries(r.colocation.map((h) => [h.hubRef, h]));
		// Community hub 100 m² into each library; jobcentre 300 m² + probation 150 m² into the town hall.
		expect(fit['lib-urmston']).toMatchObject({ incomingSpaceM2: 100, shortfallM2: 0, fits: true });
		expect(fit['lib-stretford']).toMatchObject({ incomingSpaceM2: 100, shortfallM2: 0, fits: true });
		expect(fit['co-trafford-town-hall']).toMatchObject({ incomingSpaceM2: 450, shortfallM2: 0, fits: true });
		const a = r.appraisal;
		// Vacated (typical sizes × £100/m²): hubs 2 × £40,000, jobcentre £100,000, probation £80,000.
		expect(a.vacatedSites.map((v) => v.siteRef).sort()).toEqual(['hub-stretford', 'hub-urmston', 'jcp-stretford', 'prob-trafford']);
		expect(a.annualRunningSavingGbp).toBe(260000);
		// Space taken after 10 % sharing: 90 + 90 + 405 = 585 m² × £30 = £17,550.
		expect(a.extraHubRunningCostGbp).toBeCloseTo(17550, 6);
		expect(a.annualCashableSavingGbp).toBeCloseTo(242450, 6);
		// One-off: 585 m² × £750 = £438,750; 4 moves £20,000; dilapidations (400 + 400 + 1,000 + 800) m² × £50 = £130,000;
		// ICT 3 × £25,000; optimism bias 24 % × 643,750 = £154,500; total £818,250.
		expect(a.oneOff).toMatchObject({ fitOutGbp: 438750, movesGbp: 20000, dilapidationsGbp: 130000, ictGbp: 75000 });
		expect(a.oneOff.totalGbp).toBeCloseTo(818250, 6);
		expect(a.npvCashableGbp).toBeCloseTo(-818250 + 242450 * ANNUITY_10Y, 4);
		expect(Math.round(a.npvCashableGbp)).toBe(1198111);
		expect(a.paybackYearCashable).toBe(4);
	});

	it('are built only from actions a user can take: every example saves and evaluates through the normal checks', async () => {
		for (const example of EXAMPLES) await expect(scenarios.create(db, TEST_ACTOR, P, { name: 'check', actions: example.actions })).resolves.toMatchObject({ name: 'check' });
		expect((await db.select().from(t.organisation)).filter((o) => o.kind === 'strategic_partnership')).toHaveLength(1);
	});
});
