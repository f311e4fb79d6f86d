import highsLoader from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CapacitatedAssignment, solveCapacitatedMedian } from '../../../src/lib/engine/locate/capacity';
import { capacitatedLowerBound } from '../../../src/lib/engine/locate/capacity-bound';
import { HubPrices } from '../../../src/lib/engine/locate/capacity-prices';
import { goalObjective, solveExact } from '../../../src/lib/engine/locate/exact';
import { floorAreaCapacity, serviceProblem } from '../../../src/lib/engine/locate/cost-matrix';
import { pMedianLowerBound } from '../../../src/lib/engine/locate/lagrangian';
import { certify, locate } from '../../../src/lib/engine/locate';
import { solvePMedian } from '../../../src/lib/engine/locate/pmedian';
import { mulberry32 } from '../../../src/lib/engine/locate/random';
import type { LocateProgress, LocationProblem } from '../../../src/lib/engine/locate/problem';
import { packData } from '../engine/fixtures';
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

describe('solveCapacitatedMedian (least travel with hub capacities)', async () => {
	it('sends demand past a full hub, as in the example', async () => {
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

	it('stays feasible and within 2 % of the optimum that brute force over HiGHS assignments finds', async () => {
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
				// Measured: optimal on 9 of these 10; seed 1, k = 2 ends 1.95 % above, at a local optimum of one-for-one swaps.
				expect(result.objective).toBeLessThanOrEqual(best * 1.02);
				if (result.objective <= best * (1 + 1e-9)) optimal++;
				runs++;
			}
		}
		expect(runs).toBe(10);
		expect(optimal).toBeGreaterThanOrEqual(9);
	});

	it('equals the uncapacitated answer when no capacity binds', async () => {
		const problem = randomProblem(8, 40, 15);
		const roomy = { ...problem, capacity: { capacity: new Float64Array(15).fill(1e9), demand: Float64Array.from(problem.weights) } };
		const plain = solvePMedian(problem, 4);
		const capped = solveCapacitatedMedian(roomy, 4);
		expect(capped.open).toEqual(plain.open);
		expect(capped.objective).toBeCloseTo(plain.objective, 6);
	});

	it('fails before solving when no k hubs can hold the demand, quoting the numbers', async () => {
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

	it('is certified by HiGHS through locate and certify; the capacitated Lagrangian bound stays below', async () => {
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

	it('reports the capacitated cost of the hubs it returns, as every caller prices them (regression: it priced them in swap order)', async () => {
		// On seed 6 the old search reported 9,247,021 for hubs whose assignment costs 9,251,825.
		for (let seed = 1; seed <= 8; seed++) {
			const problem = capacitatedProblem(seed, 100, 20, 6);
			const result = solveCapacitatedMedian(problem, 6, { starts: 8 });
			expect(result.objective).toBe(goalObjective(problem, { kind: 'median', k: 6, capacitated: true }, result.open));
		}
	});

	it('reports progress with capacitated objectives, monotone, ending on the answer', async () => {
		const problem = capacitatedProblem(2, 100, 20, 6);
		const goal = { kind: 'median' as const, k: 6, capacitated: true };
		const seen: LocateProgress[] = [];
		const result = solveCapacitatedMedian(problem, 6, { starts: 8, onProgress: (p) => seen.push(p) });
		expect(seen.length).toBeGreaterThan(10);
		const steps = seen[0].starts;
		for (const [t, p] of seen.entries()) {
			expect(p.starts).toBe(steps);
			expect(p.start).toBeGreaterThanOrEqual(1);
			expect(p.start).toBeLessThanOrEqual(steps);
			if (t > 0) {
				expect(p.start).toBeGreaterThan(seen[t - 1].start);
				expect(p.bestObjective).toBeLessThanOrEqual(seen[t - 1].bestObjective);
			}
			// The capacitated cost of the set reported (its optimal split, however it was reached), not its
			// lower uncapacitated travel.
			expect(p.bestObjective / goalObjective(problem, goal, p.bestOpen)).toBeCloseTo(1, 9);
		}
		const last = seen.at(-1)!;
		expect(last.start).toBe(steps);
		expect(last.bestObjective).toBe(result.objective);
		expect(last.bestOpen).toEqual(result.open);
	});

	it('keeps the must-keep hub open and the must-close ones shut, while capacities bind', async () => {
		const problem = capacitatedProblem(7, 100, 20, 6);
		const free = solveCapacitatedMedian(problem, 6, { starts: 8 });
		const keep = [0, 1, 2, 3, 4, 5, 6, 7].find((j) => !free.open.includes(j))!;
		const close = free.open.slice(0, 2);
		const result = solveCapacitatedMedian(problem, 6, { starts: 8, mustKeep: [keep], mustClose: close });
		expect(result.open).toContain(keep);
		for (const j of close) expect(result.open).not.toContain(j);
		expect(result.objective).toBeGreaterThanOrEqual(free.objective * (1 - 1e-9));
	});

	it('gives the same answer for the same seed', async () => {
		const problem = capacitatedProblem(4, 100, 20, 6);
		const first = solveCapacitatedMedian(problem, 6, { starts: 8, seed: 3 });
		const again = solveCapacitatedMedian(problem, 6, { starts: 8, seed: 3 });
		expect(again.open).toEqual(first.open);
		expect(again.objective).toBe(first.objective);
	});
});

describe('CapacitatedAssignment and HubPrices (the split of demand for fixed hubs)', async () => {
	/** Random open sets of k that can hold the demand. */
	function fittingSets(problem: LocationProblem, k: number, count: number, seed: number): number[][] {
		const random = mulberry32(seed);
		const assign = new CapacitatedAssignment(problem, Array.from({ length: problem.candidateCount }, (_, j) => j));
		const sets: number[][] = [];
		while (sets.length < count) {
			const open = [...subsets(problem.candidateCount, k)].sort(() => random() - 0.5)[0];
			if (assign.shortfall(open) === 0) sets.push(open);
		}
		return sets;
	}

	it('splits demand as cheaply as HiGHS does for the same hubs (the old greedy split was up to 1 % dearer)', async () => {
		for (let seed = 1; seed <= 6; seed++) {
			const problem = capacitatedProblem(seed, 60, 10, 4);
			const assign = new CapacitatedAssignment(problem, Array.from({ length: 10 }, (_, j) => j));
			for (const open of fittingSets(problem, 4, 3, seed)) {
				const exact = solveExact(highs, problem, { kind: 'median', k: 4, capacitated: true }, { mustKeep: open });
				const split = assign.run(open, true);
				expect(split.cost).toBeCloseTo(exact.objective, 3);
				// Every demand point is whole, and no hub holds more than its capacity.
				for (let i = 0; i < 60; i++) expect(open.reduce((sum, j) => sum + split.shares![i * 10 + j], 0)).toBeCloseTo(1, 9);
				for (const j of open) expect(split.load[j]).toBeLessThanOrEqual(problem.capacity!.capacity[j] * (1 + 1e-9));
			}
		}
	});

	it('prices that prove a split optimal bound it exactly, and bound every swap from below', async () => {
		const problem = capacitatedProblem(5, 80, 12, 4);
		const all = Array.from({ length: 12 }, (_, j) => j);
		const assign = new CapacitatedAssignment(problem, all);
		const prices = new HubPrices(problem, assign.nearest);
		for (const open of fittingSets(problem, 4, 4, 5)) {
			const split = assign.split(open);
			prices.adopt(open, split.slotPrices);
			for (const into of all.filter((j) => !open.includes(j))) {
				const { bounds, intoPrices } = prices.swapBounds(into, open);
				open.forEach((out, o) => {
					const trial = open.map((j) => (j === out ? into : j)).sort((a, b) => a - b);
					const cost = assign.split(trial).cost;
					expect(bounds[o]).toBeLessThanOrEqual(cost * (1 + 1e-9));
					const refined = prices.refinedBound(trial, cost, 10, { hub: into, price: intoPrices[o] });
					expect(refined.bound).toBeGreaterThanOrEqual(bounds[o] * (1 - 1e-9));
					expect(refined.bound).toBeLessThanOrEqual(cost * (1 + 1e-9));
					// A split started from those prices reaches the same optimum.
					if (Number.isFinite(cost)) expect(assign.split(trial, refined.price).cost).toBeCloseTo(cost, 3);
				});
			}
			// At the prices that prove the split optimal, the bound for the set itself is its cost (dual = primal).
			expect(prices.refinedBound(open, split.cost, 1).bound / split.cost).toBeCloseTo(1, 9);
		}
	});
});

describe('capacitatedLowerBound (a proven bound without HiGHS)', async () => {
	it('never exceeds the HiGHS optimum, and is far tighter than the uncapacitated bound when capacities bind', async () => {
		let tighter = 0;
		for (let seed = 1; seed <= 8; seed++) {
			const problem = capacitatedProblem(seed, 40, 10, 3);
			const exact = solveExact(highs, problem, { kind: 'median', k: 3, capacitated: true });
			const upperBound = exact.objective * 1.01;
			const bound = capacitatedLowerBound(problem, 3, { upperBound }).bound;
			expect(bound).toBeLessThanOrEqual(exact.objective * (1 + 1e-9));
			// Measured: at most 2.31 % below the optimum on these eight (the uncapacitated bound: up to 10.9 %).
			expect(bound).toBeGreaterThanOrEqual(exact.objective * 0.975);
			if (bound > pMedianLowerBound(problem, 3, { upperBound }).bound) tighter++;
		}
		expect(tighter).toBe(8);
	});

	it('fails without capacities, and proves an answer that fits without them', async () => {
		const problem = randomProblem(8, 40, 15);
		expect(() => capacitatedLowerBound(problem, 4, { upperBound: 1 })).toThrow('capacitatedLowerBound needs capacity');
		const roomy = { ...problem, capacity: { capacity: new Float64Array(15).fill(1e9), demand: Float64Array.from(problem.weights) } };
		const answer = solveCapacitatedMedian(roomy, 4);
		const { bound } = capacitatedLowerBound(roomy, 4, { upperBound: answer.objective });
		expect(bound).toBeLessThanOrEqual(answer.objective * (1 + 1e-9));
		expect(bound).toBeGreaterThanOrEqual(answer.objective * (1 - 1e-3));
	});
});

describe('solveCapacitatedMedian on the real packs', async () => {
	it('finds HiGHS\'s optimum for Trafford libraries at 50 residents per m², k = 5 and 8, and bounds it closely', async () => {
		const data = await packData('trafford');
		const { problem } = floorAreaCapacity(data, serviceProblem(data, 'library'), 50, []);
		// The old search ended 0.039 % and 0.555 % above, on these same hubs: its greedy split of residents
		// between them was not optimal.
		for (const [k, within] of [
			[5, 0.013],
			[8, 0.029]
		]) {
			const goal = { kind: 'median' as const, k, capacitated: true };
			const result = solveCapacitatedMedian(problem, k);
			const exact = solveExact(highs, problem, goal, { timeLimitS: 30 });
			expect(exact.status).toBe('optimal');
			expect(result.open).toEqual(exact.open);
			expect(result.objective).toBeCloseTo(exact.objective, 0);
			// Without HiGHS: the capacitated bound is measured 1.24 % (k = 5) and 2.86 % (k = 8) below the
			// optimum, where the uncapacitated one is 31.6 % and 8.6 % below.
			const bound = capacitatedLowerBound(problem, k, { upperBound: result.objective }).bound;
			expect(bound).toBeLessThanOrEqual(exact.objective * (1 + 1e-9));
			expect(bound).toBeGreaterThanOrEqual(exact.objective * (1 - within));
			expect(bound).toBeGreaterThan(pMedianLowerBound(problem, k, { upperBound: result.objective }).bound);
		}
	}, 60_000);

	it('keeps 40 of Greater Manchester\'s 141 libraries within 150 residents per m² at least as well as the old search', async () => {
		const data = await packData('greater-manchester');
		const { problem } = floorAreaCapacity(data, serviceProblem(data, 'library'), 150, []);
		const seen: LocateProgress[] = [];
		const result = solveCapacitatedMedian(problem, 40, { onProgress: (p) => seen.push(p) });
		// The old search (12 nearest swaps, every one priced) ended at 5,191,702,388 after about 5 CPU s;
		// this one measured 5,180,203,442 in about 1.
		expect(result.objective).toBeLessThanOrEqual(5_191_702_388);
		expect(result.objective).toBe(goalObjective(problem, { kind: 'median', k: 40, capacitated: true }, result.open));
		const { capacity } = problem.capacity!;
		for (let j = 0; j < problem.candidateCount; j++) expect(result.load[j]).toBeLessThanOrEqual(capacity[j] * (1 + 1e-9));
		// Capacities bind: the uncapacitated bound proves it within 0.81 %, the capacitated one within 0.33 %.
		const bound = pMedianLowerBound(problem, 40, { upperBound: result.objective }).bound;
		const capacitated = capacitatedLowerBound(problem, 40, { upperBound: result.objective }).bound;
		expect(capacitated).toBeGreaterThan(bound);
		expect(capacitated).toBeLessThan(result.objective);
		expect(result.objective / capacitated).toBeLessThan(1.005);
		expect(seen.at(-1)).toMatchObject({ start: seen.at(-1)!.starts, bestObjective: result.objective, bestOpen: result.open });
	}, 60_000);
});
