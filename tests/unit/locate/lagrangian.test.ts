import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pMedianLowerBound } from '../../../src/lib/engine/locate/lagrangian';
import { orLibProblem, parseOrLib } from '../../../src/lib/engine/locate/orlib';
import { solvePMedian } from '../../../src/lib/engine/locate/pmedian';
import { weightedNearestCost } from '../../../src/lib/engine/locate/problem';
import { bruteForce, PMED_DIR, randomProblem } from './helpers';

describe('pMedianLowerBound (Lagrangian relaxation)', () => {
	it('never exceeds the brute-force optimum, and comes close to it', async () => {
		for (let seed = 1; seed <= 5; seed++) {
			const problem = randomProblem(seed, 30, 12);
			for (const k of [2, 4]) {
				const optimum = bruteForce(12, k, (open) => weightedNearestCost(problem, open));
				const { bound } = pMedianLowerBound(problem, k, { upperBound: optimum * 1.05 });
				expect(bound).toBeLessThanOrEqual(optimum * (1 + 1e-9));
				expect(bound).toBeGreaterThan(optimum * 0.97);
			}
		}
	});

	it('proves pmed1 and pmed4 optimal: the bound meets the published optimum', async () => {
		for (const [name, p, optimum] of [['pmed1', 5, 5819], ['pmed4', 20, 3034]] as const) {
			const problem = orLibProblem(parseOrLib(readFileSync(`${PMED_DIR}/${name}.txt`, 'utf8')));
			const { bound } = pMedianLowerBound(problem, p, { upperBound: solvePMedian(problem, p).objective });
			expect(bound).toBeCloseTo(optimum, 4);
		}
	});

	it('respects must-keep and must-close: the bound rises when the best candidate is closed', async () => {
		const problem = randomProblem(4, 40, 15);
		const free = solvePMedian(problem, 3);
		const closed = solvePMedian(problem, 3, { mustClose: free.open });
		const boundFree = pMedianLowerBound(problem, 3, { upperBound: free.objective }).bound;
		const boundClosed = pMedianLowerBound(problem, 3, { upperBound: closed.objective, mustClose: free.open }).bound;
		expect(boundClosed).toBeGreaterThan(boundFree);
		expect(boundClosed).toBeLessThanOrEqual(closed.objective * (1 + 1e-9));
	});

	it('only fixes candidates that brute force confirms cannot be in (or out of) a better answer', async () => {
		let fixed = 0;
		for (let seed = 1; seed <= 6; seed++) {
			const problem = randomProblem(seed, 30, 12);
			const k = 3;
			const heuristic = solvePMedian(problem, k);
			const { provedClosed, provedOpen } = pMedianLowerBound(problem, k, { upperBound: heuristic.objective });
			for (const j of provedClosed) {
				const bestWith = bruteForce(12, k, (open) => (open.includes(j) ? weightedNearestCost(problem, open) : Infinity));
				expect(bestWith).toBeGreaterThan(heuristic.objective);
			}
			for (const j of provedOpen) {
				const bestWithout = bruteForce(12, k, (open) => (open.includes(j) ? Infinity : weightedNearestCost(problem, open)));
				expect(bestWithout).toBeGreaterThan(heuristic.objective);
			}
			fixed += provedClosed.length + provedOpen.length;
		}
		expect(fixed).toBeGreaterThan(10);
	});
});
