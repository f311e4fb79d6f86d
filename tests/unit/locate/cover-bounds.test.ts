import { describe, expect, it } from 'vitest';
import { coverCostLowerBound, maxCoverUpperBound } from '../../../src/lib/engine/locate/cover-bounds';
import { coverIndex } from '../../../src/lib/engine/locate/cover-index';
import { solveMaxCoverage } from '../../../src/lib/engine/locate/mclp';
import { mulberry32 } from '../../../src/lib/engine/locate/random';
import { coveredWeight, openingCostOf, totalWeight } from '../../../src/lib/engine/locate/problem';
import { bruteForce, randomProblem, subsets } from './helpers';

const all = (m: number) => Array.from({ length: m }, (_, j) => j);

describe('coverIndex', () => {
	it('merges demand reached by the same candidates, drops what nothing reaches, and keeps every weight', async () => {
		// Demand 0 and 2 are both reached by candidates 0 and 1 only; demand 3 by nothing; demand 4 has no weight.
		const cost = new Float64Array([100, 200, 900, 900, 900, 100, 150, 250, 900, 900, 900, 900, 100, 100, 900]);
		const problem = { cost, demandCount: 5, candidateCount: 3, weights: new Float64Array([5, 7, 11, 13, 0]) };
		const index = coverIndex(problem, 300, [0, 1, 2]);
		expect(index.classCount).toBe(2);
		expect(Array.from(index.classWeight)).toEqual([16, 7]);
		expect(index.totalWeight).toBe(36);
		expect(index.reachableWeight).toBe(23);
		expect(Array.from(index.reach.subarray(index.reachStart[0], index.reachStart[1]))).toEqual([0, 1]);
		expect(Array.from(index.covers.subarray(index.coverStart[2], index.coverStart[3]))).toEqual([1]);
		// Without candidate 2, demand 1 is reached by nothing.
		expect(coverIndex(problem, 300, [0, 1]).reachableWeight).toBe(16);
	});

	it('agrees with the dense matrix on covered weight for every small open set', async () => {
		// Rows read four costs at a time: widths with and without a remainder, every candidate allowed or only some.
		for (const m of [3, 8, 11]) {
			const problem = randomProblem(m, 60, m);
			for (const allowed of [all(m), all(m).filter((j) => j % 3 !== 1)]) {
				const index = coverIndex(problem, 2_500, allowed);
				for (const open of subsets(allowed.length, Math.min(3, allowed.length))) {
					const openIds = open.map((q) => allowed[q]);
					let covered = 0;
					for (let c = 0; c < index.classCount; c++) {
						const reach = index.reach.subarray(index.reachStart[c], index.reachStart[c + 1]);
						if (openIds.some((j) => reach.includes(j))) covered += index.classWeight[c];
					}
					expect(covered).toBe(coveredWeight(problem, openIds, 2_500));
				}
			}
		}
	});
});

describe('maxCoverUpperBound (Lagrangian)', () => {
	it('never falls below the brute-force optimum, and meets it on most seeded instances', async () => {
		let met = 0;
		for (let seed = 1; seed <= 8; seed++) {
			const problem = randomProblem(seed, 40, 12);
			const index = coverIndex(problem, 2_500, all(12));
			for (const k of [2, 4]) {
				const optimum = bruteForce(12, k, (open) => coveredWeight(problem, open, 2_500), true);
				const start = solveMaxCoverage(problem, k, 2_500, { starts: 1 }).open;
				const { bound, chosen } = maxCoverUpperBound(index, [], all(12), k, start);
				expect(bound).toBeGreaterThanOrEqual(optimum);
				expect(chosen).toHaveLength(k);
				if (bound === optimum) met++;
			}
		}
		expect(met).toBeGreaterThanOrEqual(12);
	});

	it('counts must-keep coverage in full and bounds only the rest', async () => {
		const problem = randomProblem(5, 40, 10);
		const index = coverIndex(problem, 2_500, all(10));
		const optimum = bruteForce(10, 3, (open) => (open.includes(4) ? coveredWeight(problem, open, 2_500) : -Infinity), true);
		const free = all(10).filter((j) => j !== 4);
		const { bound, chosen } = maxCoverUpperBound(index, [4], free, 2, [4, 0, 1]);
		expect(bound).toBeGreaterThanOrEqual(optimum);
		expect(chosen).toContain(4);
	});
});

describe('coverCostLowerBound (Lagrangian)', () => {
	it('never exceeds the cheapest covering set found by brute force, and rounds to whole-pound multiples', async () => {
		let tight = 0;
		for (let seed = 1; seed <= 6; seed++) {
			const problem = randomProblem(seed, 40, 10);
			const random = mulberry32(seed);
			// Costs in £1,000 steps, so every answer is a multiple of the lattice the bound rounds to.
			const openingCost = Float64Array.from({ length: 10 }, () => 1_000 * (10 + Math.floor(random() * 90)));
			const costed = { ...problem, openingCost };
			const needed = 0.6 * totalWeight(problem) * (1 - 1e-12);
			let cheapest = Infinity;
			for (let k = 1; k <= 10; k++)
				for (const open of subsets(10, k))
					if (coveredWeight(problem, open, 3_000) >= needed) cheapest = Math.min(cheapest, openingCostOf(costed, open));
			if (cheapest === Infinity) continue;
			const { bound } = coverCostLowerBound(coverIndex(problem, 3_000, all(10)), openingCost, [], all(10), needed, cheapest);
			expect(bound).toBeLessThanOrEqual(cheapest);
			expect(bound).toBeGreaterThan(0.8 * cheapest);
			expect(bound % 1_000).toBe(0);
			if (bound === cheapest) tight++;
		}
		expect(tight).toBeGreaterThanOrEqual(2);
	});

	it('with unit costs bounds the number of hubs, counting must-keep hubs', async () => {
		const problem = randomProblem(2, 40, 10);
		const index = coverIndex(problem, 3_000, all(10));
		const needed = 0.9 * totalWeight(problem) * (1 - 1e-12);
		const unit = new Float64Array(10).fill(1);
		const { bound } = coverCostLowerBound(index, unit, [7], all(10).filter((j) => j !== 7), needed, 10);
		let fewest = Infinity;
		for (let k = 1; k <= 10 && fewest === Infinity; k++)
			for (const open of subsets(10, k)) if (open.includes(7) && coveredWeight(problem, open, 3_000) >= needed) fewest = k;
		expect(bound).toBeGreaterThanOrEqual(1);
		expect(bound).toBeLessThanOrEqual(fewest);
		expect(Number.isInteger(bound)).toBe(true);
	});
});
