import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData } from '$lib/server/seed';
import { listSites, loadEngineData } from '$lib/server/estate';
import * as scenarios from '$lib/server/scenarios';
import { loadComparison } from '$lib/server/comparison';
import { siteSummaries } from '$lib/map/summaries.server';
import {
	describeEstimatesUsed,
	estimatedRefs,
	estimatesUsed,
	runningCostProvenance,
	siteEstimates,
	type EstimatedRefs
} from '$lib/estimates-used';
import { defaultParameters, evaluateScenario, type ScenarioAction } from '$lib/engine';
import { openTestDb } from '../../support/db';
import { NOTHING_WITHHELD } from '$lib/server/restricted-fields';
import { TEST_ACTOR } from '../../support/actor';

const CLOSE_HALE: ScenarioAction[] = [{ type: 'close', siteRef: 'lib-hale' }];
const CLOSE_BOTH: ScenarioAction[] = [...CLOSE_HALE, { type: 'close', siteRef: 'lib-woodsend' }];

describe('which figures rest on estimates (Trafford pack)', async () => {
	let db: Db;
	let refs: EstimatedRefs;
	let name: (ref: string) => string;
	const evaluate = async (actions: ScenarioAction[]) => evaluateScenario(await loadEngineData(db, P), actions, defaultParameters());
	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		const sites = await listSites(db, P);
		refs = estimatedRefs(sites.map(siteEstimates));
		name = (ref) => sites.find((s) => s.ref === ref)?.name ?? ref;
	});

	it('reads the same flags from the full site rows (/compare) as from the summaries the workspace gets', async () => {
		const fromSummaries = estimatedRefs((await siteSummaries(db, P, NOTHING_WITHHELD)).sites);
		expect(fromSummaries).toEqual(refs);
		// Every building's floor area or running cost is estimated in the pack; 39 have estimated visits.
		expect(refs.cost.size).toBe(308);
		expect(refs.visits.size).toBe(39);
		expect(refs.visits.has('lib-hale')).toBe(true);
	});

	it('marks nothing in the baseline', async () => {
		expect(estimatesUsed(await evaluate([]), refs)).toEqual({ money: false, visits: false, costRefs: [], touchedVisitRefs: [], visitRefs: [] });
	});

	it('closing Hale Library rests on its estimated costs and visits, and on the visits of the libraries that take its users', async () => {
		const result = await evaluate(CLOSE_HALE);
		const used = estimatesUsed(result, refs);
		expect(used.money).toBe(true);
		expect(used.visits).toBe(true);
		expect(used.costRefs).toEqual(['lib-hale']);
		expect(used.touchedVisitRefs).toEqual(['lib-hale']);
		expect(new Set(used.visitRefs)).toEqual(new Set(['lib-hale', ...result.footfall.loads.map((l) => l.siteRef).filter((r) => refs.visits.has(r))]));
		expect(describeEstimatesUsed(used, name).money).toBe(
			'the estimated floor area or running cost of Hale Library, and the estimated weekly visits of Hale Library'
		);
	});

	it('names at most three buildings, then counts the rest', async () => {
		const used = { money: true, visits: true, costRefs: ['lib-hale'], touchedVisitRefs: [], visitRefs: ['lib-hale', 'lib-woodsend', 'lib-sale', 'lib-urmston'] };
		expect(describeEstimatesUsed(used, name)).toEqual({
			money: 'the estimated floor area or running cost of Hale Library',
			visits: 'the estimated weekly visits of Hale Library, Woodsend Library and 2 other buildings'
		});
		expect(describeEstimatesUsed({ ...used, visitRefs: ['lib-hale', 'lib-woodsend', 'lib-sale'] }, name).visits).toBe(
			'the estimated weekly visits of Hale Library, Woodsend Library and Sale Library'
		);
		expect(describeEstimatesUsed({ money: false, visits: false, costRefs: [], touchedVisitRefs: [], visitRefs: [] }, name)).toEqual({ money: '', visits: '' });
	});

	it('is the rule /compare marks its rows by', async () => {
		const a = await scenarios.create(db, TEST_ACTOR, P, { name: 'Close Hale', actions: CLOSE_HALE });
		const b = await scenarios.create(db, TEST_ACTOR, P, { name: 'Close both', actions: CLOSE_BOTH });
		const comparison = await loadComparison(db, P, { linkIds: ['baseline', String(a.id), String(b.id)] });
		const used = await Promise.all([[], CLOSE_HALE, CLOSE_BOTH].map(async (actions) => estimatesUsed(await evaluate(actions), refs)));
		const row = (key: string) => comparison.rows.find((r) => r.key === key)!;
		expect(row('appraisal.npvGbp').estimated).toEqual(used.map((u) => u.money));
		expect(row('partner.trafford-council.annualSavingGbp').estimated).toEqual(used.map((u) => u.money));
		expect(row('footfall.displacedVisitsPerWeek').estimated).toEqual(used.map((u) => u.visits));
		expect(used.map((u) => u.money)).toEqual([false, true, true]);
	});
});

describe('a building running cost basis', async () => {
	const recorded = { basis: 'recorded', source: 'Council asset register' } as const;
	const estimated = { basis: 'estimated', method: 'floor area × benchmark' } as const;

	it('is estimated, naming the parts, when any part with a value is estimated', async () => {
		const site = { provenance: { rentGbpPerYear: recorded, ratesGbpPerYear: estimated, facilitiesGbpPerYear: estimated }, rentGbpPerYear: 1, ratesGbpPerYear: 2, facilitiesGbpPerYear: 3 };
		expect(runningCostProvenance(site)).toEqual({
			basis: 'estimated',
			method: "the total includes estimated business rates and facilities costs; each part's row says how."
		});
	});

	it('is left to the parts when every part is recorded, or only an empty part is marked estimated', async () => {
		expect(runningCostProvenance({ provenance: { rentGbpPerYear: recorded }, rentGbpPerYear: 10, ratesGbpPerYear: null, facilitiesGbpPerYear: null })).toBeUndefined();
		const emptyEstimated = { provenance: { rentGbpPerYear: estimated, ratesGbpPerYear: recorded }, rentGbpPerYear: null, ratesGbpPerYear: 5, facilitiesGbpPerYear: null };
		expect(runningCostProvenance(emptyEstimated)).toBeUndefined();
		expect(siteEstimates({ ref: 'x', visitsEstimated: false, ...emptyEstimated }).runningCostEstimated).toBe(false);
	});
});
