import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultParameters, evaluateScenario, prepareEstate, validateActions } from '../../../src/lib/engine';
import type { EngineData, EvaluationResult, ScenarioAction } from '../../../src/lib/engine';
import { site, zone } from './fixtures';

/**
 * A town hall (council counter, 40 visits a week, and an office), a post office 88 m² in a shop,
 * a 600 m² library and a civic centre of 12,000 m² with a quarter empty.
 */
function townEstate(): EngineData {
	return {
		zones: [zone('z1', -2.3, 53.4, 2000, { imdDecile: 5 }), zone('z2', -2.2, 53.4, 2000, { imdDecile: 5 })],
		sites: [
			site('hall', -2.3, 53.401, ['council_customer_service', 'council_office'], {
				giaM2: 3000,
				annualRunningCostGbp: 300_000,
				organisationId: 'council',
				services: [
					{ service: 'council_customer_service', visitsPerWeek: 400, spaceM2: 80, staffFte: null },
					{ service: 'council_office', visitsPerWeek: null, spaceM2: 2000, staffFte: null }
				]
			}),
			site('po', -2.2, 53.401, ['post_office'], {
				giaM2: 88,
				annualRunningCostGbp: 8800,
				organisationId: 'post-office',
				services: [{ service: 'post_office', visitsPerWeek: 600, spaceM2: null, staffFte: null }]
			}),
			site('lib', -2.25, 53.41, ['library'], {
				giaM2: 600,
				annualRunningCostGbp: 60_000,
				organisationId: 'council',
				tenure: 'freehold',
				services: [{ service: 'library', visitsPerWeek: 500, spaceM2: null, staffFte: null }]
			}),
			site('civic', -2.26, 53.4, ['council_office'], {
				giaM2: 12_000,
				occupiedM2: 9000,
				annualRunningCostGbp: 1_200_000,
				organisationId: 'council',
				services: [{ service: 'council_office', visitsPerWeek: null, spaceM2: 9000, staffFte: null }]
			})
		],
		organisations: [
			{ id: 'council', name: 'Council' },
			{ id: 'post-office', name: 'Post Office Ltd' },
			{ id: 'lsp', name: 'Local Strategic Partnership' }
		]
	};
}

const params = () => {
	const p = defaultParameters();
	p.appraisal.periodYears = 5;
	return p;
};

describe('moving a library into a civic centre with room (Sale Library into Sale Waterside)', () => {
	const r = evaluateScenario(townEstate(), [{ type: 'move', fromSiteRef: 'lib', toSiteRef: 'civic', service: 'library' }], params());
	const hub = r.colocation[0];

	it('fits: the library’s 600 m² norm less 10 % shared goes into 3,000 m² vacant', async () => {
		expect(hub).toMatchObject({ vacantM2: 3000, incomingSpaceM2: 600, sharedSpaceSavingM2: 60, reconfiguredM2: 540, shortfallM2: 0, fits: true, extensionCostGbp: 0 });
		expect(hub.incoming[0].spaceBasis).toBe('estimated');
	});

	it('saves the library’s running cost and charges only the marginal cost of the space taken', async () => {
		// £60,000 saved; 540 m² × £30 = £16,200 added: £43,800 cashable a year.
		expect(r.appraisal.annualRunningSavingGbp).toBe(60_000);
		expect(r.appraisal.extraHubRunningCostGbp).toBeCloseTo(16_200, 9);
		expect(r.appraisal.annualCashableSavingGbp).toBeCloseTo(43_800, 9);
		// Library visits are never valued at council contact costs.
		expect(r.appraisal.annualNonCashableSavingGbp).toBe(0);
	});

	it('sells the freehold library, with a labelled receipt estimate', async () => {
		expect(r.appraisal.vacatedSites[0]).toMatchObject({ route: 'sell', routeBasis: 'default', receiptBasis: 'estimated', capitalReceiptGbp: 600 * 500 });
		expect(r.warnings.join(' ')).toMatch(/Capital receipts for lib are estimates/);
	});
});

