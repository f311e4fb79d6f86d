import highsLoader from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { goalObjective, provenGap, solveExact } from '../../../src/lib/engine/locate/exact';
import { certify, locate } from '../../../src/lib/engine/locate';
import { solvePMedian } from '../../../src/lib/engine/locate/pmedian';
import { coveredWeight, totalWeight, weightedNearestCost } from '../../../src/lib/engine/locate/problem';
import { bruteForce, randomProblem, subsets } from './helpers';

let highs: Awaited<ReturnType<typeof highsLoader>>;
beforeAll(async () => {
	highs = await highsLoader();
});

describe('solveExact with HiGHS', async () => {
	const problem = randomProblem(21, 25, 10);

	it('proves the p-median optimum that brute force finds', async () => {
		for (const k of [1, 3]) {
			const best = bruteForce(10, k, (open) => weightedNearestCost(problem, open));
			const result = solveExact(highs, problem, { kind: 'median', k });
			expect(result.status).toBe('optimal');
			expect(result.objective).toBeCloseTo(best, 6);
			expect(result.bound).toBeCloseTo(best, 3);
			expect(result.open).toHaveLength(k);
		}
	});

	it('proves the maximal-coverage optimum that brute force finds', async () => {
		const best = bruteForce(10, 2, (open) => coveredWeight(problem, open, 2_500), true);
		const result = solveExact(highs, problem, { kind: 'coverage', k: 2, thresholdCost: 2_500 });
		expect(result.status).toBe('optimal');
		expect(result.objective).toBe(best);
		expect(result.bound).toBeCloseTo(best, 3);
	});

	it('proves the fewest hubs that brute force finds', async () => {
		const total = totalWeight(problem);
		let fewest = Infinity;
		for (let k = 1; k <= 10 && fewest === Infinity; k++)
			for (const open of subsets(10, k)) if (coveredWeight(problem, open, 3_000) >= 0.8 * total) fewest = Math.min(fewest, k);
		expect(fewest).toBeGreaterThan(1);
		expect(fewest).toBeLessThan(10);
		const result = solveExact(highs, problem, { kind: 'fewest', thresholdCost: 3_000, targetShare: 0.8 });
		expect(result.status).toBe('optimal');
		expect(result.objective).toBe(fewest);
		expect(result.bound).toBe(fewest);
		expect(coveredWeight(problem, result.open, 3_000)).toBeGreaterThanOrEqual(0.8 * total);
	});

	it('respects must-keep and must-close, and accepts the heuristic as a starting incumbent', async () => {
		const heuristic = solvePMedian(problem, 3, { mustKeep: [0], mustClose: [1] });
		const result = solveExact(highs, problem, { kind: 'median', k: 3 }, { mustKeep: [0], mustClose: [1], incumbent: heuristic.open });
		expect(result.open).toContain(0);
		expect(result.open).not.toContain(1);
		expect(provenGap(heuristic.objective, result.bound, false)).toBe(0);
		expect(goalObjective(problem, { kind: 'median', k: 3 }, result.open)).toBeCloseTo(heuristic.objective, 6);
	});

	it('reports an infeasible coverage target as infeasible', async () => {
		const result = solveExact(highs, problem, { kind: 'fewest', thresholdCost: 1, targetShare: 0.99 });
		expect(result.status).toBe('infeasible');
		expect(result.open).toEqual([]);
	});
});

describe('certify', async () => {
	it('proves a p-median answer optimal with the Lagrangian bound and HiGHS on the fixed model', async () => {
		const problem = randomProblem(33, 60, 25);
		const answer = locate(problem, { kind: 'median', k: 4 });
		const best = bruteForce(25, 4, (open) => weightedNearestCost(problem, open));
		expect(answer.objective).toBeCloseTo(best, 6);
		const certificate = certify(problem, answer, { highs });
		expect(certificate.lagrangian!.bound).toBeLessThanOrEqual(best * (1 + 1e-9));
		expect(certificate.gap).toBe(0);
		expect(certificate.bound).toBeCloseTo(best, 3);
	});

	it('reports a positive gap when the answer is not optimal', async () => {
		const problem = randomProblem(33, 60, 25);
		const optimal = locate(problem, { kind: 'coverage', k: 3, thresholdCost: 2_000 });
		const worse = { ...optimal, open: [0, 1, 2], objective: coveredWeight(problem, [0, 1, 2], 2_000) };
		expect(worse.objective).toBeLessThan(optimal.objective);
		const certificate = certify(problem, worse, { highs });
		expect(certificate.bound).toBe(optimal.objective);
		expect(certificate.gap).toBeCloseTo((optimal.objective - worse.objective) / optimal.objective, 9);
	});
});

describe('provenGap', async () => {
	it('is relative to the bound, zero within float noise, and never negative', async () => {
		expect(provenGap(110, 100, false)).toBeCloseTo(0.1, 12);
		expect(provenGap(90, 100, true)).toBeCloseTo(0.1, 12);
		expect(provenGap(7824, 7823.999999999994, false)).toBe(0);
		expect(provenGap(99, 100, false)).toBe(0);
	});
});
