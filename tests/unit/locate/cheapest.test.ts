import highsLoader from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { solveCheapest } from '../../../src/lib/engine/locate/cheapest';
import { solveExact } from '../../../src/lib/engine/locate/exact';
import { certify, locate } from '../../../src/lib/engine/locate';
import { mulberry32 } from '../../../src/lib/engine/locate/random';
import { coveredWeight, openingCostOf, totalWeight, type LocationProblem } from '../../../src/lib/engine/locate/problem';
import { randomProblem } from './helpers';

/** A seeded instance with whole-pound running costs from £10,000 to £99,999. */
function costedProblem(seed: number, demandCount: number, candidateCount: number): LocationProblem {
	const random = mulberry32(seed * 7919);
	const openingCost = Float64Array.from({ length: candidateCount }, () => 10_000 + Math.floor(random() * 90_000));
	return { ...randomProblem(seed, demandCount, candidateCount), openingCost };
}

/** Least cost over all 2^m subsets that cover the target share, or Infinity; m small. */
function cheapestByBruteForce(problem: LocationProblem, thresholdCost: number, targetShare: number, mustClose: number[] = []): number {
	const m = problem.candidateCount;
	const needed = targetShare * totalWeight(problem) * (1 - 1e-12);
	let best = Infinity;
	for (let mask = 1; mask < 1 << m; mask++) {
		const open: number[] = [];
		for (let j = 0; j < m; j++) if (mask & (1 << j)) open.push(j);
		if (open.some((j) => mustClose.includes(j))) continue;
		const cost = openingCostOf(problem, open);
		if (cost < best && coveredWeight(problem, open, thresholdCost) >= needed) best = cost;
	}
	return best;
}

let highs: Awaited<ReturnType<typeof highsLoader>>;
beforeAll(async () => {
	highs = await highsLoader();
});

describe('solveCheapest (least running cost for a coverage floor)', async () => {
	it('matches brute force over every subset on seeded instances, heuristic and HiGHS alike', async () => {
		let feasible = 0;
		for (let seed = 1; seed <= 6; seed++) {
			const problem = costedProblem(seed, 40, 12);
			for (const target of [0.5, 0.8, 0.95]) {
				const best = cheapestByBruteForce(problem, 3_000, target);
				if (best === Infinity) {
					expect(() => solveCheapest(problem, 3_000, target)).toThrow(/No set of candidates can cover/);
					continue;
				}
				const result = solveCheapest(problem, 3_000, target, { starts: 8 });
				expect(result.totalCost).toBe(best);
				expect(openingCostOf(problem, result.open)).toBe(best);
				expect(result.coveredWeight).toBeGreaterThanOrEqual(target * totalWeight(problem) * (1 - 1e-12));
				expect(result.coveredWeight).toBe(coveredWeight(problem, result.open, 3_000));
				const exact = solveExact(highs, problem, { kind: 'cheapest', thresholdCost: 3_000, targetShare: target });
				expect(exact.status).toBe('optimal');
				expect(exact.objective).toBe(best);
				expect(exact.bound).toBeCloseTo(best, 2);
				feasible++;
			}
		}
		expect(feasible).toBeGreaterThan(12);
	});

	it('prefers two cheap hubs to one dear hub that covers the same people', async () => {
		// Demand 0 and 1 (weight 1 each): candidate 0 reaches both for 100; 1 and 2 reach one each for 30.
		const problem: LocationProblem = {
			cost: new Float64Array([100, 100, 900, 100, 900, 100]),
			demandCount: 2,
			candidateCount: 3,
			weights: new Float64Array([1, 1]),
			openingCost: new Float64Array([100, 30, 30])
		};
		expect(solveCheapest(problem, 500, 1)).toMatchObject({ open: [1, 2], totalCost: 60, coveredShare: 1 });
		// Greedy opens 1 then 2 (ratio 1/30 each beats 2/100); half the demand needs only one.
		expect(solveCheapest(problem, 500, 0.5)).toMatchObject({ open: [1], totalCost: 30 });
	});

	it('fails before solving when no set of candidates reaches the target, quoting the numbers', async () => {
		const problem: LocationProblem = {
			cost: new Float64Array([100, 900, 900, 900]),
			demandCount: 2,
			candidateCount: 2,
			weights: new Float64Array([3, 1]),
			openingCost: new Float64Array([10, 20])
		};
		expect(() => solveCheapest(problem, 500, 0.9)).toThrow(
			'No set of candidates can cover 90.0 % of demand within 500: all 2 allowed candidates together cover 75.0 % (3 of 4).'
		);
	});

	it('needs a cost for every candidate that may be opened, but not for must-close ones', async () => {
		const problem = costedProblem(2, 30, 8);
		const openingCost = Float64Array.from(problem.openingCost!);
		openingCost[3] = NaN;
		const missing = { ...problem, openingCost };
		expect(() => solveCheapest(missing, 3_000, 0.5)).toThrow('openingCost is missing or invalid for candidates 3 (NaN)');
		expect(() => solveCheapest({ ...problem, openingCost: undefined }, 3_000, 0.5)).toThrow('The cheapest goal needs openingCost');
		const result = solveCheapest(missing, 3_000, 0.5, { mustClose: [3], starts: 8 });
		expect(result.open).not.toContain(3);
		expect(result.totalCost).toBe(cheapestByBruteForce(problem, 3_000, 0.5, [3]));
	});

	it('keeps must-keep hubs, paying for them, and is deterministic for a seed', async () => {
		const problem = costedProblem(4, 60, 20);
		const free = solveCheapest(problem, 2_500, 0.7);
		const dearest = [...Array(20).keys()].sort((a, b) => problem.openingCost![b] - problem.openingCost![a])[0];
		const kept = solveCheapest(problem, 2_500, 0.7, { mustKeep: [dearest] });
		expect(kept.open).toContain(dearest);
		expect(kept.totalCost).toBeGreaterThanOrEqual(free.totalCost);
		// Everything but the time the bound took.
		const untimed = ({ lowerBound, ...rest }: ReturnType<typeof solveCheapest>) => ({ ...rest, lowerBound: lowerBound.value });
		expect(untimed(solveCheapest(problem, 2_500, 0.7, { seed: 5 }))).toEqual(untimed(solveCheapest(problem, 2_500, 0.7, { seed: 5 })));
	});

	it('is certified optimal by HiGHS through locate and certify, with the cost as objective', async () => {
		const problem = costedProblem(6, 80, 30);
		const goal = { kind: 'cheapest' as const, thresholdCost: 2_500, targetShare: 0.8 };
		const answer = locate(problem, goal);
		expect(answer.objective).toBe(openingCostOf(problem, answer.open));
		expect(answer.coveredShare).toBeGreaterThanOrEqual(0.8 * (1 - 1e-12));
		const certificate = certify(problem, answer, { highs });
		expect(certificate.exact!.status).toBe('optimal');
		expect(certificate.gap).toBe(0);
		expect(certificate.bound).toBeCloseTo(answer.objective, 2);
	});
});
