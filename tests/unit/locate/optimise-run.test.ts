import highsLoader from 'highs';
import { describe, expect, it } from 'vitest';
import type { EngineData, SiteInput, ZoneInput } from '../../../src/lib/engine/types';
import { answerActions, type WorkerMessage } from '../../../src/lib/optimise/protocol';
import { runOptimisation } from '../../../src/lib/optimise/run';
import { validateForm, type OptimiseForm } from '../../../src/routes/optimise/form';

/** Three towns on a line of latitude; a library in each, and a jobcentre in the middle one. */
function estate(): EngineData {
	const zone = (code: string, lon: number, population: number): ZoneInput => ({
		code, lon, lat: 53.4, population, groups: { age65: population / 2 }, share65Plus: 0.5, imdDecile: 5
	});
	const site = (ref: string, lon: number, kind = 'library'): SiteInput => ({
		ref, name: ref, kind, lon, lat: 53.4, giaM2: null, desks: null, visitCapacityPerWeek: null,
		annualRunningCostGbp: null, organisationId: null,
		services: [{ service: kind, visitsPerWeek: null, spaceM2: null, staffFte: null }]
	});
	return {
		zones: [zone('west', -2.4, 1000), zone('middle', -2.3, 3000), zone('east', -2.2, 2000)],
		sites: [site('lib-west', -2.4), site('lib-middle', -2.3), site('lib-east', -2.2), site('jcp-middle', -2.3, 'jobcentre')],
		organisations: []
	};
}

const base = { service: 'library', mustKeep: [], mustClose: [], groupFactors: {}, seed: 1, starts: 4, exactTimeLimitS: null };

