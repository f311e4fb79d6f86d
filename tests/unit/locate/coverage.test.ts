import highsLoader, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { locate, solveExact } from '../../../src/lib/engine/locate';
import { serviceProblem } from '../../../src/lib/engine/locate/cost-matrix';
import { solveSetCover } from '../../../src/lib/engine/locate/lscp';
import { solveMaxCoverage } from '../../../src/lib/engine/locate/mclp';
import { coveredWeight, totalWeight } from '../../../src/lib/engine/locate/problem';
import { packData } from '../engine/fixtures';
import { bruteForce, randomProblem, subsets } from './helpers';

describe('solveMaxCoverage (MCLP)', () => {
	it('matches brute force on seeded instances', () => {
		for (let seed = 1; seed <= 6; seed++) {
			const problem = randomProblem(seed, 40, 12);
			for (const k of [1, 2, 3, 5]) {
				const best = bruteForce(12, k, (open) => coveredWeight(problem, open, 2_500), true);
				const result = solveMaxCoverage(problem, k, 2_500, { starts: 8 });
				expect(result.coveredWeight).toBe(best);
				expect(coveredWeight(problem, result.open, 2_500)).toBe(best);
				expect(result.coveredShare).toBeCloseTo(best / totalWeight(problem), 12);
			}
		}
	});

	it('refuses a negative threshold', () => {
		expect(() => solveMaxCoverage(randomProblem(1, 5, 3), 1, -5)).toThrow('got -5');
	});
});

describe('solveSetCover (fewest hubs for a target share)', () => {
	it('matches brute force on seeded instances', () => {
		let feasible = 0;
		for (let seed = 1; seed <= 6; seed++) {
			const problem = randomProblem(seed, 40, 12);
			const total = totalWeight(problem);
			for (const target of [0.5, 0.8, 0.95]) {
				let fewest = Infinity;
				for (let k = 1; k <= 12 && fewest === Infinity; k++) {
					for (const open of subsets(12, k)) {
						if (coveredWeight(problem, open, 3_000) >= target * total) {
							fewest = k;
							break;
						}
					}
				}
				if (fewest === Infinity) {
					expect(() => solveSetCover(problem, 3_000, target)).toThrow(/No set of candidates can cover/);
					continue;
				}
				const result = solveSetCover(problem, 3_000, target, { starts: 8 });
				expect(result.open).toHaveLength(fewest);
				expect(result.coveredWeight).toBeGreaterThanOrEqual(target * total);
				feasible++;
			}
		}
		expect(feasible).toBeGreaterThan(12);
	});

	it('fails before solving when no set of candidates reaches the target, quoting the numbers', () => {
		// Demand 0 (weight 3) is within 500 of candidate 0; demand 1 (weight 1) is near nothing.
		const problem = { cost: new Float64Array([100, 900, 900, 900]), demandCount: 2, candidateCount: 2, weights: new Float64Array([3, 1]) };
		expect(() => solveSetCover(problem, 500, 0.9)).toThrow(
			'No set of candidates can cover 90.0 % of demand within 500: all 2 allowed candidates together cover 75.0 % (3 of 4).'
		);
		expect(solveSetCover(problem, 500, 0.75).open).toEqual([0]);
	});

	it('counts must-keep hubs and never opens must-close ones', () => {
		const problem = randomProblem(9, 40, 12);
		const free = solveSetCover(problem, 3_000, 0.8);
		const closed = free.open[0];
		const withClosure = solveSetCover(problem, 3_000, 0.8, { mustClose: [closed], mustKeep: [closed === 0 ? 1 : 0] });
		expect(withClosure.open).not.toContain(closed);
		expect(withClosure.open).toContain(closed === 0 ? 1 : 0);
		expect(withClosure.open.length).toBeGreaterThanOrEqual(free.open.length);
	});

	it('refuses a target outside (0, 1]', () => {
		expect(() => solveSetCover(randomProblem(1, 5, 3), 1_000, 1.5)).toThrow('at most 1, got 1.5');
	});
});

describe('coverage goals on the Greater Manchester pack', () => {
	const { problem } = serviceProblem(packData('greater-manchester'), 'post_office');
	let highs: Highs;
	beforeAll(async () => {
		highs = await highsLoader();
	});

	it('proves the most-covered answer with its own Lagrangian bound, and HiGHS agrees', () => {
		const goal = { kind: 'coverage' as const, k: 10, thresholdCost: 1609.344 };
		const answer = locate(problem, goal);
		expect(answer.objective).toBe(answer.searchBound!.value);
		const exact = solveExact(highs, problem, goal, { timeLimitS: 30 });
		expect(exact.status).toBe('optimal');
		expect(exact.objective).toBe(answer.objective);
	});

	it('proves the fewest hubs for half the residents within a mile without HiGHS', () => {
		const answer = locate(problem, { kind: 'fewest', thresholdCost: 1609.344, targetShare: 0.5 });
		expect(answer.open.length).toBe(answer.searchBound!.value);
		expect(answer.coveredShare).toBeGreaterThanOrEqual(0.5);
	});
});
