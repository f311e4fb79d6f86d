import highsLoader, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateOpen, locate, solveExact } from '../../../src/lib/engine/locate';
import { CoverState } from '../../../src/lib/engine/locate/cover-state';
import { mulberry32 } from '../../../src/lib/engine/locate/random';
import { serviceProblem } from '../../../src/lib/engine/locate/cost-matrix';
import { solveSetCover } from '../../../src/lib/engine/locate/lscp';
import { solveMaxCoverage } from '../../../src/lib/engine/locate/mclp';
import { coverIndex } from '../../../src/lib/engine/locate/cover-index';
import { checkProblem, coveredWeight, totalWeight } from '../../../src/lib/engine/locate/problem';
import { packData } from '../engine/fixtures';
import { bruteForce, randomProblem, subsets } from './helpers';

describe('solveMaxCoverage (MCLP)', async () => {
	it('matches brute force on seeded instances', async () => {
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

	it('refuses a negative threshold', async () => {
		expect(() => solveMaxCoverage(randomProblem(1, 5, 3), 1, -5)).toThrow('got -5');
	});

	it('checks every cost on its one pass over the matrix, with the message checkProblem gives', async () => {
		// Bad entries within the threshold, beyond it, and in a row with no weight (left out of the index).
		for (const [at, bad] of [[4, -1], [7, NaN], [9, Infinity], [1, -Infinity]] as const) {
			const problem = randomProblem(2, 5, 3);
			problem.weights[at === 1 ? 0 : 3] = 0;
			problem.cost[at] = bad;
			const expected = (() => {
				try {
					checkProblem(problem);
				} catch (error) {
					return (error as Error).message;
				}
			})();
			expect(expected).toContain(`cost[${at}]`);
			expect(() => solveMaxCoverage(problem, 1, 2_500)).toThrow(expected);
			expect(() => coverIndex(problem, 2_500, [0, 1, 2])).toThrow(expected);
		}
	});

	it('reads rows in blocks of four yet names the first bad cost, and accepts huge finite costs', async () => {
		// 9 candidates: two blocks of four and one left over. Each case lists [index, value] pairs;
		// the first bad one in matrix order is the one named.
		const cases: [number, number][][] = [
			[[11, NaN], [13, -2]], // NaN in a block, then a negative within the threshold in the same row
			[[16, 5], [17, Infinity]], // in the last, short part of a row
			[[20, Infinity], [19, -1]], // the negative comes first
			[[30, -Infinity]]
		];
		for (const bad of cases) {
			const problem = randomProblem(3, 6, 9);
			for (const [at, value] of bad) problem.cost[at] = value;
			const first = bad.filter(([, value]) => !(value >= 0 && value < Infinity)).sort((a, b) => a[0] - b[0])[0][0];
			expect(() => coverIndex(problem, 2_500, [0, 1, 2, 3, 4, 5, 6, 7, 8])).toThrow(`cost[${first}] `);
		}
		const huge = randomProblem(3, 6, 9);
		huge.cost.fill(Number.MAX_VALUE, 9, 18); // a row whose sum overflows, though every cost is finite
		expect(coverIndex(huge, 2_500, [0, 1, 2, 3, 4, 5, 6, 7, 8]).classCount).toBeGreaterThan(0);
	});
});

describe('evaluateOpen and the cover state', async () => {
	it('reports the mean cost and covered share of one pass as direct sums give them', async () => {
		const problem = randomProblem(4, 30, 8);
		const open = [1, 4, 6];
		let travel = 0;
		let covered = 0;
		for (let i = 0; i < problem.demandCount; i++) {
			const nearest = Math.min(...open.map((j) => problem.cost[i * problem.candidateCount + j]));
			travel += problem.weights[i] * nearest;
			if (nearest <= 2_500) covered += problem.weights[i];
		}
		const total = totalWeight(problem);
		const coverage = evaluateOpen(problem, { kind: 'coverage', k: 3, thresholdCost: 2_500 }, open);
		expect(coverage.objective).toBe(covered);
		expect(coverage.coveredShare).toBeCloseTo(covered / total, 12);
		expect(coverage.meanCost).toBeCloseTo(travel / total, 9);
		expect(evaluateOpen(problem, { kind: 'median', k: 3 }, open).objective).toBeCloseTo(travel, 6);
		expect(() => evaluateOpen(problem, { kind: 'coverage', k: 3, thresholdCost: 2_500 }, [])).toThrow('got none');
	});

	it('keeps the gain of every candidate up to date as candidates open and close', async () => {
		const problem = randomProblem(5, 60, 15);
		const index = coverIndex(problem, 2_500, Array.from({ length: 15 }, (_, j) => j));
		const state = new CoverState(index, true);
		const random = mulberry32(3);
		state.load([2, 9]);
		for (let move = 0; move < 40; move++) {
			const j = Math.floor(random() * 15);
			if (state.isOpen[j]) state.close(j);
			else state.open(j);
			for (let u = 0; u < 15; u++) expect(state.gains[u]).toBeCloseTo(state.isOpen[u] ? 0 : state.gain(u), 9);
		}
	});
});

describe('solveSetCover (fewest hubs for a target share)', async () => {
	it('matches brute force on seeded instances', async () => {
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

	it('fails before solving when no set of candidates reaches the target, quoting the numbers', async () => {
		// Demand 0 (weight 3) is within 500 of candidate 0; demand 1 (weight 1) is near nothing.
		const problem = { cost: new Float64Array([100, 900, 900, 900]), demandCount: 2, candidateCount: 2, weights: new Float64Array([3, 1]) };
		expect(() => solveSetCover(problem, 500, 0.9)).toThrow(
			'No set of candidates can cover 90.0 % of demand within 500: all 2 allowed candidates together cover 75.0 % (3 of 4).'
		);
		expect(solveSetCover(problem, 500, 0.75).open).toEqual([0]);
	});

	it('counts must-keep hubs and never opens must-close ones', async () => {
		const problem = randomProblem(9, 40, 12);
		const free = solveSetCover(problem, 3_000, 0.8);
		const closed = free.open[0];
		const withClosure = solveSetCover(problem, 3_000, 0.8, { mustClose: [closed], mustKeep: [closed === 0 ? 1 : 0] });
		expect(withClosure.open).not.toContain(closed);
		expect(withClosure.open).toContain(closed === 0 ? 1 : 0);
		expect(withClosure.open.length).toBeGreaterThanOrEqual(free.open.length);
	});

	it('refuses a target outside (0, 1]', async () => {
		expect(() => solveSetCover(randomProblem(1, 5, 3), 1_000, 1.5)).toThrow('at most 1, got 1.5');
	});
});

describe('coverage goals on the Greater Manchester pack', async () => {
	const { problem } = serviceProblem(await packData('greater-manchester'), 'post_office');
	let highs: Highs;
	beforeAll(async () => {
		highs = await highsLoader();
	});

	it('proves the most-covered answer with its own Lagrangian bound, and HiGHS agrees', async () => {
		const goal = { kind: 'coverage' as const, k: 10, thresholdCost: 1609.344 };
		const answer = locate(problem, goal);
		expect(answer.objective).toBe(answer.searchBound!.value);
		const exact = solveExact(highs, problem, goal, { timeLimitS: 30 });
		expect(exact.status).toBe('optimal');
		expect(exact.objective).toBe(answer.objective);
	});

	it('proves the fewest hubs for half the residents within a mile without HiGHS', async () => {
		const answer = locate(problem, { kind: 'fewest', thresholdCost: 1609.344, targetShare: 0.5 });
		expect(answer.open.length).toBe(answer.searchBound!.value);
		expect(answer.coveredShare).toBeGreaterThanOrEqual(0.5);
	});
});
