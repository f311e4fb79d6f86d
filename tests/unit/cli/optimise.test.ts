import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import highsLoader from 'highs';
import { afterAll, describe, expect, it } from 'vitest';
import { haversineM } from '$lib/engine';
import type { OptimiseRequest } from '$lib/optimise/protocol';
import { runOptimisation } from '$lib/optimise/run';
import { closeDb, sqliteClientOf, openDb } from '$lib/server/db';
import { t } from '$lib/server/db';
import { loadEngineData } from '$lib/server/estate';
import { DEMO_PARTNERSHIP_ID, ensureDemoData } from '$lib/server/seed';
import { TEST_ACTOR } from '../../support/actor';
import { hubplanInProcess } from '../../support/hubplan-cli';

// The commands on the app's data seed their own database here, never the developer's.
const dbDir = mkdtempSync(path.join(tmpdir(), 'hubplan-optimise-'));
afterAll(() => rmSync(dbDir, { recursive: true, force: true }));

async function optimise(...args: string[]) {
	return optimiseOn('hubplan.sqlite', ...args);
}

function optimiseOn(dbFile: string, ...args: string[]) {
	return hubplanInProcess(['optimise', ...args], { HUBPLAN_DB: path.join(dbDir, dbFile) });
}

describe('hubplan optimise', async () => {
	it('solves an OR-Library file to its published optimum and says so', async () => {
		const { code, stdout } = await optimise('--orlib', 'data/orlib-pmed/pmed1.txt');
		expect(code).toBe(0);
		const result = JSON.parse(stdout);
		expect(result).toMatchObject({ instance: 'pmed1', n: 100, p: 5, objective: 5819, optimum: 5819, gap: 0 });
		expect(result.medians).toEqual([7, 13, 65, 91, 99]);
		expect(result.seconds).toBeGreaterThan(0);
	}, 60_000);

	it('refuses more medians than nodes before solving, quoting the numbers', async () => {
		const { code, stderr } = await optimise('--orlib', 'data/orlib-pmed/pmed1.txt', '--p', '101');
		expect(code).not.toBe(0);
		expect(stderr).toMatch(/101/);
		expect(stderr).toMatch(/100/);
	}, 60_000);

	it('finds the cheapest libraries keeping half of Trafford within a mile, proven optimal by HiGHS', async () => {
		const { code, stdout, stderr } = await optimise('--service', 'library', '--goal', 'cheapest', '--threshold-m', '1609', '--target', '0.5', '--exact');
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const result = JSON.parse(stdout);
		expect(result.goal).toEqual({ kind: 'cheapest', thresholdCost: 1609, targetShare: 0.5 });
		expect(result.candidates).toBe(13);
		// The pack's running costs are estimates (floor area × £ per m²); the total is the objective.
		expect(result.objective).toBe(200_500);
		expect(result.annualRunningCostGbp).toBe(200_500);
		expect(result.hubs.reduce((sum: number, hub: { annualRunningCostGbp: number }) => sum + hub.annualRunningCostGbp, 0)).toBe(200_500);
		expect(result.coveredShare).toBeGreaterThanOrEqual(0.5);
		expect(result).toMatchObject({ gap: 0, exact: { status: 'optimal', objective: 200_500 } });
	}, 60_000);

	it('refuses an unreachable coverage floor for the cheapest goal before solving, quoting the numbers', async () => {
		const { code, stderr } = await optimise('--service', 'library', '--goal', 'cheapest', '--threshold-m', '100', '--target', '0.9');
		expect(code).toBe(2);
		expect(stderr).toMatch(/No set of candidates can cover 90\.0 % of demand within 100: all 13 allowed candidates together cover \d+\.\d %/);
		const missing = await optimise('--service', 'library', '--goal', 'cheapest', '--threshold-m', '1609');
		expect(missing.stderr).toContain('--goal cheapest needs --target.');
	}, 60_000);

	it('keeps each library within its floor area × residents per m², proven optimal by HiGHS', async () => {
		const { code, stdout, stderr } = await optimise('--service', 'library', '--k', '5', '--capacity', 'floor_area', '--residents-per-m2', '50', '--exact');
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const result = JSON.parse(stdout);
		expect(result.goal).toEqual({ kind: 'median', k: 5, capacitated: true });
		expect(result.capacity).toEqual({ basis: 'floor_area', residentsPerM2: 50 });
		// Urmston Library has 1,957.47 m², so it holds 97,873.5 residents.
		const urmston = result.hubs.find((hub: { ref: string }) => hub.ref === 'lib-urmston');
		expect(urmston.capacityResidents).toBeCloseTo(97_873.5, 6);
		for (const hub of result.hubs) expect(hub.assignedResidents).toBeLessThanOrEqual(hub.capacityResidents * (1 + 1e-9));
		// The search's hubs and split are HiGHS's optimum, so HiGHS only proves it.
		expect(result.exact).toMatchObject({ status: 'optimal', improvedSearch: false });
		expect(result.objective).toBeCloseTo(result.exact.objective, 0);
		expect(result.gap).toBeLessThan(1e-6);
		const uncapacitated = JSON.parse((await optimise('--service', 'library', '--k', '5')).stdout);
		expect(result.objective).toBeGreaterThan(uncapacitated.objective);
	}, 60_000);

	it('refuses capacities no 2 libraries can meet, and a capacity without a rate, before solving', async () => {
		const tight = await optimise('--service', 'library', '--k', '2', '--capacity', 'floor_area', '--residents-per-m2', '10');
		expect(tight.code).toBe(2);
		expect(tight.stderr).toMatch(/No 2 hubs can hold the demand: the largest 2 that may be chosen hold 30,995 in all, but the demand is [\d,]+\./);
		const noRate = await optimise('--service', 'library', '--k', '2', '--capacity', 'floor_area');
		expect(noRate.stderr).toContain('--residents-per-m2 "": expected a number above 0.');
		const wrongGoal = await optimise('--service', 'library', '--goal', 'fewest', '--threshold-m', '1609', '--target', '0.5', '--capacity', 'floor_area');
		expect(wrongGoal.stderr).toContain('capacities apply to --goal median only');
	}, 60_000);

	it('refuses visit capacities where none are recorded, naming the libraries, and a service with no visit figures, before solving', async () => {
		// The open-data pack estimates every library's visits per week but records no building's visit capacity.
		const libraries = await optimise('--service', 'library', '--k', '5', '--capacity', 'visits');
		expect(libraries.code).toBe(2);
		expect(libraries.stderr).toMatch(
			/^hubplan optimise: No visit capacity per week is recorded for 13 candidate buildings: Altrincham Library \(lib-altrincham\), .+, and 8 more\. Record one \(an estimate is fine\) or mark them must-not-choose\.\n$/
		);
		const pharmacies = await optimise('--service', 'pharmacy', '--k', '5', '--capacity', 'visits');
		expect(pharmacies.stderr).toContain('The service "pharmacy" has no visit figures: none of its 57 current sites records visits per week.');
		const rate = await optimise('--service', 'library', '--k', '5', '--capacity', 'visits', '--residents-per-m2', '50');
		expect(rate.stderr).toContain('--residents-per-m2 applies to --capacity floor_area only, not visits.');
		const basis = await optimise('--service', 'library', '--k', '5', '--capacity', 'rooms');
		expect(basis.stderr).toContain('--capacity "rooms": expected floor_area or visits.');
	}, 60_000);

	describe('gives the same answer as the /optimise page (runOptimisation) for the same request', async () => {
		/** The CLI's JSON for an answer, minus the timings, which differ from run to run. */
		function comparable(printed: Record<string, unknown>) {
			const { seconds: _s, lagrangian, exact, ...rest } = printed as { seconds: number; lagrangian?: { bound: number }; exact?: Record<string, unknown> };
			return { ...rest, lagrangianBound: lagrangian?.bound ?? null, exact: exact ? { ...exact, seconds: undefined } : null };
		}

		async function pageAnswer(dbFile: string, request: OptimiseRequest) {
			const db = await openDb(path.join(dbDir, dbFile));
			await ensureDemoData(db, TEST_ACTOR);
			const answer = await runOptimisation(await loadEngineData(db, DEMO_PARTNERSHIP_ID), request, () => {}, () => highsLoader());
			await closeDb(db);
			return answer;
		}

		const request = (over: Partial<OptimiseRequest> & Pick<OptimiseRequest, 'goal'>): OptimiseRequest => ({
			service: 'library', mustKeep: [], mustClose: [], groupFactors: {}, seed: 1, starts: 96, exactTimeLimitS: 60, ...over
		});

		async function expectSame(dbFile: string, args: string[], req: OptimiseRequest) {
			const { code, stdout, stderr } = await optimiseOn(dbFile, ...args);
			expect(stderr).toBe('');
			expect(code).toBe(0);
			const printed = JSON.parse(stdout);
			const answer = await pageAnswer(dbFile, req);
			expect(comparable(printed)).toEqual({
				partnership: 'trafford',
				service: req.service,
				goal: answer.goal,
				distance: answer.distance,
				zones: answer.zoneCount,
				candidates: answer.candidateCount,
				hubs: answer.hubs,
				objective: answer.objective,
				annualRunningCostGbp: answer.annualRunningCostGbp,
				meanDistanceM: answer.meanDistanceM,
				meanMinutes: answer.meanMinutes,
				coveredShare: answer.coveredShare,
				bound: answer.bound,
				gap: answer.gap,
				lagrangianBound: answer.lagrangian?.bound ?? null,
				exact: answer.exact ? { ...answer.exact, seconds: undefined } : null,
				...(answer.capacity ? { capacity: answer.capacity } : {}),
				seed: 1,
				starts: 96
			});
			return printed;
		}

		it('most Trafford residents within a mile of 3 libraries, proven without HiGHS', async () => {
			const printed = await expectSame(
				'hubplan.sqlite',
				['--service', 'library', '--goal', 'coverage', '--k', '3', '--threshold-m', '1609', '--exact'],
				request({ goal: { kind: 'coverage', k: 3, thresholdCost: 1609 } })
			);
			// The Lagrangian bound proves it, so HiGHS is not needed.
			expect(printed).toMatchObject({ candidates: 13, gap: 0, lagrangian: { bound: printed.objective } });
			expect(printed.exact).toBeUndefined();
			expect(printed.hubs).toHaveLength(3);
		}, 60_000);

		it('least travel to 5 libraries, by road estimate, certified by HiGHS', async () => {
			const printed = await expectSame(
				'hubplan.sqlite',
				['--service', 'library', '--k', '5', '--distance', 'road', '--exact'],
				request({ distanceMode: 'road', goal: { kind: 'median', k: 5 } })
			);
			expect(printed.distance).toMatchObject({ mode: 'road', unit: 'm', circuity: 1.3 });
			expect(printed.gap).toBe(0);
			// Road distances are straight ones × 1.3, so the same hubs win at 1.3 × the travel.
			const straight = JSON.parse((await optimise('--service', 'library', '--k', '5')).stdout);
			expect(printed.hubs.map((h: { ref: string }) => h.ref)).toEqual(straight.hubs.map((h: { ref: string }) => h.ref));
			expect(printed.objective / straight.objective).toBeCloseTo(1.3, 9);
		}, 60_000);

		it('least travel to 5 libraries, each within its visit capacity per week, certified by HiGHS', async () => {
			// Every library given room for 4,000 visits a week; the pack's estimates add up to 17,132.
			const db = await openDb(path.join(dbDir, 'visits.sqlite'));
			await ensureDemoData(db, TEST_ACTOR);
			await db.update(t.site).set({ visitCapacityPerWeek: 4000 }).where(and(eq(t.site.partnershipId, DEMO_PARTNERSHIP_ID), eq(t.site.kind, 'library')));
			await closeDb(db);

			const printed = await expectSame(
				'visits.sqlite',
				['--service', 'library', '--k', '5', '--capacity', 'visits', '--exact'],
				request({ capacity: { basis: 'visits' }, goal: { kind: 'median', k: 5, capacitated: true } })
			);
			expect(printed.capacity).toEqual({ basis: 'visits' });
			type Hub = { assignedVisitsPerWeek: number; capacityVisitsPerWeek: number; capacityResidents: number | null };
			const hubs: Hub[] = printed.hubs;
			expect(hubs.reduce((sum, hub) => sum + hub.assignedVisitsPerWeek, 0)).toBeCloseTo(17_132, 6);
			for (const hub of hubs) {
				expect(hub).toMatchObject({ capacityVisitsPerWeek: 4000, capacityResidents: null });
				expect(hub.assignedVisitsPerWeek).toBeLessThanOrEqual(4000 * (1 + 1e-9));
			}
			expect(printed.gap).toBeLessThan(1e-6);
			const uncapacitated = JSON.parse((await optimiseOn('visits.sqlite', '--service', 'library', '--k', '5')).stdout);
			expect(printed.objective).toBeGreaterThan(uncapacitated.objective);
		}, 60_000);

		it('over an imported travel-time matrix, in minutes, estimating the library it lacks', async () => {
			// A matrix timing 12 of the 13 libraries at 250 m a minute of straight-line distance, rounded to the minute.
			const db = await openDb(path.join(dbDir, 'matrix.sqlite'));
			await ensureDemoData(db, TEST_ACTOR);
			const partnershipId = DEMO_PARTNERSHIP_ID;
			const data = await loadEngineData(db, partnershipId);
			const libraries = data.sites.filter((s) => s.services.some((x) => x.service === 'library'));
			const [{ id }] = await db.insert(t.travelMatrix).values({ partnershipId, name: 'test', mode: 'public_transport' }).returning();
			await db.insert(t.travelTime)
				.values(
					data.zones.flatMap((z) =>
						libraries.slice(1).map((s) => ({ matrixId: id, zoneCode: z.code, siteRef: s.ref, minutes: Math.round(haversineM(z.lon, z.lat, s.lon, s.lat) / 250) }))
					)
				);
			await closeDb(db);

			const printed = await expectSame(
				'matrix.sqlite',
				['--service', 'library', '--goal', 'fewest', '--distance', 'matrix', '--threshold-min', '10', '--target', '0.5', '--exact'],
				request({ distanceMode: 'matrix', goal: { kind: 'fewest', thresholdCost: 10, targetShare: 0.5 } })
			);
			expect(printed.distance).toEqual({
				mode: 'matrix', unit: 'min', circuity: null, matrixMode: 'public_transport', estimatedPairs: 139, noRoutePairs: 0, noRouteMinutes: null
			});
			expect(printed).toMatchObject({ meanDistanceM: null, gap: 0, lagrangian: { bound: printed.objective } });
			expect(printed.exact).toBeUndefined();
			expect(printed.meanMinutes).toBeGreaterThan(0);
			expect(printed.coveredShare).toBeGreaterThanOrEqual(0.5);
			const metres = await optimiseOn('matrix.sqlite', '--service', 'library', '--goal', 'fewest', '--distance', 'matrix', '--threshold-m', '800', '--target', '0.5');
			expect(metres.code).toBe(2);
			expect(metres.stderr).toContain('--threshold-m does not apply to --distance matrix; give the threshold as --threshold-min (minutes).');
		}, 60_000);
	});

	it('refuses matrix distances when no travel-time matrix has been imported, and an unknown distance', async () => {
		const none = await optimise('--service', 'library', '--k', '3', '--distance', 'matrix');
		expect(none.code).toBe(2);
		expect(none.stderr).toContain("Distance mode 'matrix' needs an imported travel-time matrix, and none has been imported");
		const unknown = await optimise('--service', 'library', '--k', '3', '--distance', 'crow');
		expect(unknown.stderr).toContain('--distance "crow": expected straight, road or matrix.');
		const circuity = await optimise('--service', 'library', '--k', '3', '--distance', 'straight', '--circuity', '1.2');
		expect(circuity.stderr).toContain('--circuity applies to --distance road only, not straight.');
	}, 60_000);
});