describe('a council counter at a post office (Post Office as front office)', () => {
	const actions: ScenarioAction[] = [
		{ type: 'add_service', siteRef: 'po', service: 'council_customer_service', visitsPerWeek: 100 },
		{ type: 'withdraw_service', siteRef: 'hall', service: 'council_customer_service' }
	];
	const r = evaluateScenario(townEstate(), actions, params());

	it('needs no space: transactions go over the existing counters', async () => {
		expect(r.colocation.map((h) => [h.hubRef, h.incomingSpaceM2, h.shortfallM2, h.fitOutCostGbp])).toEqual([['po', 0, 0, 0]]);
		expect(r.appraisal.oneOff.ictGbp).toBe(0);
	});

	it('keeps the town hall open, and sends the counter’s visits to the post office less channel shift', async () => {
		expect(r.appraisal.vacatedSites).toEqual([]);
		// The hall's 400 visits come from z1 (its catchment, decile 5, nobody 65+): σ = 0.1 → 40 to
		// phone and web, 360 to the post office, the nearest counter left.
		expect(r.footfall.flows).toEqual([{ fromSiteRef: 'hall', toSiteRef: 'po', service: 'council_customer_service', visitsPerWeek: expect.closeTo(360, 9) }]);
		expect(r.footfall.addedVisitsPerWeek).toBe(100);
		expect(r.footfall.loads.find((l) => l.siteRef === 'po')?.scenarioVisitsPerWeek).toBeCloseTo(1060, 9);
	});

	it('charges Post Office fees (cashable) and counts the council staff time saved (non-cashable)', async () => {
		// 460 council transactions a week at the counter: 52 × 460 × £1 = £23,920 in fees;
		// 52 × 460 × £8.62 = £206,190.40 of face-to-face contacts the council no longer handles;
		// channel shift 52 × (20 × 5.79 + 20 × 8.47) = £14,830.40.
		const a = r.appraisal;
		expect(a.postOfficeFeesGbp).toBeCloseTo(23_920, 6);
		expect(a.annualStaffTimeSavingGbp).toBeCloseTo(206_190.4, 6);
		expect(a.annualChannelSavingGbp).toBeCloseTo(14_830.4, 6);
		expect(a.annualCashableSavingGbp).toBeCloseTo(-23_920, 6);
		expect(a.annualNonCashableSavingGbp).toBeCloseTo(221_020.8, 6);
		expect(a.annualCashableSavingGbp + a.annualNonCashableSavingGbp).toBeCloseTo(a.annualNetSavingGbp, 6);
	});

	it('values channel shift at the Tameside figures when that set is chosen', async () => {
		const p = params();
		p.appraisal.unitCostGbp = { faceToFace: 16.2, phone: 1.55, web: 0.12 };
		const t = evaluateScenario(townEstate(), actions, p);
		// 52 × (20 × 14.65 + 20 × 16.08) = £31,959.20.
		expect(t.appraisal.annualChannelSavingGbp).toBeCloseTo(31_959.2, 6);
		expect(t.assumptions.find((x) => x.key === 'appraisal.unitCostGbp.faceToFace')?.source).toMatch(/Tameside/);
	});
});

describe('a building left empty', () => {
	it('is vacated when its last service is withdrawn, and handed back from its lease end', async () => {
		const data = townEstate();
		data.sites[1].leaseEnd = '2029-10-01';
		const p = params();
		const r = evaluateScenario(data, [{ type: 'withdraw_service', siteRef: 'po', service: 'post_office' }], p);
		const po = r.appraisal.vacatedSites[0];
		expect(po).toMatchObject({ siteRef: 'po', route: 'hand_back', leaseEnd: '2029-10-01', savingFromYear: 3 });
		// Start 2027-04-01: years 1 and 2 save nothing, year 3 the half after 1 October 2029.
		const cash = r.appraisal.cashFlowsCashable.map((c) => c.cashGbp);
		expect(cash[1]).toBe(0);
		expect(cash[2]).toBe(0);
		expect(cash[3]).toBeCloseTo(8800 * 0.5, -2);
		expect(cash[4]).toBeCloseTo(8800, 9);
	});

	it('earns rent when let', async () => {
		const p = params();
		p.appraisal.disposalRoutes = { lib: 'let' };
		const r = evaluateScenario(townEstate(), [{ type: 'close', siteRef: 'lib' }], p);
		expect(r.appraisal.vacatedSites[0]).toMatchObject({ route: 'let', routeBasis: 'scenario', capitalReceiptGbp: 0, lettingIncomeGbp: 600 * 60 });
		expect(r.appraisal.annualLettingIncomeGbp).toBe(36_000);
	});
});

