import { describe, expect, it } from 'vitest';
import { defaultParameters, evaluateScenario, prepareEstate, ScenarioError, validateActions } from '../../../src/lib/engine';
import type { EngineData, ScenarioAction, ScenarioParameters } from '../../../src/lib/engine';
import { site, zone } from './fixtures';

/**
 * A hand-worked estate. Zone A (1,000 people, 20 % aged 65+, IMD decile 5) sits beside library s1;
 * zone B (3,000 people, none 65+, IMD decile 1) beside library s2. Hub h (500 m² GIA, 300 m²
 * occupied, so 200 m² vacant) holds a 300 m² community service; jobcentre s3 (250 m², 8 FTE) may
 * move into it.
 */
function handEstate(): EngineData {
	const space = (service: string, visitsPerWeek: number, spaceM2: number, staffFte: number) => ({
		service,
		visitsPerWeek,
		spaceM2,
		staffFte
	});
	return {
		zones: [
			zone('zA', -2.3, 53.4, 1000, { share65Plus: 0.2, imdDecile: 5, groups: { age65: 200 } }),
			zone('zB', -2.2, 53.4, 3000, { share65Plus: 0, imdDecile: 1, groups: { age65: 0 } })
		],
		sites: [
			site('s1', -2.3, 53.401, ['library'], {
				giaM2: 500,
				annualRunningCostGbp: 60_000,
				organisationId: 'council',
				services: [space('library', 400, 200, 4)]
			}),
			site('s2', -2.2, 53.401, ['library'], {
				giaM2: 800,
				annualRunningCostGbp: 80_000,
				organisationId: 'nhs',
				services: [space('library', 300, 200, 4)]
			}),
			site('s3', -2.26, 53.41, ['jobcentre'], {
				giaM2: 400,
				annualRunningCostGbp: 40_000,
				organisationId: 'dwp',
				visitCapacityPerWeek: 1000,
				services: [space('jobcentre', 200, 250, 8)]
			}),
			site('h', -2.25, 53.4, ['community_hub'], {
				giaM2: 500,
				occupiedM2: 300,
				desks: 12,
				annualRunningCostGbp: 30_000,
				organisationId: 'council',
				services: [space('community_hub', 50, 300, 3)]
			})
		],
		organisations: [
			{ id: 'council', name: 'Council' },
			{ id: 'dwp', name: 'DWP' },
			{ id: 'nhs', name: 'NHS' }
		]
	};
}

function handParams(): ScenarioParameters {
	const p = defaultParameters();
	// These libraries' visits are let shift to phone and web, so the footfall rules are all exercised.
	p.channelShift.services = ['library'];
	p.appraisal.periodYears = 3;
	p.appraisal.capitalReceiptsGbp = { s1: 100_000 };
	return p;
}

const closeAndMove: ScenarioAction[] = [
	{ type: 'close', siteRef: 's1' },
	{ type: 'move', fromSiteRef: 's3', toSiteRef: 'h', service: 'jobcentre' }
];