describe('runOptimisation', () => {
	it('picks the hub nearest most residents, reports each hub’s catchment, and proves it optimal', async () => {
		const messages: WorkerMessage[] = [];
		const answer = await runOptimisation(estate(), { ...base, goal: { kind: 'median', k: 1 } }, (m) => messages.push(m));
		expect(answer.hubs.map((h) => h.ref)).toEqual(['lib-middle']);
		expect(answer.hubs[0].servedWeight).toBe(6000);
		expect(answer.notChosen).toEqual(['lib-west', 'lib-east']);
		expect(answer.gap).toBe(0);
		expect(answer.boundSource).toBe('lagrangian');
		// Four starts, then four perturbation rounds.
		expect(messages.filter((m) => m.type === 'progress' && m.phase === 'search')).toHaveLength(8);
	});

	it('honours must-keep and must-close given as site refs, and rejects unknown refs', async () => {
		const answer = await runOptimisation(estate(), { ...base, mustKeep: ['lib-east'], mustClose: ['lib-middle'], goal: { kind: 'median', k: 2 } }, () => {});
		expect(answer.hubs.map((h) => h.ref).sort()).toEqual(['lib-east', 'lib-west']);
		await expect(runOptimisation(estate(), { ...base, mustKeep: ['jcp-middle'], goal: { kind: 'median', k: 1 } }, () => {})).rejects.toThrow(
			'Must-keep building "jcp-middle" is not among the 3 candidates.'
		);
	});

	it('weights groups: counting the over-65s twice moves demand but keeps totals honest', async () => {
		const answer = await runOptimisation(estate(), { ...base, groupFactors: { age65: 2 }, goal: { kind: 'coverage', k: 1, thresholdCost: 1000 } }, () => {});
		expect(answer.totalWeight).toBe(9000);
		expect(answer.coveredShare).toBeCloseTo(4500 / 9000, 12);
	});

	it('certifies with HiGHS when asked, reporting its progress phases', async () => {
		const phases: string[] = [];
		const answer = await runOptimisation(
			estate(),
			{ ...base, exactTimeLimitS: 10, goal: { kind: 'coverage', k: 2, thresholdCost: 1000 } },
			(m) => phases.push(m.type === 'progress' ? m.phase : m.type),
			() => highsLoader()
		);
		expect(phases).toContain('bound');
		expect(answer.exact).toMatchObject({ status: 'optimal', improvedSearch: false });
		expect(answer.boundSource).toBe('highs');
		expect(answer.gap).toBe(0);
		expect(answer.hubs.map((h) => h.ref).sort()).toEqual(['lib-east', 'lib-middle']);
	});

	it('finds the cheapest hubs for a coverage floor: two cheap outer libraries beat the dear middle one', async () => {
		const costs: Record<string, number> = { 'lib-west': 10_000, 'lib-middle': 50_000, 'lib-east': 20_000 };
		const costed = estate();
		for (const site of costed.sites) site.annualRunningCostGbp = costs[site.ref] ?? null;
		const messages: WorkerMessage[] = [];
		const goal = { kind: 'cheapest' as const, thresholdCost: 1000, targetShare: 0.5 };
		const answer = await runOptimisation(costed, { ...base, exactTimeLimitS: 10, goal }, (m) => messages.push(m), () => highsLoader());
		// West + east reach 3,000 of 6,000 residents (50 %) for £30,000; the middle alone costs £50,000.
		expect(answer.hubs.map((h) => h.ref).sort()).toEqual(['lib-east', 'lib-west']);
		expect(answer.objective).toBe(30_000);
		expect(answer.annualRunningCostGbp).toBe(30_000);
		expect(answer.hubs.find((h) => h.ref === 'lib-east')!.annualRunningCostGbp).toBe(20_000);
		expect(answer.coveredShare).toBeCloseTo(0.5, 12);
		expect(answer).toMatchObject({ gap: 0, boundSource: 'highs', exact: { status: 'optimal', improvedSearch: false } });
		const search = messages.filter((m) => m.type === 'progress' && m.phase === 'search');
		expect(search.at(-1)).toMatchObject({ bestAnnualCostGbp: 30_000, bestCoveredShare: 0.5, bestMeanDistanceM: null });
	});

	it('refuses the cheapest goal when a candidate has no running cost, naming it, unless it is must-close', async () => {
		const partly = estate();
		partly.sites[0].annualRunningCostGbp = 10_000;
		partly.sites[2].annualRunningCostGbp = 20_000;
		const goal = { kind: 'cheapest' as const, thresholdCost: 1000, targetShare: 0.3 };
		await expect(runOptimisation(partly, { ...base, goal }, () => {})).rejects.toThrow(
			'No annual running cost is recorded for 1 candidate building: lib-middle (lib-middle). Record one (an estimate is fine) or mark them must-not-choose.'
		);
		const answer = await runOptimisation(partly, { ...base, mustClose: ['lib-middle'], goal }, () => {});
		expect(answer.hubs.map((h) => h.ref)).toEqual(['lib-east']);
		expect(answer.annualRunningCostGbp).toBe(20_000);
	});

	it('limits each hub to its floor area × residents per m², sending the overflow to the next hub', async () => {
		const sized = estate();
		for (const site of sized.sites) site.giaM2 = 100;
		const goal = { kind: 'median' as const, k: 2, capacitated: true };
		const free = await runOptimisation(sized, { ...base, goal: { kind: 'median', k: 2 } }, () => {});
		// Uncapacitated, the middle library serves west and middle (4,000) and east serves its own 2,000.
		expect(free.hubs.map((h) => [h.ref, h.servedWeight])).toEqual([['lib-east', 2000], ['lib-middle', 4000]]);
		// At 30 residents per m² each holds 3,000: the middle library is full with its own town, so west's go to east.
		const capped = await runOptimisation(sized, { ...base, capacityResidentsPerM2: 30, exactTimeLimitS: 10, goal }, () => {}, () => highsLoader());
		expect(capped.hubs.map((h) => [h.ref, h.servedWeight, h.capacityResidents])).toEqual([
			['lib-east', 3000, 3000],
			['lib-middle', 3000, 3000]
		]);
		expect(capped.capacityResidentsPerM2).toBe(30);
		// West's 1,000 now travel twice as far (on the great circle, a hair less than twice).
		expect(capped.meanDistanceM / free.meanDistanceM).toBeCloseTo(2, 5);
		expect(capped).toMatchObject({ boundSource: 'highs', exact: { status: 'optimal', improvedSearch: false } });
		// HiGHS's bound carries its 1e-7 feasibility tolerance, so "optimal" here means a gap below 1e-6.
		expect(capped.gap).toBeLessThan(1e-6);
		await expect(runOptimisation(sized, { ...base, capacityResidentsPerM2: 20, goal }, () => {})).rejects.toThrow(
			'No 2 hubs can hold the demand: the largest 2 that may be chosen hold 4,000 in all, but the demand is 6,000.'
		);
		await expect(runOptimisation(sized, { ...base, goal }, () => {})).rejects.toThrow('Hub capacities need both');
	});

	it('reports no total running cost when a chosen hub has none recorded', async () => {
		const answer = await runOptimisation(estate(), { ...base, goal: { kind: 'median', k: 1 } }, () => {});
		expect(answer.annualRunningCostGbp).toBeNull();
		expect(answer.hubs[0].annualRunningCostGbp).toBeNull();
	});

	it('turns an answer into scenario actions: hubs, and closures of the rest when asked', async () => {
		const answer = await runOptimisation(estate(), { ...base, goal: { kind: 'median', k: 1 } }, () => {});
		expect(answerActions(answer, true)).toEqual([
			{ type: 'hub', siteRef: 'lib-middle' },
			{ type: 'close', siteRef: 'lib-west' },
			{ type: 'close', siteRef: 'lib-east' }
		]);
		expect(answerActions(answer, false)).toEqual([{ type: 'hub', siteRef: 'lib-middle' }]);
	});
});