describe('pilot costs', () => {
	it('flow into the appraisal and into each paying partner’s figures', async () => {
		const pilotCosts = [
			{ label: 'Set-up', kind: 'one_off' as const, amountGbp: 60_000, contributions: [{ organisationId: 'lsp', amountGbp: 25_000 }, { organisationId: 'council', amountGbp: 35_000 }] },
			{ label: 'Coordinator', kind: 'annual' as const, amountGbp: 10_000, contributions: [{ organisationId: 'council', amountGbp: 10_000 }] }
		];
		const actions: ScenarioAction[] = [{ type: 'move', fromSiteRef: 'lib', toSiteRef: 'civic', service: 'library' }];
		const without = evaluateScenario(townEstate(), actions, params()).appraisal;
		const a = evaluateScenario(townEstate(), actions, params(), { pilotCosts }).appraisal;
		expect(a.oneOff.pilotGbp).toBe(60_000);
		expect(a.oneOff.totalGbp).toBeCloseTo(without.oneOff.totalGbp + 60_000, 6);
		expect(a.pilotRunningCostGbp).toBe(10_000);
		expect(a.annualCashableSavingGbp).toBeCloseTo(without.annualCashableSavingGbp - 10_000, 6);
		const lsp = a.partnerShares.find((s) => s.organisationId === 'lsp');
		expect(lsp).toMatchObject({ name: 'Local Strategic Partnership', share: 0, oneOffCostGbp: 25_000, annualSavingGbp: 0, npvGbp: -25_000 });
		const total = (k: 'annualSavingGbp' | 'oneOffCostGbp' | 'npvGbp') => a.partnerShares.reduce((s, p) => s + p[k], 0);
		expect(total('oneOffCostGbp')).toBeCloseTo(a.oneOff.totalGbp, 6);
		expect(total('annualSavingGbp')).toBeCloseTo(a.annualNetSavingGbp, 6);
		expect(total('npvGbp')).toBeCloseTo(a.npvGbp, 6);
	});
});

describe('add_service and withdraw_service rules', () => {
	const estate = prepareEstate(townEstate());
	it('refuses services a building already offers, does not offer, or a closed building given one', async () => {
		expect(
			validateActions(estate, [
				{ type: 'add_service', siteRef: 'po', service: 'post_office' },
				{ type: 'withdraw_service', siteRef: 'po', service: 'library' },
				{ type: 'add_service', siteRef: 'lib', service: 'advice', spaceM2: -5 },
				{ type: 'add_service', siteRef: 'hall', service: 'advice' },
				{ type: 'close', siteRef: 'hall' }
			])
		).toEqual([
			{ index: 0, message: "'po' already offers 'post_office'." },
			{ index: 1, message: "Site 'po' does not offer 'library'." },
			{ index: 2, message: 'spaceM2 must be 0 or more square metres, got -5.' },
			{ index: 4, message: "'hall' is given 'advice'; it cannot also close." }
		]);
	});
});

// ---------------------------------------------------------------------------------------------
// Properties

/** Random small estates: a hub with recorded vacant space, and sources with services of any size. */
const hubArb = fc
	.record({
		giaM2: fc.integer({ min: 100, max: 20_000 }),
		occupiedShare: fc.double({ min: 0, max: 1, noNaN: true }),
		sources: fc.array(fc.record({ spaceM2: fc.integer({ min: 0, max: 2000 }), visits: fc.integer({ min: 0, max: 900 }) }), { minLength: 1, maxLength: 5 })
	})
	.map(({ giaM2, occupiedShare, sources }): EngineData => ({
		zones: [zone('z', -2.3, 53.4, 1000)],
		sites: [
			site('hub', -2.3, 53.4, ['council_office'], { giaM2, occupiedM2: Math.round(giaM2 * occupiedShare), annualRunningCostGbp: giaM2 * 100 }),
			...sources.map((s, i) =>
				site(`src${i}`, -2.3 + i * 0.01, 53.41, [`service${i}`], {
					giaM2: 1000,
					annualRunningCostGbp: 100_000,
					services: [{ service: `service${i}`, visitsPerWeek: s.visits, spaceM2: s.spaceM2, staffFte: null }]
				})
			)
		],
		organisations: []
	}));

