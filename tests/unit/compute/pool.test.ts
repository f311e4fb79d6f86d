import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { t } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData } from '$lib/server/seed';
import * as scenarios from '$lib/server/scenarios';
import { BASELINE_ID } from '$lib/server/scenarios';
import { contextLayerJson, estateVersion, partnershipById, listServices, listSites, listZones, loadEngineData } from '$lib/server/estate';
import { placeLabels } from '$lib/compare/places';
import { buildComparison, loadComparison, type Comparison } from '$lib/server/comparison';
import { estimatedRefs, siteEstimates } from '$lib/estimates-used';
import { compute, poolThreads } from '$lib/server/compute/pool';
import { evaluationKey } from '$lib/server/compute/tasks';
import { LruCache } from '$lib/server/compute/lru';
import { siteTable } from '$lib/map/tables.server';
import { estateTablePage } from '$lib/server/estate-table';
import { prepareImport } from '$lib/server/import';
import { fixture, NOW } from '../import/helpers';
import { defaultParameters, type ScenarioAction } from '$lib/engine';
import { openTestDb } from '../../support/db';
import { NOTHING_WITHHELD } from '$lib/server/restricted-fields';
import { TEST_ACTOR } from '../../support/actor';

const close = (siteRef: string): ScenarioAction => ({ type: 'close', siteRef });
const NOW_ISO = new Date('2026-12-04T12:00:00Z');

/** The comparison built on this thread from the database as it is, with no pool, cache or JSON on the way. */
async function inThread(db: Db, linkIds: string[]): Promise<Comparison> {
	const all = await scenarios.list(db, P);
	const chosen = linkIds.map((linkId) => {
		const s = linkId === BASELINE_ID ? all.find((x) => x.isBaseline)! : all.find((x) => String(x.id) === linkId)!;
		const { id, name, description, isBaseline, actions, parameters } = s;
		return { linkId: isBaseline ? BASELINE_ID : String(id), id, name, description, isBaseline, actions, parameters, milestones: [], mitigations: [] };
	});
	const data = await loadEngineData(db, P);
	return buildComparison({
		data,
		scenarios: chosen,
		partnershipName: (await partnershipById(db, P)).name,
		places: placeLabels(JSON.parse((await contextLayerJson(db, P, 'built_up_areas'))!), data.zones),
		serviceNames: Object.fromEntries((await listServices(db)).map((s) => [s.code, s.name])),
		estimated: estimatedRefs((await listSites(db, P)).map(siteEstimates)),
		zoneGeometries: (await listZones(db, P, { geometry: true })).map((z) => z.geometry),
		now: NOW_ISO
	});
}

const pooled = (db: Db, linkIds: string[]) => loadComparison(db, P, { linkIds, now: NOW_ISO });

