import { beforeAll, describe, expect, it } from 'vitest';
import { defaultParameters, evaluateScenario, type EngineData, type ZoneAccessDelta, type ZoneInput } from '$lib/engine';
import { DEMO_PARTNERSHIP_ID, ensureDemoData } from '$lib/server/seed';
import { loadEngineData } from '$lib/server/estate';
import { accessChanges, impactSummary, largestIncreases, zoneChangeByCode } from '$lib/workspace/impact';
import { openTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

const zone = (code: string, population: number, groups: ZoneInput['groups'] = {}): ZoneInput => ({
	code,
	lon: 0,
	lat: 0,
	population,
	groups,
	share65Plus: 0,
	imdDecile: null
});

const params = { ...defaultParameters(), thresholdsM: [1000, 3000] };

describe('accessChanges', async () => {
	const zones = [zone('A', 100, { age65: 10 }), zone('B', 200, { age65: 50 }), zone('C', 300, { age65: 0 })];

	it('counts people who leave each threshold, per group, and keeps gains apart', async () => {
		const delta: ZoneAccessDelta = { service: 'library', unit: 'm', before: [900, 2500, 4000], after: [1200, 3500, 2000] };
		const [change] = accessChanges(zones, [delta], params);
		expect(change.service).toBe('library');
		expect(change.zonesChanged).toBe(3);
		expect(change.thresholds[0]).toEqual({
			threshold: 1000,
			lost: { population: 100, groups: { age65: 10 } },
			gained: { population: 0, groups: { age65: 0 } }
		});
		// B leaves 3 km and C joins it: 200 lost and 300 gained, not a net gain of 100.
		expect(change.thresholds[1].lost).toEqual({ population: 200, groups: { age65: 50 } });
		expect(change.thresholds[1].gained).toEqual({ population: 300, groups: { age65: 0 } });
	});

	it('counts a zone left with no site offering the service as lost, and skips unchanged services', async () => {
		const gone: ZoneAccessDelta = { service: 'post_office', unit: 'm', before: [500, null, 500], after: [null, null, 500] };
		const same: ZoneAccessDelta = { service: 'library', unit: 'm', before: [1, 2, 3], after: [1, 2, 3] };
		const changes = accessChanges(zones, [same, gone], params);
		expect(changes.map((c) => c.service)).toEqual(['post_office']);
		expect(changes[0].thresholds[0].lost.population).toBe(100);
	});

	it('uses the minute thresholds for matrix results and leaves out groups the data lacks', async () => {
		const delta: ZoneAccessDelta = { service: 'gp', unit: 'min', before: [10, 10, 10], after: [20, 10, 10] };
		const [change] = accessChanges([zone('A', 5), zone('B', 5), zone('C', 5)], [delta], { ...params, thresholdsMin: [15] });
		expect(change.thresholds).toEqual([{ threshold: 15, lost: { population: 5, groups: {} }, gained: { population: 0, groups: {} } }]);
	});

	it('refuses zone arrays that do not line up with the zones', async () => {
		const delta: ZoneAccessDelta = { service: 'x', unit: 'm', before: [1], after: [2] };
		expect(() => accessChanges(zones, [delta], params)).toThrow(/1\/1 values for 3 zones/);
	});

	it('gives nothing for no zones', async () => {
		expect(accessChanges([], [{ service: 'x', unit: 'm', before: [], after: [] }], params)).toEqual([]);
	});
});

describe('zone changes for the map and its table', async () => {
	const delta: ZoneAccessDelta = { service: 'library', unit: 'm', before: [100, 200, null, 300], after: [150, 200, null, null] };
	const zones = [zone('A', 1), zone('B', 2), zone('C', 3), zone('D', 4)];

	it('gives after − before per zone and null where either side has no site', async () => {
		expect(zoneChangeByCode(zones, delta)).toEqual({ A: 50, B: 0, C: null, D: null });
	});

	it('ranks losing the service above any longer trip and leaves out unchanged zones', async () => {
		expect(largestIncreases(zones, delta, 10).map((r) => r.code)).toEqual(['D', 'A']);
		expect(largestIncreases(zones, delta, 1)).toEqual([{ code: 'D', population: 4, before: 300, after: null, change: null }]);
	});
});

describe('on the Trafford pack', async () => {
	let data: EngineData;
	beforeAll(async () => {
		const db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		data = await loadEngineData(db, DEMO_PARTNERSHIP_ID);
	});

	it('after closures only, the people lost equal the fall in the engine’s own coverage, in total and per group', async () => {
		const p = defaultParameters();
		const result = evaluateScenario(data, [{ type: 'close', siteRef: 'lib-hale' }, { type: 'close', siteRef: 'lib-woodsend' }], p);
		const library = accessChanges(data.zones, result.zoneAccess, p).find((c) => c.service === 'library')!;
		const engine = result.services.find((s) => s.service === 'library')!;
		expect(library.thresholds[0].lost.population).toBeGreaterThan(0);
		library.thresholds.forEach((t, i) => {
			expect(t.lost.population).toBeCloseTo(engine.baseline.coverage[i].population - engine.coverage[i].population, 6);
			expect(t.gained.population).toBe(0);
			expect(t.lost.groups.age65).toBeCloseTo(engine.baseline.groups.age65!.coverage[i].population - engine.groups.age65!.coverage[i].population, 6);
		});
		// Only libraries moved: no other service changes.
		expect(accessChanges(data.zones, result.zoneAccess, p).map((c) => c.service)).toEqual(['library']);
	});
});

describe('impactSummary', async () => {
	const words = { gbp: (v: number) => `£${v}`, count: String, threshold: (v: number) => `${v} m`, service: (c: string) => c };
	const appraisal = { annualCashableSavingGbp: 10, annualNonCashableSavingGbp: 4, oneOff: { totalGbp: 5 }, npvCashableGbp: 3, paybackYearCashable: 2 };

	it('names the money and the largest loss', async () => {
		const access = accessChanges([zone('A', 7), zone('B', 9)], [{ service: 'library', unit: 'm', before: [1, 1], after: [5000, 5000] }], params);
		expect(impactSummary(appraisal, access, words)).toBe(
			'Annual cashable saving £10 (non-cashable £4), one-off cost £5, cashable NPV £3; pays back in year 2. 16 people no longer within 1000 m of library.'
		);
	});

	it('says so when nobody loses access and when it never pays back', async () => {
		expect(impactSummary({ ...appraisal, paybackYearCashable: null }, [], words)).toBe(
			'Annual cashable saving £10 (non-cashable £4), one-off cost £5, cashable NPV £3; does not pay back in the period. Nobody loses access within the thresholds.'
		);
	});
});

describe('the live summary and the access criteria', async () => {
	it('names each criterion the option newly fails, and only those', async () => {
		const words = { gbp: String, count: String, threshold: (v: number) => `${v} m`, service: (c: string) => c };
		const appraisal = { annualCashableSavingGbp: 0, annualNonCashableSavingGbp: 0, oneOff: { totalGbp: 0 }, npvCashableGbp: 0, paybackYearCashable: null };
		const criteria = [
			{ name: 'Post Office: 90 % of people within 1 mile', passBefore: true, passAfter: false },
			{ name: 'Already failing', passBefore: false, passAfter: false },
			{ name: 'Untestable', passBefore: null, passAfter: null }
		];
		expect(impactSummary(appraisal, [], words, criteria)).toMatch(/Newly fails Post Office: 90 % of people within 1 mile\.$/);
		expect(impactSummary(appraisal, [], words, criteria.slice(1))).not.toMatch(/fails/);
	});
});
