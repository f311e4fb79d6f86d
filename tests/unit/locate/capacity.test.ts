import highsLoader from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { solveCapacitatedMedian } from '../../../src/lib/engine/locate/capacity';
import { solveExact } from '../../../src/lib/engine/locate/exact';
import { certify, locate } from '../../../src/lib/engine/locate';
import { solvePMedian } from '../../../src/lib/engine/locate/pmedian';
import { mulberry32 } from '../../../src/lib/engine/locate/random';
import type { LocationProblem } from '../../../src/lib/engine/locate/problem';
import { randomProblem, subsets } from './helpers';

/** Demand = weight; capacities drawn so that `k` hubs hold the demand only with some care. */
function capacitatedProblem(seed: number, demandCount: number, candidateCount: number, k: number): LocationProblem {
	const problem = randomProblem(seed, demandCount, candidateCount);
	let total = 0;
	for (const w of problem.weights) total += w;
	const random = mulberry32(seed * 104_729);
	// Each hub holds 0.6–1.4 × its fair share of k hubs, plus 20 % slack overall.
	const capacity = Float64Array.from({ length: candidateCount }, () => (1.2 * total * (0.6 + 0.8 * random())) / k);
	return { ...problem, capacity: { capacity, demand: Float64Array.from(problem.weights) } };
}

let highs: Awaited<ReturnType<typeof highsLoader>>;
beforeAll(async () => {
	highs = await highsLoader();
});

describe('solveCapacitatedMedian (least travel with hub capacities)', () => {
	it('sends demand past a full hub, as in the example', () => {
		const problem: LocationProblem = {
			cost: new Float64Array([0, 10, 1, 9]),
			demandCount: 2,
			candidateCount: 2,
			weights: new Float64Array([5, 5]),
			capacity: { capacity: new Float64Array([6, 10]), demand: new Float64Array([5, 5]) }
		};
		expect(solveCapacitatedMedian(problem, 1)).toMatchObject({ open: [1], objective: 95 });
		// With both open, demand 0 (regret 5 × 10) takes candidate 0 whole; demand 1 (regret 5 × 8)
		// gets its last unit of room (a fifth of it) and the rest goes to candidate 1.
		const both = solveCapacitatedMedian(problem, 2);
		expect(both.open).toEqual([0, 1]);
		expect(Array.from(both.load)).toEqual([6, 4]);
		expect(both.objective).toBeCloseTo(5 * 0 + 1 * 1 + 4 * 9, 9);
	});

	it('stays feasible and within 2 % of the optimum that brute force over HiGHS assignments finds', () => {
		let optimal = 0;
		let runs = 0;
		for (let seed = 1; seed <= 5; seed++) {
			for (const k of [2, 3]) {
				const problem = capacitatedProblem(seed, 20, 7, k);
				const goal = { kind: 'median' as const, k, capacitated: true };
				// Brute force: HiGHS gives each k-subset its optimal split of demand (y fixed by must-keep).
				let best = Infinity;
				for (const open of subsets(7, k)) {
					const fits = open.reduce((sum, j) => sum + problem.capacity!.capacity[j], 0) >= problem.capacity!.demand.reduce((a, b) => a + b, 0);
					if (!fits) continue;
					best = Math.min(best, solveExact(highs, problem, goal, { mustKeep: open }).objective);
				}
				const exact = solveExact(highs, problem, goal);
				expect(exact.status).toBe('optimal');
				expect(exact.objective).toBeCloseTo(best, 4);

				const result = solveCapacitatedMedian(problem, k, { starts: 8 });
				expect(result.open).toHaveLength(k);
				const demand = problem.capacity!.demand.reduce((a, b) => a + b, 0);
				expect(result.load.reduce((a, b) => a + b, 0)).toBeCloseTo(demand, 6);
				for (let j = 0; j < 7; j++) expect(result.load[j]).toBeLessThanOrEqual(problem.capacity!.capacity[j] * (1 + 1e-9));
				expect(result.objective).toBeGreaterThanOrEqual(best * (1 - 1e-9));
				// Measured: optimal on 7 of these 10, at most 1.96 % above (the split of demand is not proven optimal).
				expect(result.objective).toBeLessThanOrEqual(best * 1.02);
				if (result.objective <= best * (1 + 1e-9)) optimal++;
				runs++;
			}
		}
		expect(runs).toBe(10);
		expect(optimal).toBeGreaterThanOrEqual(7);
	});

	it('equals the uncapacitated answer when no capacity binds', () => {
		const problem = randomProblem(8, 40, 15);
		const roomy = { ...problem, capacity: { capacity: new Float64Array(15).fill(1e9), demand: Float64Array.from(problem.weights) } };
		const plain = solvePMedian(problem, 4);
		const capped = solveCapacitatedMedian(roomy, 4);
		expect(capped.open).toEqual(plain.open);
		expect(capped.objective).toBeCloseTo(plain.objective, 6);
	});

	it('fails before solving when no k hubs can hold the demand, quoting the numbers', () => {
		const problem: LocationProblem = {
			cost: new Float64Array([1, 2, 3, 1, 2, 3]),
			demandCount: 2,
			candidateCount: 3,
			weights: new Float64Array([500, 700]),
			capacity: { capacity: new Float64Array([700, 300, 600]), demand: new Float64Array([500, 700]) }
		};
		expect(() => solveCapacitatedMedian(problem, 1)).toThrow(
			'No 1 hubs can hold the demand: the largest 1 that may be chosen hold 700 in all, but the demand is 1,200. Choose more hubs or raise the capacities.'
		);
		expect(() => solveCapacitatedMedian(problem, 2, { mustKeep: [1] })).toThrow(
			'the largest 2 that may be chosen (with the 1 must-keep) hold 1,000 in all, but the demand is 1,200'
		);
		expect(solveCapacitatedMedian(problem, 2).open).toEqual([0, 2]);
		expect(() => solveCapacitatedMedian({ ...problem, capacity: undefined }, 2)).toThrow('A capacitated goal needs capacity');
	});

	it('is certified by HiGHS through locate and certify; the uncapacitated Lagrangian bound stays below', () => {
		const problem = capacitatedProblem(3, 30, 10, 3);
		const goal = { kind: 'median' as const, k: 3, capacitated: true };
		const answer = locate(problem, goal);
		const certificate = certify(problem, answer, { highs });
		expect(certificate.exact!.status).toBe('optimal');
		expect(certificate.lagrangian!.bound).toBeLessThanOrEqual(certificate.exact!.bound * (1 + 1e-9));
		expect(certificate.bound!).toBeLessThanOrEqual(answer.objective * (1 + 1e-12));
		expect(certificate.gap).toBeGreaterThanOrEqual(0);
		expect(certificate.gap).toBeLessThan(0.02);
		expect(answer.meanCost).toBeCloseTo(answer.objective / problem.weights.reduce((a, b) => a + b, 0), 9);
	});
});
