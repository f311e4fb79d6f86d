import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultParameters, evaluateScenario, haversineM, type EngineData, type ScenarioAction } from '$lib/engine';
import { isDisproportionate } from '$lib/engine/access/equality';
import { packData, site, zone } from './fixtures';

const MILE = 1609.344;

/** A pack CSV as rows of text, read straight from the file (not through the seed). */
function csvRows(file: string): Record<string, string>[] {
	const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
	const names = header.split(',');
	return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

/** Nearest straight-line metres from each zone to any site offering the service, by brute force over every pair. */
function allPairs(data: EngineData, service: string, closed: Set<string>): number[] {
	const open = data.sites.filter((s) => !closed.has(s.ref) && s.services.some((x) => x.service === service));
	return data.zones.map((z) => Math.min(...open.map((s) => haversineM(z.lon, z.lat, s.lon, s.lat))));
}

describe('equality impact on the Trafford pack, against an independent all-pairs count', async () => {
	let data: EngineData;
	const closed = ['po-7cd8974d', 'po-d5a0e405', 'po-b6ce0e31', 'po-83d0633f', 'po-25b4a8d2', 'po-bd4e50d0'];
	const actions: ScenarioAction[] = closed.map((siteRef) => ({ type: 'close', siteRef }));
	let lostZones: Map<number, boolean[]>;

	beforeAll(async () => {
		data = await packData('trafford');
		const before = allPairs(data, 'post_office', new Set());
		const after = allPairs(data, 'post_office', new Set(closed));
		lostZones = new Map([MILE, 3 * MILE].map((t) => [t, data.zones.map((_, z) => before[z] <= t && !(after[z] <= t))]));
	});

	it('counts each LSOA-level group losing reach exactly as a count over the CSV rows of the zones that lose it', async () => {
		const result = evaluateScenario(data, actions, defaultParameters(), { services: ['post_office'] });
		const rows = new Map(csvRows('data/trafford/zones_equality.csv').map((r) => [r.code, r]));
		const checks: [string, string, string, string][] = [
			['sex', 'female', 'c21_female', 'c21_sex_base'],
			['ethnicity', 'black', 'c21_eth_black', 'c21_eth_base'],
			['religion', 'muslim', 'c21_rel_muslim', 'c21_rel_base'],
			['partnership', 'married', 'c21_married_cp', 'c21_partnership_base'],
			['english', 'poor', 'c21_eng_poor', 'c21_eng_base'],
			['carers', 'any', 'c21_carers', 'c21_carer_base']
		];
		for (const [characteristic, group, column, baseColumn] of checks) {
			const figure = result.equality.find((e) => e.characteristic === characteristic && e.group === group)!;
			expect(figure, `${characteristic}.${group}`).toBeDefined();
			const count = (col: string, mask?: boolean[]) =>
				data.zones.reduce((sum, z, i) => sum + (mask && !mask[i] ? 0 : Number(rows.get(z.code)![col])), 0);
			expect(figure.population).toBe(count(column));
			figure.lost.forEach((l) => {
				const mask = lostZones.get(l.thresholdM!)!;
				expect(l.people, `${characteristic}.${group} within ${l.thresholdLabel}`).toBe(count(column, mask));
				const lostBase = count(baseColumn, mask);
				expect(l.shareOfLost).toBeCloseTo(lostBase > 0 ? count(column, mask) / lostBase : 0, 12);
				expect(l.shareOfPopulation).toBeCloseTo(count(column) / count(baseColumn), 12);
			});
		}
		// Six closures put someone beyond 1 mile: the test means something.
		expect(result.equality.find((e) => e.group === 'female')!.lost[0].people).toBeGreaterThan(1000);
	});

	it('counts sexual orientation at MSOA level: each MSOA’s count × the share of its residents aged 16+ losing reach', async () => {
		const result = evaluateScenario(data, actions, defaultParameters(), { services: ['post_office'] });
		const zonesCsv = csvRows('data/trafford/zones_equality.csv');
		const msoas = csvRows('data/trafford/msoa_equality.csv');
		const index = new Map(data.zones.map((z, i) => [z.code, i]));
		const figure = result.equality.find((e) => e.characteristic === 'sexualOrientation' && e.group === 'lgbPlus')!;
		expect(figure.source).toMatch(/MSOA/);
		const mask = lostZones.get(MILE)!;
		let expected = 0;
		for (const msoa of msoas) {
			const members = zonesCsv.filter((r) => r.msoa21_code === msoa.msoa21_code);
			const adults = members.reduce((s, r) => s + Number(r.c21_partnership_base), 0);
			const adultsLost = members.reduce((s, r) => s + (mask[index.get(r.code)!] ? Number(r.c21_partnership_base) : 0), 0);
			expected += (Number(msoa.c21_so_lgb_plus) * adultsLost) / adults;
		}
		expect(figure.lost[0].people).toBeCloseTo(expected, 6);
		expect(figure.population).toBeCloseTo(msoas.reduce((s, m) => s + Number(m.c21_so_lgb_plus), 0), 6);
	});

	it('says pregnancy and maternity are not in the Census rather than leave them out', async () => {
		const result = evaluateScenario(data, actions, defaultParameters(), { services: ['post_office'] });
		expect(result.equalityGaps.map((g) => g.label)).toEqual(['Pregnancy and maternity']);
		expect(result.equalityGaps[0].reason).toMatch(/Census does not ask/);
	});

	it('reports nothing for today’s estate: no one loses or gains', async () => {
		expect(evaluateScenario(data, [], defaultParameters()).equality).toEqual([]);
	});
});

describe('the Post Office criteria on today’s Trafford estate', async () => {
	it('97.5 % within 1 mile passes 90 %, and 100 % within 3 miles passes 99 %', async () => {
		const data = await packData('trafford');
		const result = evaluateScenario(data, [], defaultParameters(), { services: ['post_office'] });
		const oneMile = result.criteria.find((c) => c.id === 'po-1-mile')!;
		const threeMiles = result.criteria.find((c) => c.id === 'po-3-miles')!;
		expect(oneMile.before).toBeCloseTo(0.97516, 5);
		expect(oneMile).toMatchObject({ thresholdM: MILE, thresholdLabel: '1 mile', targetShare: 0.9, passBefore: true, passAfter: true });
		expect(threeMiles).toMatchObject({ before: 1, after: 1, thresholdLabel: '3 miles', targetShare: 0.99, passBefore: true, passAfter: true });
		// Brute force: the share of residents within a mile of any post office.
		const near = allPairs(data, 'post_office', new Set());
		const total = data.zones.reduce((s, z) => s + z.population, 0);
		expect(oneMile.before).toBeCloseTo(data.zones.reduce((s, z, i) => s + (near[i] <= MILE ? z.population : 0), 0) / total, 12);
	});

	it('cannot test the urban criterion without a rural–urban classification, and says so', async () => {
		const result = evaluateScenario(await packData('trafford'), [], defaultParameters(), { services: ['post_office'] });
		const urban = result.criteria.find((c) => c.id === 'po-urban-1-mile')!;
		expect(urban).toMatchObject({ before: null, after: null, passBefore: null, passAfter: null });
		expect(urban.note).toMatch(/no rural–urban classification/);
	});

	it('tests DWP’s 3 miles alone without a public-transport matrix, and says the 20-minute leg needs one', async () => {
		const result = evaluateScenario(await packData('trafford'), [], defaultParameters(), { services: ['jobcentre'] });
		const dwp = result.criteria.find((c) => c.id === 'dwp-jobcentre')!;
		expect(dwp.thresholdLabel).toBe('3 miles or 20 minutes by public transport');
		expect(dwp.note).toMatch(/20-minute leg needs an imported public-transport travel-time matrix/);
		expect(dwp.before).toBeGreaterThan(0);
	});
});

describe('Greater Manchester carries fewer groups', async () => {
	it('names what is missing: White British, sexual orientation, gender identity, car access', async () => {
		const result = evaluateScenario(await packData('greater-manchester'), [], defaultParameters(), { services: ['library'] });
		const labels = result.equalityGaps.map((g) => g.label);
		expect(labels).toEqual(
			expect.arrayContaining([
				'Race (ethnic group): White British (English, Welsh, Scottish, Northern Irish or British)',
				'Sexual orientation',
				'Gender reassignment (gender identity)',
				'Car access',
				'Pregnancy and maternity'
			])
		);
	});
});

describe('equality on a small estate', async () => {
	const counts = (female: number, male: number) => ({ 'sex.base': female + male, 'sex.female': female, 'sex.male': male });
	const data: EngineData = {
		zones: [
			zone('near', 0, 0, 100, { equality: counts(50, 50) }),
			zone('far', 0.02, 0, 100, { equality: counts(90, 10) }),
			zone('east', 0.06, 0, 100, { equality: counts(50, 50) })
		],
		sites: [site('a', 0.001, 0, ['library']), site('b', 0.021, 0, ['library'])],
		organisations: []
	};

	it('flags a group over-represented among those losing reach, counts gains and the net', async () => {
		const add: ScenarioAction = {
			type: 'add',
			site: { ref: 'new', name: 'New', kind: 'library', lon: 0.06, lat: 0, giaM2: null, annualRunningCostGbp: null, services: [{ service: 'library', visitsPerWeek: null, spaceM2: null, staffFte: null }] }
		};
		const result = evaluateScenario(data, [{ type: 'close', siteRef: 'b' }, add], defaultParameters(), { services: ['library'] });
		const female = result.equality.find((e) => e.group === 'female')!;
		const oneMile = female.lost[0];
		// "far" (90 women, 10 men) is 1.1 km from a and loses b; "east" gains the new site.
		// Women are 90 % of those losing reach against 63 % of residents: 1.42 × their share.
		expect(oneMile).toMatchObject({ people: 90, gained: 50, net: -40, shareOfLost: 0.9, disproportionate: true });
		expect(oneMile.shareOfPopulation).toBeCloseTo(190 / 300, 12);
		const male = result.equality.find((e) => e.group === 'male')!.lost[0];
		expect(male).toMatchObject({ people: 10, shareOfLost: 0.1, disproportionate: false });
	});

	it('applies the stated rule: at least the ratio × the population share, and at least the minimum people', async () => {
		const rule = { disproportionateRatio: 1.2, minPeople: 10 };
		expect(isDisproportionate(12, 0.6, 0.5, rule)).toBe(true);
		expect(isDisproportionate(12, 0.59, 0.5, rule)).toBe(false);
		expect(isDisproportionate(9, 0.9, 0.1, rule)).toBe(false);
		expect(isDisproportionate(0, 0, 0, { disproportionateRatio: 1.2, minPeople: 0 })).toBe(false);
	});

	it('uses the scenario’s own rule when it sets one', async () => {
		const params = { ...defaultParameters(), equality: { disproportionateRatio: 1.5, minPeople: 10 } };
		const looser = evaluateScenario(data, [{ type: 'close', siteRef: 'b' }], params, { services: ['library'] });
		// 1.42 × their share is below 1.5 ×.
		expect(looser.equality.find((e) => e.group === 'female')!.lost[0].disproportionate).toBe(false);
	});

	it('tests the partnership’s own criterion and reports a group the data lacks as untestable', async () => {
		const withCriteria: EngineData = {
			...data,
			criteria: [
				{ id: 'own-1', name: 'Libraries: 60 % of women within 1 mile', source: 'Set by the partnership', service: 'library', thresholdM: MILE, group: 'sex.female', targetShare: 0.6 },
				{ id: 'own-2', name: 'Libraries: carers', source: 'Set by the partnership', service: 'library', thresholdM: MILE, group: 'carers.any', targetShare: 0.5 }
			]
		};
		const result = evaluateScenario(withCriteria, [{ type: 'close', siteRef: 'b' }], defaultParameters(), { services: ['library'] });
		const women = result.criteria.find((c) => c.id === 'own-1')!;
		expect(women).toMatchObject({ before: 140 / 190, after: 50 / 190, passBefore: true, passAfter: false, groupLabel: 'Sex: Female' });
		expect(result.criteria.find((c) => c.id === 'own-2')).toMatchObject({ before: null, passAfter: null });
	});

	it('copes with no zones at all', async () => {
		const result = evaluateScenario({ zones: [], sites: data.sites, organisations: [] }, [{ type: 'close', siteRef: 'b' }], defaultParameters());
		expect(result.equality).toEqual([]);
		expect(result.criteria.every((c) => c.before === null || c.before === 0)).toBe(true);
	});
});

describe('DWP’s criterion with a public-transport matrix', async () => {
	// Three zones on a line; the far one is over 3 miles from the remaining jobcentre but 18 minutes away by bus.
	const data = (mode: string): EngineData => ({
		zones: [
			zone('a', 0, 0, 100, { equality: { 'sex.base': 100, 'sex.female': 50 } }),
			zone('b', 0.03, 0, 100, { equality: { 'sex.base': 100, 'sex.female': 50 } }),
			zone('c', 0.1, 0, 100, { equality: { 'sex.base': 100, 'sex.female': 80 } })
		],
		sites: [site('jc-west', 0, 0, ['jobcentre']), site('jc-east', 0.1, 0, ['jobcentre'])],
		organisations: [],
		matrix: { mode, zoneCodes: ['a', 'b', 'c'], siteRefs: ['jc-west', 'jc-east'], minutes: [5, 40, 12, 30, 18, 5] }
	});
	const closeEast: ScenarioAction[] = [{ type: 'close', siteRef: 'jc-east' }];

	it('counts people within 3 miles or 20 minutes, so the bus keeps the far zone within reach', async () => {
		const result = evaluateScenario(data('public_transport'), closeEast, defaultParameters(), { services: ['jobcentre'] });
		const dwp = result.criteria.find((c) => c.id === 'dwp-jobcentre')!;
		// c is 6.9 miles from jc-west but 18 minutes by public transport.
		expect(dwp).toMatchObject({ before: 1, after: 1, passAfter: true, note: expect.not.stringMatching(/needs an imported/) });
	});

	it('fails when the bus takes longer, and says when the matrix is not public transport', async () => {
		const slow = data('car');
		slow.matrix = { ...slow.matrix!, minutes: [5, 40, 12, 30, 25, 5] };
		const dwp = evaluateScenario(slow, closeEast, defaultParameters(), { services: ['jobcentre'] }).criteria.find((c) => c.id === 'dwp-jobcentre')!;
		expect(dwp).toMatchObject({ before: 1, after: 2 / 3, passBefore: true, passAfter: false });
		expect(dwp.note).toMatch(/matrix is by car, not public transport/);
	});

	it('reports equality in minutes in matrix mode', async () => {
		const params = { ...defaultParameters(), distance: { mode: 'matrix' as const, circuity: 1.3 } };
		const result = evaluateScenario(data('public_transport'), closeEast, params, { services: ['jobcentre'] });
		const female = result.equality.find((e) => e.group === 'female')!;
		// 15 minutes: c (5 → 18) loses reach; 30 minutes: no one does.
		expect(female.lost.map((l) => [l.thresholdMin, l.thresholdLabel, l.people])).toEqual([
			[15, '15 minutes', 80],
			[30, '30 minutes', 0]
		]);
	});
});