const movesInto = (data: EngineData): ScenarioAction[] =>
	data.sites.slice(1).map((s) => ({ type: 'move', fromSiteRef: s.ref, toSiteRef: 'hub', service: s.services[0].service }));

describe('co-location properties (fast-check)', () => {
	it('moving services into a hub with enough vacant space never gives a shortfall or an extension cost', async () => {
		fc.assert(
			fc.property(hubArb, (data) => {
				const actions = movesInto(data);
				const incoming = data.sites.slice(1).reduce((s, x) => s + (x.services[0].spaceM2 ?? 0), 0);
				// Make the hub's vacant space exactly enough for the incoming need.
				data.sites[0].giaM2 = Math.max(data.sites[0].giaM2!, incoming);
				data.sites[0].occupiedM2 = data.sites[0].giaM2! - incoming;
				const [hub] = evaluateScenario(data, actions, defaultParameters()).colocation;
				expect(hub.shortfallM2).toBe(0);
				expect(hub.extensionCostGbp).toBe(0);
				expect(hub.fits).toBe(true);
			})
		);
	});

	it('a hub with nothing moved in costs £0', async () => {
		fc.assert(
			fc.property(hubArb, (data) => {
				const r = evaluateScenario(data, [{ type: 'hub', siteRef: 'hub' }], defaultParameters());
				expect(r.colocation[0]).toMatchObject({ incomingSpaceM2: 0, fitOutCostGbp: 0, extraRunningCostGbp: 0 });
				expect(r.appraisal.oneOff.totalGbp).toBe(0);
				expect(r.appraisal.annualNetSavingGbp).toBe(0);
				expect(r.appraisal.npvGbp).toBe(0);
			})
		);
	});

	it('cashable + non-cashable = net, whatever moves, closes or is withdrawn', async () => {
		const scenarioArb = hubArb.chain((data) =>
			fc.record({
				data: fc.constant(data),
				moves: fc.subarray(movesInto(data)),
				withdraw: fc.subarray(data.sites.slice(1).map((s): ScenarioAction => ({ type: 'withdraw_service', siteRef: s.ref, service: s.services[0].service }))),
				council: fc.boolean()
			})
		);
		fc.assert(
			fc.property(scenarioArb, ({ data, moves, withdraw, council }) => {
				const p = defaultParameters();
				if (council) p.channelShift.services = data.sites.slice(1).map((s) => s.services[0].service);
				const moved = new Set(moves.map((m) => (m.type === 'move' ? m.fromSiteRef : '')));
				const actions = [...moves, ...withdraw.filter((w) => w.type === 'withdraw_service' && !moved.has(w.siteRef))];
				const a = evaluateScenario(data, actions, p).appraisal;
				expect(a.annualCashableSavingGbp + a.annualNonCashableSavingGbp).toBeCloseTo(a.annualNetSavingGbp, 6);
			})
		);
	});

	it('withdrawing then re-adding a service restores the baseline', async () => {
		fc.assert(
			fc.property(hubArb, fc.nat(), (data, pick) => {
				const from = data.sites[1 + (pick % (data.sites.length - 1))];
				const service = from.services[0].service;
				const estate = prepareEstate(data);
				const strip = (r: EvaluationResult) => ({ ...r, actions: [] });
				const baseline = evaluateScenario(estate, [], defaultParameters());
				const restored = evaluateScenario(
					estate,
					[
						{ type: 'withdraw_service', siteRef: from.ref, service },
						{ type: 'add_service', siteRef: from.ref, service }
					],
					defaultParameters()
				);
				expect(strip(restored)).toEqual(strip(baseline));
			})
		);
	});
});