describe('comparisons on the worker pool (Trafford pack)', async () => {
	let db: Db;
	let ids: string[];
	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		const closures = await scenarios.create(db, TEST_ACTOR, P, { name: 'Close three libraries', actions: [close('lib-hale'), close('lib-woodsend'), close('lib-coppice')] });
		const hub = await scenarios.create(db, TEST_ACTOR, P, { name: 'Altrincham as a hub', actions: [{ type: 'hub', siteRef: 'lib-altrincham' }, close('lib-timperley')] });
		const road = await scenarios.create(db, TEST_ACTOR, P, {
			name: 'Close two, road distances',
			actions: [close('lib-sale'), close('lib-urmston')],
			parameters: { ...defaultParameters(), distance: { mode: 'road', circuity: 1.4 } }
		});
		ids = [BASELINE_ID, String(closures.id), String(hub.id), String(road.id)];
	});

	it('runs on pool threads here (the suite would prove nothing in-thread)', async () => {
		expect(poolThreads()).toBeGreaterThan(0);
	});

	it('gives byte-identical results to evaluating on this thread, the first time and from its cache', async () => {
		const expected = JSON.stringify(await inThread(db, ids));
		expect(JSON.stringify(await pooled(db, ids))).toBe(expected);
		expect(JSON.stringify(await pooled(db, ids))).toBe(expected);
		// Several at once spread over the threads; each thread's cache must agree too.
		const many = await Promise.all(Array.from({ length: 6 }, () => pooled(db, ids)));
		for (const c of many) expect(JSON.stringify(c)).toBe(expected);
	});

	it('never serves the old result once a scenario has a new version', async () => {
		const id = ids[1];
		const before = await pooled(db, [BASELINE_ID, id]);
		const s = await scenarios.get(db, P, Number(id));
		await scenarios.update(db, TEST_ACTOR, P, s.id, s.version, { actions: [close('lib-hale')] });
		const after = await pooled(db, [BASELINE_ID, id]);
		expect(JSON.stringify(after)).toBe(JSON.stringify(await inThread(db, [BASELINE_ID, id])));
		const npv = (c: Comparison) => c.rows.find((r) => r.key === 'appraisal.npvGbp')!.values[1];
		expect(npv(after)).not.toBe(npv(before));
	});

	it('never serves the old result once an import has changed the estate, and renews the estate version', async () => {
		const closeAltrincham = await scenarios.create(db, TEST_ACTOR, P, { name: 'Close Altrincham Library', actions: [close('lib-altrincham')] });
		const linkIds = [BASELINE_ID, String(closeAltrincham.id)];
		const before = await pooled(db, linkIds);
		const version = await estateVersion(db, P);
		const altrinchamRow = new URL('http://hubplan.test/sites?q=lib-altrincham');
		const sitesBefore = await estateTablePage(db, P, altrinchamRow, siteTable(db, P, NOTHING_WITHHELD));
		// Altrincham Library's floor area goes from 600 to 980 m², so selling it (the default route for a
		// freehold) brings a larger estimated receipt (£ per m²).
		const prepared = await prepareImport(db, P, { kind: 'sites', file: fixture('sites-good.csv'), options: { now: NOW } });
		expect(prepared.plan.problems).toEqual([]);
		await prepared.commit(TEST_ACTOR);
		expect(await estateVersion(db, P)).not.toBe(version);
		const after = await pooled(db, linkIds);
		expect(JSON.stringify(after)).toBe(JSON.stringify(await inThread(db, linkIds)));
		const receipt = (c: Comparison) => c.rows.find((r) => r.key === 'appraisal.capitalReceiptsGbp')!.values[1];
		expect([receipt(before), receipt(after)]).toEqual([600 * 500, 980 * 500]);
		// The pages' cached tables follow the estate too.
		const sitesAfter = await estateTablePage(db, P, altrinchamRow, siteTable(db, P, NOTHING_WITHHELD));
		expect([sitesBefore, sitesAfter].map((page) => page.rows.find((s) => s.ref === 'lib-altrincham')!.giaM2)).toEqual([600, 980]);
	});

	it('turns a failure inside a thread into a rejected request, not a hang', async () => {
		const broken = await scenarios.create(db, TEST_ACTOR, P, { name: 'Stored with damaged parameters', actions: [close('lib-hale')] });
		// Bypasses validation, as a hand-edited database would: the engine then throws in the thread.
		await db.update(t.scenario).set({ parameters: { appraisal: null } as never }).where(eq(t.scenario.id, broken.id));
		await expect(pooled(db, [BASELINE_ID, String(broken.id)])).rejects.toThrow(/^Invalid parameters: appraisal\.periodYears/);
		await expect(compute('nonsense' as never, null as never)).rejects.toThrow('Unknown pool task "nonsense"; expected one of compare, scenarioResults, readTable.');
		// The pool still answers afterwards.
		expect((await pooled(db, [BASELINE_ID, ids[1]])).scenarios).toHaveLength(2);
	});
});

describe('the evaluation cache key', async () => {
	const scenario = { actions: [close('lib-hale')], parameters: defaultParameters() };
	it('changes with the estate version, the actions and the parameters, and with nothing else', async () => {
		const key = evaluationKey('trafford@v1', scenario);
		expect(evaluationKey('trafford@v1', { ...scenario })).toBe(key);
		expect(evaluationKey('trafford@v2', scenario)).not.toBe(key);
		expect(evaluationKey('trafford@v1', { ...scenario, actions: [close('lib-sale')] })).not.toBe(key);
		expect(evaluationKey('trafford@v1', { ...scenario, parameters: { ...defaultParameters(), distance: { mode: 'road', circuity: 1.3 } } })).not.toBe(key);
	});
});

describe('LruCache', async () => {
	it('holds at most its capacity, dropping the least recently used', async () => {
		const cache = new LruCache<number>(2);
		cache.set('a', 1);
		cache.set('b', 2);
		expect(cache.get('a')).toBe(1);
		cache.set('c', 3);
		expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
		expect(cache.getOrSet('d', () => 4)).toBe(4);
		expect(cache.getOrSet('d', () => 5)).toBe(4);
	});

	it('refuses a capacity below one', async () => {
		expect(() => new LruCache(0)).toThrow('LruCache capacity must be at least 1, got 0.');
	});
});

describe('HUBPLAN_WORKERS', async () => {
	it('is a whole number of threads, 0 for none; anything else is refused naming the value', async () => {
		expect(poolThreads('3')).toBe(3);
		expect(poolThreads('0')).toBe(0);
		expect(poolThreads('')).toBeGreaterThan(0);
		expect(() => poolThreads('two')).toThrow('HUBPLAN_WORKERS is "two"; expected a whole number of pool threads from 0 (no pool) to 64.');
	});
});
