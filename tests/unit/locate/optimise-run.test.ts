import highsLoader from 'highs';
import { describe, expect, it } from 'vitest';
import type { EngineData, SiteInput, ZoneInput } from '../../../src/lib/engine/types';
import type { WorkerMessage } from '../../../src/lib/optimise/protocol';
import { answerPlan } from '../../../src/lib/optimise/to-scenario';
import { describeAction } from '../../../src/lib/workspace/changes';
import { defaultParameters, evaluateScenario } from '../../../src/lib/engine';
import { runOptimisation } from '../../../src/lib/optimise/run';
import { validateForm, type OptimiseForm } from '../../../src/routes/optimise/form';
import { packData } from '../engine/fixtures';

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

describe('runOptimisation', async () => {
	it('picks the hub nearest most residents, reports each hub’s catchment, and proves it optimal', async () => {
		const messages: WorkerMessage[] = [];
		const answer = await runOptimisation(estate(), { ...base, goal: { kind: 'median', k: 1 } }, (m) => messages.push(m));
		expect(answer.hubs.map((h) => h.ref)).toEqual(['lib-middle']);
		expect(answer.hubs[0].servedWeight).toBe(6000);
		expect(answer.notChosen).toEqual(['lib-west', 'lib-east']);
		expect(answer.gap).toBe(0);
		expect(answer.boundSource).toBe('lagrangian');
		// The Lagrangian bound proves the first start optimal, so the search stops there.
		expect(messages.filter((m) => m.type === 'progress' && m.phase === 'search')).toHaveLength(1);
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

	it('asks HiGHS only while the Lagrangian bound leaves a gap, reporting its progress phases', async () => {
		const phases: string[] = [];
		const record = (m: WorkerMessage) => phases.push(m.type === 'progress' ? m.phase : m.type);
		const covered = await runOptimisation(estate(), { ...base, exactTimeLimitS: 10, goal: { kind: 'coverage', k: 2, thresholdCost: 1000 } }, record, () => highsLoader());
		expect(covered).toMatchObject({ gap: 0, boundSource: 'lagrangian', exact: null });
		expect(covered.hubs.map((h) => h.ref).sort()).toEqual(['lib-east', 'lib-middle']);
		expect(phases).toEqual(['search']);
		// Trafford's libraries with capacities: the capacitated bound leaves a gap (about 1 %), so HiGHS runs and closes it.
		phases.length = 0;
		const capped = await runOptimisation(
			await packData('trafford'),
			{ ...base, capacity: { basis: 'floor_area', residentsPerM2: 50 }, exactTimeLimitS: 30, goal: { kind: 'median', k: 5, capacitated: true } },
			record,
			() => highsLoader()
		);
		expect(phases).toEqual(expect.arrayContaining(['search', 'bound', 'exact']));
		expect(capped.lagrangian!.bound).toBeLessThan(capped.objective * (1 - 1e-4));
		expect(capped).toMatchObject({ boundSource: 'highs', exact: { status: 'optimal', improvedSearch: false } });
		expect(capped.gap).toBeLessThan(1e-6);
	}, 60_000);

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
		expect(answer).toMatchObject({ gap: 0, boundSource: 'lagrangian', exact: null });
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
		const capped = await runOptimisation(sized, { ...base, capacity: { basis: 'floor_area', residentsPerM2: 30 }, exactTimeLimitS: 10, goal }, () => {}, () => highsLoader());
		expect(capped.hubs.map((h) => [h.ref, h.servedWeight, h.capacityResidents])).toEqual([
			['lib-east', 3000, 3000],
			['lib-middle', 3000, 3000]
		]);
		expect(capped.capacity).toEqual({ basis: 'floor_area', residentsPerM2: 30 });
		// West's 1,000 now travel twice as far (on the great circle, a hair less than twice).
		expect(capped.meanDistanceM! / free.meanDistanceM!).toBeCloseTo(2, 5);
		// The capacitated Lagrangian bound proves it, so HiGHS is not asked.
		expect(capped).toMatchObject({ gap: 0, boundSource: 'lagrangian', exact: null });
		await expect(runOptimisation(sized, { ...base, capacity: { basis: 'floor_area', residentsPerM2: 20 }, goal }, () => {})).rejects.toThrow(
			'No 2 hubs can hold the demand: the largest 2 that may be chosen hold 4,000 in all, but the demand is 6,000.'
		);
		await expect(runOptimisation(sized, { ...base, goal }, () => {})).rejects.toThrow('Hub capacities need both');
	});

	it('limits each hub to its visit capacity per week, sending the visits that do not fit to the next hub', async () => {
		// Each library's catchment is its own town, so each town brings its library's visits: west 200, middle 300, east 200.
		const visited = estate();
		const figures: Record<string, [number, number]> = { 'lib-west': [200, 100], 'lib-middle': [300, 300], 'lib-east': [200, 450] };
		for (const site of visited.sites.slice(0, 3)) {
			[site.services[0].visitsPerWeek, site.visitCapacityPerWeek] = figures[site.ref];
		}
		const goal = { kind: 'median' as const, k: 2, capacitated: true };
		const free = await runOptimisation(visited, { ...base, goal: { kind: 'median', k: 2 } }, () => {});
		expect(free.hubs.map((h) => [h.ref, h.servedWeight])).toEqual([['lib-east', 2000], ['lib-middle', 4000]]);
		// The middle library is full with its own town's 300 visits, so west's 200 go on to east (200 + 200 ≤ 450).
		// No other pair can hold the 700 visits (west + middle 400, west + east 550).
		const capped = await runOptimisation(visited, { ...base, capacity: { basis: 'visits' }, exactTimeLimitS: 10, goal }, () => {}, () => highsLoader());
		expect(capped.hubs.map((h) => [h.ref, h.servedWeight, h.assignedVisitsPerWeek, h.capacityVisitsPerWeek])).toEqual([
			['lib-east', 3000, 400, 450],
			['lib-middle', 3000, 300, 300]
		]);
		expect(capped.hubs.every((h) => h.capacityResidents === null && h.assignedResidents === null)).toBe(true);
		expect(capped.capacity).toEqual({ basis: 'visits' });
		// West's 1,000 residents now travel twice as far.
		expect(capped.meanDistanceM! / free.meanDistanceM!).toBeCloseTo(2, 5);
		expect(capped.gap).toBe(0);
		await expect(runOptimisation(visited, { ...base, capacity: { basis: 'visits' }, goal: { ...goal, k: 1 } }, () => {})).rejects.toThrow(
			'No 1 hubs can hold the demand: the largest 1 that may be chosen hold 450 in all, but the demand is 700.'
		);
	});

	it('refuses visit capacities without visit figures for the service, or for a candidate that may be chosen', async () => {
		const goal = { kind: 'median' as const, k: 2, capacitated: true };
		await expect(runOptimisation(estate(), { ...base, capacity: { basis: 'visits' }, goal }, () => {})).rejects.toThrow(
			'The service "library" has no visit figures: none of its 3 current sites records visits per week. Import them (an estimate is fine) or limit hubs by floor area.'
		);
		const visited = estate();
		for (const site of visited.sites) site.services[0].visitsPerWeek = 100;
		visited.sites[0].visitCapacityPerWeek = 500;
		await expect(runOptimisation(visited, { ...base, capacity: { basis: 'visits' }, goal }, () => {})).rejects.toThrow(
			'No visit capacity per week is recorded for 2 candidate buildings: lib-middle (lib-middle), lib-east (lib-east). Record one (an estimate is fine) or mark them must-not-choose.'
		);
		const answer = await runOptimisation(visited, { ...base, mustClose: ['lib-middle', 'lib-east'], capacity: { basis: 'visits' }, goal: { ...goal, k: 1 } }, () => {});
		expect(answer.hubs.map((h) => [h.ref, h.assignedVisitsPerWeek, h.capacityVisitsPerWeek])).toEqual([['lib-west', 300, 500]]);
	});

	it('reports no total running cost when a chosen hub has none recorded', async () => {
		const answer = await runOptimisation(estate(), { ...base, goal: { kind: 'median', k: 1 } }, () => {});
		expect(answer.annualRunningCostGbp).toBeNull();
		expect(answer.hubs[0].annualRunningCostGbp).toBeNull();
	});

	describe('over an imported travel-time matrix', async () => {
		/**
		 * Minutes from each town to the west and middle libraries; the middle one is congested and
		 * has no route from the east. The east library is not in the matrix, so the engine estimates
		 * its times at the matrix's median straight-line speed: 6.6 km in 20 minutes, so west → east
		 * (13.3 km) ≈ 40, middle → east ≈ 20, east → east 0.
		 */
		function timed(): EngineData {
			return {
				...estate(),
				matrix: { mode: 'public_transport', zoneCodes: ['west', 'middle', 'east'], siteRefs: ['lib-west', 'lib-middle'], minutes: [2, 20, 10, 25, 20, -1] }
			};
		}

		it('chooses by minutes, not metres, and says what was estimated', async () => {
			const messages: WorkerMessage[] = [];
			const one = await runOptimisation(timed(), { ...base, distanceMode: 'matrix', goal: { kind: 'median', k: 1 } }, (m) => messages.push(m));
			// Straight-line, the middle library is best (see above); by time, the west one: 1,000 × 2 + 3,000 × 10 + 2,000 × 20.
			expect(one.hubs.map((h) => h.ref)).toEqual(['lib-west']);
			expect(one.objective).toBe(72_000);
			expect(one).toMatchObject({ meanMinutes: 12, meanDistanceM: null, gap: 0 });
			expect(one.hubs[0]).toMatchObject({ meanMinutes: 12, meanDistanceM: null });
			expect(one.distance).toEqual({
				mode: 'matrix', unit: 'min', circuity: null, matrixMode: 'public_transport', estimatedPairs: 3, noRoutePairs: 1, noRouteMinutes: expect.closeTo(80, 1)
			});
			expect(messages.find((m) => m.type === 'progress' && m.phase === 'search')).toMatchObject({ bestMeanDistanceM: null, bestMeanMinutes: 12 });
			// Two hubs: the estimated east library serves its own town in 0 minutes, and the middle town goes west (10 < ≈ 20).
			const two = await runOptimisation(timed(), { ...base, distanceMode: 'matrix', exactTimeLimitS: 10, goal: { kind: 'median', k: 2 } }, () => {}, () => highsLoader());
			expect(two.hubs.map((h) => [h.ref, h.servedWeight])).toEqual([['lib-east', 2000], ['lib-west', 4000]]);
			expect(two.objective).toBeCloseTo(32_000, 6);
			expect(two).toMatchObject({ gap: 0, boundSource: 'lagrangian' });
		});

		it('takes the coverage threshold in minutes and never counts a pair with no route as within reach', async () => {
			const goal = { kind: 'coverage' as const, k: 1, thresholdCost: 15 };
			const answer = await runOptimisation(timed(), { ...base, distanceMode: 'matrix', goal }, () => {});
			expect(answer.hubs.map((h) => h.ref)).toEqual(['lib-west']);
			expect(answer.coveredShare).toBeCloseTo(4000 / 6000, 12);
			await expect(
				runOptimisation(timed(), { ...base, distanceMode: 'matrix', goal: { ...goal, thresholdCost: 100 } }, () => {})
			).rejects.toThrow(/A threshold of 100 minutes would count the 1 zone–building pairs with no route .* as within reach; give a threshold below 79\.\d+ minutes/);
		});

		it('refuses matrix mode when no matrix has been imported', async () => {
			await expect(runOptimisation(estate(), { ...base, distanceMode: 'matrix', goal: { kind: 'median', k: 1 } }, () => {})).rejects.toThrow(
				"Distance mode 'matrix' needs an imported travel-time matrix, and none has been imported"
			);
		});
	});

	it('turns an answer into a scenario that gives the chosen buildings the service and closes only emptied ones, as previewed', async () => {
		// Candidates: libraries and the jobcentre building, which also hosts a library counter.
		const data = estate();
		data.sites[3].services.push({ service: 'library', visitsPerWeek: null, spaceM2: null, staffFte: null });
		data.sites.push({ ...data.sites[0], ref: 'office-east', name: 'office-east', kind: 'council_office', lon: -2.2, services: [{ service: 'council_office', visitsPerWeek: null, spaceM2: null, staffFte: null }] });
		const answer = { hubs: [{ ref: 'lib-middle' }, { ref: 'office-east' }] } as Parameters<typeof answerPlan>[0];
		const names = { site: (ref: string) => `Site ${ref}`, service: (code: string) => code };
		const plan = answerPlan(answer, 'library', data.sites, names);
		expect(plan.actions).toEqual([
			{ type: 'hub', siteRef: 'lib-middle' },
			{ type: 'add_service', siteRef: 'office-east', service: 'library' },
			{ type: 'close', siteRef: 'lib-west' },
			{ type: 'close', siteRef: 'lib-east' },
			{ type: 'withdraw_service', siteRef: 'jcp-middle', service: 'library' }
		]);
		// What the preview lists is, line for line, what is saved.
		expect(plan.preview).toEqual(plan.actions.map((a) => describeAction(a, names)));
		expect(plan.preview[1]).toBe('Add library at Site office-east');
		// And the saved scenario does what it says: the chosen buildings serve the library, the
		// jobcentre stays open, and only the libraries that held nothing else are vacated.
		const r = evaluateScenario(data, plan.actions, defaultParameters());
		expect(r.appraisal.vacatedSites.map((v) => v.siteRef)).toEqual(['lib-west', 'lib-east']);
		const library = r.zoneAccess.find((z) => z.service === 'library')!;
		expect(library.after.every((m) => m !== null)).toBe(true);
		expect(r.footfall.flows.map((f) => f.toSiteRef).filter(Boolean).every((ref) => ref === 'lib-middle' || ref === 'office-east')).toBe(true);
		// The chosen building already offering the library costs nothing.
		expect(r.colocation.find((h) => h.hubRef === 'lib-middle')).toMatchObject({ incomingSpaceM2: 0, fitOutCostGbp: 0 });
	});
});

