import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROOF_TOLERANCE } from '../../../src/lib/engine/locate/iterated-search';
import { orLibProblem, parseOrLib } from '../../../src/lib/engine/locate/orlib';
import { solvePMedian } from '../../../src/lib/engine/locate/pmedian';
import { weightedNearestCost } from '../../../src/lib/engine/locate/problem';
import { bruteForce, PMED_DIR, pmedOptima, randomProblem } from './helpers';

const optima = pmedOptima();

describe('solvePMedian on OR-Library (Beasley, 1985)', () => {
	// pmed1–5 (n = 100) and two of the n = 200 set, including the hardest for multi-start, pmed10.
	// All ten run in `npm run bench optimise`.
	for (const name of ['pmed1', 'pmed2', 'pmed3', 'pmed4', 'pmed5', 'pmed7', 'pmed10']) {
		it(`reaches the published optimum on ${name}`, () => {
			const instance = parseOrLib(readFileSync(`${PMED_DIR}/${name}.txt`, 'utf8'));
			const { p, optimalCost } = optima.get(name)!;
			expect(instance.p).toBe(p);
			const result = solvePMedian(orLibProblem(instance), p);
			expect(result.objective).toBe(optimalCost);
			expect(result.open).toHaveLength(p);
			expect(weightedNearestCost(orLibProblem(instance), result.open)).toBe(optimalCost);
		});
	}
});

describe('solvePMedian on small seeded instances', () => {
	it('matches brute-force enumeration', async () => {
		for (let seed = 1; seed <= 6; seed++) {
			const problem = randomProblem(seed, 30, 12);
			for (const k of [1, 2, 4]) {
				const best = bruteForce(12, k, (open) => weightedNearestCost(problem, open));
				expect(solvePMedian(problem, k, { starts: 8 }).objective).toBeCloseTo(best, 6);
			}
		}
	});

	it('keeps must-keep candidates open and never opens must-close ones', async () => {
		const problem = randomProblem(7, 40, 15);
		const free = solvePMedian(problem, 3);
		const mustClose = [free.open[0]];
		const mustKeep = [free.open[0] === 14 ? 13 : 14];
		const constrained = solvePMedian(problem, 3, { mustKeep, mustClose });
		expect(constrained.open).toContain(mustKeep[0]);
		expect(constrained.open).not.toContain(mustClose[0]);
		expect(constrained.objective).toBeGreaterThanOrEqual(free.objective);
		const best = bruteForce(15, 3, (open) =>
			open.includes(mustKeep[0]) && !open.includes(mustClose[0]) ? weightedNearestCost(problem, open) : Infinity
		);
		expect(constrained.objective).toBeCloseTo(best, 6);
	});

	it('gives the same answer for the same seed, reports progress once per step, and stops early only when proven', async () => {
		const problem = randomProblem(11, 80, 40);
		for (const seed of [42, 7]) {
			const seen: number[] = [];
			const a = solvePMedian(problem, 6, { seed, starts: 10, onProgress: (p) => seen.push(p.start) });
			const b = solvePMedian(problem, 6, { seed, starts: 10 });
			expect({ ...b, lowerBound: b.lowerBound.value }).toEqual({ ...a, lowerBound: a.lowerBound.value });
			expect(seen).toEqual(Array.from({ length: a.starts }, (_, i) => i + 1));
			expect(a.lowerBound.value).toBeLessThanOrEqual(a.objective);
			if (a.starts < 20) expect(a.objective - a.lowerBound.value).toBeLessThanOrEqual(PROOF_TOLERANCE * a.objective);
		}
		const a = solvePMedian(problem, 6, { seed: 42, starts: 10 });
		const otherSeed = solvePMedian(problem, 6, { seed: 43, starts: 10 });
		expect(otherSeed.objective).toBeCloseTo(a.objective, 6);
	});

	it('opens every candidate when k equals the candidate count, and handles one demand point', async () => {
		const problem = randomProblem(3, 5, 4);
		expect(solvePMedian(problem, 4).open).toEqual([0, 1, 2, 3]);
		const single = { cost: new Float64Array([5, 2, 9]), demandCount: 1, candidateCount: 3, weights: new Float64Array([3]) };
		expect(solvePMedian(single, 1)).toMatchObject({ open: [1], objective: 6, meanCost: 2 });
	});
});

describe('infeasible requests fail before solving, quoting the numbers', () => {
	const problem = randomProblem(5, 10, 6);
	it('k larger than the candidates', async () => {
		expect(() => solvePMedian(problem, 7)).toThrow('k = 7 is more than the 6 candidates that may be opened.');
		expect(() => solvePMedian(problem, 5, { mustClose: [0, 1] })).toThrow(
			'k = 5 is more than the 4 candidates that may be opened (2 of 6 are must-close).'
		);
	});
	it('k smaller than the must-keep count', async () => {
		expect(() => solvePMedian(problem, 1, { mustKeep: [0, 2] })).toThrow('k = 1 is fewer than the 2 must-keep candidates');
	});
	it('k of zero, bad indices, and a candidate both kept and closed', async () => {
		expect(() => solvePMedian(problem, 0)).toThrow('k must be a whole number ≥ 1, got 0.');
		expect(() => solvePMedian(problem, 2, { mustKeep: [6] })).toThrow('mustKeep has index 6; candidate indices run from 0 to 5.');
		expect(() => solvePMedian(problem, 2, { mustKeep: [1], mustClose: [1] })).toThrow('Candidates 1 are both must-keep and must-close');
	});
	it('a matrix of the wrong size or a negative weight', async () => {
		expect(() => solvePMedian({ ...problem, demandCount: 11 }, 2)).toThrow('cost has 60 entries; expected demandCount × candidateCount = 11 × 6 = 66.');
		const weights = Float64Array.from(problem.weights);
		weights[3] = -1;
		expect(() => solvePMedian({ ...problem, weights }, 2)).toThrow('weights[3] is -1');
	});
});