describe('footfall reassignment (hand-worked)', () => {
	it('sends a closed library’s visits, less channel shift, to the next library', async () => {
		const f = evaluateScenario(handEstate(), closeAndMove, handParams()).footfall;
		// s1's 400 visits all come from zone A (its catchment). σ = 0.1 × (1 − 0.5 × 0.2) = 0.09:
		// 36 shift, 18 to phone and 18 to web; 364 go to s2. The jobcentre's 200 follow it to h.
		expect(f.displacedVisitsPerWeek).toBe(600);
		expect(f.shiftedToPhoneVisitsPerWeek).toBeCloseTo(18, 10);
		expect(f.shiftedToWebVisitsPerWeek).toBeCloseTo(18, 10);
		expect(f.reassignedVisitsPerWeek).toBeCloseTo(564, 10);
		expect(f.lostVisitsPerWeek).toBe(0);
		expect(f.flows.map((x) => [x.fromSiteRef, x.toSiteRef, x.service, Math.round(x.visitsPerWeek)])).toEqual([
			['s1', 's2', 'library', 364],
			['s3', 'h', 'jobcentre', 200]
		]);
		const load = Object.fromEntries(f.loads.map((l) => [l.siteRef, [l.baselineVisitsPerWeek, Math.round(l.scenarioVisitsPerWeek)]]));
		expect(load).toEqual({ s1: [400, 0], s2: [300, 664], s3: [200, 0], h: [50, 250] });
	});

	it('shifts fewer visits online from a deprived zone (the digital divide)', async () => {
		const f = evaluateScenario(handEstate(), [{ type: 'close', siteRef: 's2' }], handParams()).footfall;
		// Zone B is IMD decile 1: σ = 0.1 × (1 − 0) × (1 − 0.3) = 0.07 of 300 = 21 shifted.
		expect(f.shiftedToPhoneVisitsPerWeek + f.shiftedToWebVisitsPerWeek).toBeCloseTo(21, 10);
		expect(f.reassignedVisitsPerWeek).toBeCloseTo(279, 10);
	});

	it('counts visits as lost when no site offers the service any more, and warns over capacity', async () => {
		const data = handEstate();
		const f = evaluateScenario(data, [{ type: 'close', siteRef: 's1' }, { type: 'close', siteRef: 's2' }], handParams()).footfall;
		expect(f.reassignedVisitsPerWeek).toBe(0);
		expect(f.lostVisitsPerWeek).toBeCloseTo(700 - 36 - 21, 10);
		data.sites[3].visitCapacityPerWeek = 100;
		const moved = evaluateScenario(data, closeAndMove, handParams());
		expect(moved.footfall.loads.find((l) => l.siteRef === 'h')?.overCapacity).toBe(true);
		expect(moved.warnings.join(' ')).toMatch(/h \(h\) would have 250 visits a week against a capacity of 100/);
	});
});

describe('co-location fit (hand-worked)', () => {
	it('fits the incoming need into vacant space first and prices only the rest as an extension', async () => {
		const [hub] = evaluateScenario(handEstate(), closeAndMove, handParams()).colocation;
		// 250 m² incoming, 10 % shared (25 m²): 225 m² needed against 200 m² vacant → 25 m² short.
		// Refurbish 200 m² × £750 = £150,000; extend 25 m² × £2,500 = £62,500.
		// Running: 200 m² × £30 marginal + 25 m² × (£30,000 ÷ 500 m²) = £6,000 + £1,500.
		expect(hub).toMatchObject({
			hubRef: 'h',
			existingSpaceM2: 300,
			vacantM2: 200,
			vacantBasis: 'recorded',
			freedM2: 0,
			incomingSpaceM2: 250,
			sharedSpaceSavingM2: 25,
			reconfiguredM2: 200,
			shortfallM2: 25,
			fits: false,
			refurbishmentCostGbp: 150_000,
			extensionCostGbp: 62_500,
			fitOutCostGbp: 212_500,
			extraRunningCostGbp: 7500,
			desks: 12,
			staffFteAfter: 11
		});
	});

	it('estimates vacant space from the default occupancy share where none is recorded', async () => {
		const data = handEstate();
		data.sites[3].occupiedM2 = null;
		const [hub] = evaluateScenario(data, closeAndMove, handParams()).colocation;
		// 500 m² × (1 − 0.85) = 75 m² vacant; 225 m² needed → 150 m² short.
		expect(hub.vacantM2).toBeCloseTo(75, 9);
		expect(hub.vacantBasis).toBe('estimated');
		expect(hub.shortfallM2).toBeCloseTo(150, 9);
	});

	it('takes the space need from the action when given, and never from the host building', async () => {
		const moved: ScenarioAction[] = [{ ...closeAndMove[1], spaceM2: 100 } as ScenarioAction];
		const [hub] = evaluateScenario(handEstate(), moved, handParams()).colocation;
		expect(hub.incoming).toEqual([
			{ service: 'jobcentre', fromSiteRef: 's3', spaceM2: 100, spaceBasis: 'action', spaceMethod: '', staffFte: 8 }
		]);
		expect(hub).toMatchObject({ shortfallM2: 0, fits: true, extensionCostGbp: 0 });
		const data = handEstate();
		data.sites[2].services[0].spaceM2 = null;
		const [estimated] = evaluateScenario(data, [closeAndMove[1]], handParams()).colocation;
		// No space recorded: 8 FTE × 8 m² (the government workplace standard), not s3's 400 m².
		expect(estimated.incoming[0]).toMatchObject({ spaceM2: 64, spaceBasis: 'estimated' });
	});

	it('says a hub with no floor area cannot be checked', async () => {
		const data = handEstate();
		data.sites[3].giaM2 = null;
		const r = evaluateScenario(data, closeAndMove, handParams());
		expect(r.colocation[0].fits).toBe(false);
		expect(r.warnings.join(' ')).toMatch(/has no floor area recorded/);
	});
});