describe('validateForm', async () => {
	const form: OptimiseForm = {
		service: 'library', candidateMode: 'offering', kinds: [], goal: 'median', k: 3, capacity: false, capacityBasis: 'floor_area', residentsPerM2: null,
		distanceMode: 'straight', circuity: 1.3, thresholdM: 1609, thresholdMin: 15, targetPercent: 90, groups: [], seed: 1, starts: 64, prove: false, timeLimitS: 30
	};
	it('accepts the defaults', async () => {
		expect(validateForm(form, { candidateCount: 13, mustKeep: 0, mustClose: 0 })).toEqual({});
	});
	it('quotes the numbers when k does not fit the candidates', async () => {
		expect(validateForm({ ...form, k: 12 }, { candidateCount: 13, mustKeep: 0, mustClose: 2 }).k).toBe(
			'k = 12 is more than the 11 candidate buildings that may be chosen (2 are must-close).'
		);
		expect(validateForm({ ...form, k: 1 }, { candidateCount: 13, mustKeep: 2, mustClose: 0 }).k).toBe('k = 1 is fewer than the 2 must-keep buildings.');
	});
	it('checks the threshold and target only for the goals that use them', async () => {
		expect(validateForm({ ...form, thresholdM: 0 }, { candidateCount: 13, mustKeep: 0, mustClose: 0 })).toEqual({});
		const errors = validateForm({ ...form, goal: 'fewest', thresholdM: 0, targetPercent: 120, k: 99 }, { candidateCount: 13, mustKeep: 0, mustClose: 0 });
		expect(Object.keys(errors).sort()).toEqual(['targetPercent', 'thresholdM']);
		const cheapest = validateForm({ ...form, goal: 'cheapest', targetPercent: 0, k: 99 }, { candidateCount: 13, mustKeep: 0, mustClose: 0 });
		expect(Object.keys(cheapest)).toEqual(['targetPercent']);
	});
	it('asks for residents per m² only when least travel is limited by capacity', async () => {
		const counts = { candidateCount: 13, mustKeep: 0, mustClose: 0 };
		expect(validateForm({ ...form, capacity: true }, counts).residentsPerM2).toBe(
			'Enter the residents one m² of floor area can serve, a number above 0 (you entered nothing).'
		);
		expect(validateForm({ ...form, capacity: true, residentsPerM2: 50 }, counts)).toEqual({});
		expect(validateForm({ ...form, goal: 'coverage', capacity: true }, counts)).toEqual({});
	});
	it('asks for an imported matrix before matrix mode, checks the circuity, and takes the threshold in the mode’s unit', async () => {
		const counts = { candidateCount: 13, mustKeep: 0, mustClose: 0 };
		const coverage = { ...form, goal: 'coverage' as const, distanceMode: 'matrix' as const, thresholdM: 0 };
		expect(validateForm(coverage, counts).distanceMode).toBe(
			'No travel-time matrix has been imported. Import one on the Import & export page, or choose straight-line or road distance.'
		);
		// In matrix mode the metres are set aside and the minutes checked.
		expect(validateForm(coverage, { ...counts, hasMatrix: true })).toEqual({});
		expect(validateForm({ ...coverage, thresholdMin: -5 }, { ...counts, hasMatrix: true })).toEqual({ thresholdMin: 'Enter a time above 0 minutes (you entered -5).' });
		expect(validateForm({ ...form, distanceMode: 'road', circuity: 0.9 }, counts)).toEqual({ circuity: 'Enter a circuity of 1 or more (you entered 0.9).' });
	});
	it('asks for visit figures and capacities only when least travel is limited by visits per week', async () => {
		const counts = { candidateCount: 13, mustKeep: 0, mustClose: 0, serviceSites: 13, withoutVisits: [], withoutVisitCapacity: ['Hale Library', 'Sale Library', 'Stretford Library', 'Urmston Library'] };
		const visits = { ...form, capacity: true, capacityBasis: 'visits' as const };
		expect(validateForm(visits, counts)).toEqual({
			capacityBasis:
				'No visit capacity per week is recorded for 4 buildings: Hale Library, Sale Library, Stretford Library and 1 more. Import one on the Import & export page, mark them “must not choose”, or limit hubs by floor area.'
		});
		expect(validateForm(visits, { ...counts, withoutVisits: ['Hale Library'] }).capacityBasis).toBe(
			'No visits per week are recorded for this service at Hale Library. Import them on the Import & export page, or limit hubs by floor area.'
		);
		expect(validateForm(visits, { ...counts, serviceSites: 1, withoutVisits: ['Hale Library'] }).capacityBasis).toBe(
			'This service has no visit figures: none of its current buildings records visits per week. Import them on the Import & export page, or limit hubs by floor area.'
		);
		// Visits need no residents per m²; floor area ignores the visit figures.
		expect(validateForm(visits, { ...counts, withoutVisitCapacity: [] })).toEqual({});
		expect(Object.keys(validateForm({ ...visits, capacityBasis: 'floor_area' }, counts))).toEqual(['residentsPerM2']);
		expect(validateForm({ ...visits, capacity: false }, counts)).toEqual({});
	});
	it('names the buildings without a running cost when the goal is the cheapest hubs', async () => {
		const counts = { candidateCount: 13, mustKeep: 0, mustClose: 0, withoutRunningCost: ['Hale Library', 'Sale Library'] };
		expect(validateForm({ ...form, goal: 'cheapest' }, counts).goal).toBe(
			'No annual running cost is recorded for 2 buildings: Hale Library, Sale Library. Mark them “must not choose”, or choose another goal.'
		);
		expect(validateForm(form, counts)).toEqual({});
	});
});