describe('validateForm', () => {
	const form: OptimiseForm = {
		service: 'library', candidateMode: 'offering', kinds: [], goal: 'median', k: 3, capacity: false, residentsPerM2: null, thresholdM: 1609,
		targetPercent: 90, groups: [], seed: 1, starts: 64, prove: false, timeLimitS: 30
	};
	it('accepts the defaults', () => {
		expect(validateForm(form, { candidateCount: 13, mustKeep: 0, mustClose: 0 })).toEqual({});
	});
	it('quotes the numbers when k does not fit the candidates', () => {
		expect(validateForm({ ...form, k: 12 }, { candidateCount: 13, mustKeep: 0, mustClose: 2 }).k).toBe(
			'k = 12 is more than the 11 candidate buildings that may be chosen (2 are must-close).'
		);
		expect(validateForm({ ...form, k: 1 }, { candidateCount: 13, mustKeep: 2, mustClose: 0 }).k).toBe('k = 1 is fewer than the 2 must-keep buildings.');
	});
	it('checks the threshold and target only for the goals that use them', () => {
		expect(validateForm({ ...form, thresholdM: 0 }, { candidateCount: 13, mustKeep: 0, mustClose: 0 })).toEqual({});
		const errors = validateForm({ ...form, goal: 'fewest', thresholdM: 0, targetPercent: 120, k: 99 }, { candidateCount: 13, mustKeep: 0, mustClose: 0 });
		expect(Object.keys(errors).sort()).toEqual(['targetPercent', 'thresholdM']);
		const cheapest = validateForm({ ...form, goal: 'cheapest', targetPercent: 0, k: 99 }, { candidateCount: 13, mustKeep: 0, mustClose: 0 });
		expect(Object.keys(cheapest)).toEqual(['targetPercent']);
	});
	it('asks for residents per m² only when least travel is limited by capacity', () => {
		const counts = { candidateCount: 13, mustKeep: 0, mustClose: 0 };
		expect(validateForm({ ...form, capacity: true }, counts).residentsPerM2).toBe(
			'Enter the residents one m² of floor area can serve, a number above 0 (you entered nothing).'
		);
		expect(validateForm({ ...form, capacity: true, residentsPerM2: 50 }, counts)).toEqual({});
		expect(validateForm({ ...form, goal: 'coverage', capacity: true }, counts)).toEqual({});
	});
	it('names the buildings without a running cost when the goal is the cheapest hubs', () => {
		const counts = { candidateCount: 13, mustKeep: 0, mustClose: 0, withoutRunningCost: ['Hale Library', 'Sale Library'] };
		expect(validateForm({ ...form, goal: 'cheapest' }, counts).goal).toBe(
			'No annual running cost is recorded for 2 buildings: Hale Library, Sale Library. Mark them “must not choose”, or choose another goal.'
		);
		expect(validateForm(form, counts)).toEqual({});
	});
});