describe('appraisal (hand-worked)', () => {
	const a = evaluateScenario(handEstate(), closeAndMove, handParams()).appraisal;

	it('adds up the annual saving, cashable apart from non-cashable', async () => {
		// Vacated: s1 £60,000 + s3 £40,000 = £100,000.
		expect(a.vacatedSites.map((s) => [s.siteRef, s.route, s.capitalReceiptGbp])).toEqual([
			['s1', 'sell', 100_000], // a receipt is entered, so it is sold
			['s3', 'hand_back', 0]
		]);
		expect(a.annualRunningSavingGbp).toBe(100_000);
		// The hub's extra running cost: £7,500 (co-location test above).
		expect(a.extraHubRunningCostGbp).toBeCloseTo(7500, 9);
		// 52 × (18 × (8.62 − 2.83) + 18 × (8.62 − 0.15)) = 52 × 256.68 = £13,347.36.
		expect(a.annualChannelSavingGbp).toBeCloseTo(13_347.36, 6);
		expect(a.annualCashableSavingGbp).toBeCloseTo(92_500, 9);
		expect(a.annualNonCashableSavingGbp).toBeCloseTo(13_347.36, 6);
		expect(a.annualNetSavingGbp).toBeCloseTo(105_847.36, 6);
	});

	it('adds up the one-off costs with optimism bias on the works', async () => {
		// Fit-out £212,500; one move £5,000; dilapidations only on the building handed back, s3:
		// £50 × 400 m² = £20,000; ICT £25,000 for the one hub taking space in; optimism bias
		// 24 % × (212,500 + 20,000 + 25,000) = £61,800.
		expect(a.oneOff).toEqual({
			fitOutGbp: 212_500,
			movesGbp: 5000,
			dilapidationsGbp: 20_000,
			ictGbp: 25_000,
			optimismBiasGbp: expect.closeTo(61_800, 6),
			pilotGbp: 0,
			totalGbp: expect.closeTo(324_300, 6)
		});
		expect(a.capitalReceiptsGbp).toBe(100_000);
	});

	it('discounts the cash flows at 3.5 % and finds the payback year, with and without non-cashable savings', async () => {
		// Year 0: £100,000 − £324,300 = −£224,300; years 1–3: £105,847.36 (cashable £92,500).
		// Cumulative: −224,300, −118,452.64, −12,605.28, +93,242.08 → payback in year 3.
		// NPV = −224,300 + 105,847.36 × (1/1.035 + 1/1.035² + 1/1.035³ = 2.80163698) = £72,245.88;
		// cashable −224,300 + 92,500 × 2.80163698 = £34,851.42, paying back in year 3 too.
		expect(a.cashFlows.map((c) => Math.round(c.cumulativeGbp * 100) / 100)).toEqual([
			-224_300, -118_452.64, -12_605.28, 93_242.08
		]);
		expect(a.paybackYear).toBe(3);
		expect(a.npvGbp).toBeCloseTo(72_245.8781, 3);
		expect(a.npvCashableGbp).toBeCloseTo(34_851.4207, 3);
		expect(a.cashFlowsCashable.map((c) => c.cumulativeGbp)).toEqual([-224_300, -131_800, -39_300, 53_200]);
		expect(a.paybackYearCashable).toBe(3);
	});

	it('splits by floor area of each partner’s sites involved, and the shares add up', async () => {
		// Council: s1 500 m² + hub 500 m² = 1,000 m²; DWP: s3 400 m². NHS is not involved.
		expect(a.partnerShares.map((p) => [p.organisationId, p.share])).toEqual([
			['council', 1000 / 1400],
			['dwp', 400 / 1400]
		]);
		const total = (k: 'annualSavingGbp' | 'oneOffCostGbp' | 'npvGbp') => a.partnerShares.reduce((s, p) => s + p[k], 0);
		expect(total('annualSavingGbp')).toBeCloseTo(a.annualNetSavingGbp, 8);
		expect(total('oneOffCostGbp')).toBeCloseTo(a.oneOff.totalGbp, 8);
		expect(total('npvGbp')).toBeCloseTo(a.npvGbp, 8);
	});

	it('splits equally or by agreed shares when asked', async () => {
		const p = handParams();
		p.appraisal.partnerSplit = 'equal';
		const equal = evaluateScenario(handEstate(), closeAndMove, p).appraisal.partnerShares;
		expect(equal.map((s) => s.share)).toEqual([1 / 3, 1 / 3, 1 / 3]);
		p.appraisal.partnerSplit = 'agreed';
		p.appraisal.agreedShares = { council: 0.5, dwp: 0.3, nhs: 0.2 };
		const agreed = evaluateScenario(handEstate(), closeAndMove, p).appraisal.partnerShares;
		expect(agreed.map((s) => [s.organisationId, s.oneOffCostGbp])).toEqual([
			['council', 0.5 * 324_300],
			['dwp', expect.closeTo(0.3 * 324_300, 6)],
			['nhs', expect.closeTo(0.2 * 324_300, 6)]
		]);
	});
});

describe('scenario actions', () => {
	const estate = prepareEstate(handEstate());

	it('names unknown sites and contradictions', async () => {
		const issues = validateActions(estate, [
			{ type: 'close', siteRef: 'nope' },
			{ type: 'move', fromSiteRef: 's1', toSiteRef: 'h', service: 'jobcentre' },
			{ type: 'move', fromSiteRef: 's3', toSiteRef: 'h', service: 'jobcentre' },
			{ type: 'close', siteRef: 'h' },
			{ type: 'demolish', siteRef: 's2' } as unknown as ScenarioAction
		]);
		expect(issues).toEqual([
			{ index: 0, message: "Unknown closed site 'nope'." },
			{ index: 1, message: "Site 's1' does not offer 'jobcentre'." },
			{ index: 3, message: "'h' is a hub receiving moved services; it cannot also close." },
			{ index: 4, message: "Unknown action type 'demolish'; use close, hub, move, add, add_service or withdraw_service." }
		]);
		expect(() => evaluateScenario(estate, [{ type: 'close', siteRef: 'nope' }], handParams())).toThrow(ScenarioError);
	});

	it('lets an added site serve a zone and counts its running cost', async () => {
		const r = evaluateScenario(
			estate,
			[
				{ type: 'close', siteRef: 's2' },
				{
					type: 'add',
					site: { ref: 'new', name: 'New library', kind: 'library', lon: -2.2, lat: 53.4, giaM2: 300, annualRunningCostGbp: 20_000, services: [{ service: 'library', visitsPerWeek: null, spaceM2: 100, staffFte: 2 }] }
				}
			],
			handParams()
		);
		const library = r.zoneAccess.find((z) => z.service === 'library')!;
		expect(library.after[1]).toBe(0); // the new library stands on zone B's centroid
		expect(r.footfall.flows.find((f) => f.fromSiteRef === 's2')?.toSiteRef).toBe('new');
		expect(r.appraisal.newSiteRunningCostGbp).toBe(20_000);
	});

	it('vacates a site whose only service moves out, without closing it for access', async () => {
		const r = evaluateScenario(estate, [closeAndMove[1]], handParams());
		expect(r.appraisal.vacatedSites.map((s) => s.siteRef)).toEqual(['s3']);
		const jobcentre = r.services.find((s) => s.service === 'jobcentre')!;
		expect(jobcentre.unreachable).toBe(0);
	});
});
