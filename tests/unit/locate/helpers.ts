/** Small seeded instances and brute-force answers to check the locators against. */
import { readFileSync } from 'node:fs';
import { mulberry32 } from '../../../src/lib/engine/locate/random';
import type { LocationProblem } from '../../../src/lib/engine/locate/problem';

/** Random points in a 10 km square; costs are straight-line metres; weights 1–100. */
export function randomProblem(seed: number, demandCount: number, candidateCount: number): LocationProblem {
	const random = mulberry32(seed);
	const point = () => [random() * 10_000, random() * 10_000];
	const demand = Array.from({ length: demandCount }, point);
	const candidates = Array.from({ length: candidateCount }, point);
	const cost = new Float64Array(demandCount * candidateCount);
	demand.forEach(([x, y], i) =>
		candidates.forEach(([u, v], j) => {
			cost[i * candidateCount + j] = Math.hypot(x - u, y - v);
		})
	);
	const weights = Float64Array.from(demand, () => 1 + Math.floor(random() * 100));
	return { cost, demandCount, candidateCount, weights };
}

/** Every k-subset of 0..m−1 (m small). */
export function* subsets(m: number, k: number, from = 0, chosen: number[] = []): Generator<number[]> {
	if (chosen.length === k) {
		yield [...chosen];
		return;
	}
	for (let j = from; j <= m - (k - chosen.length); j++) {
		chosen.push(j);
		yield* subsets(m, k, j + 1, chosen);
		chosen.pop();
	}
}

/** Best value of `score` over all k-subsets, with `better(a, b)` saying a beats b. */
export function bruteForce(m: number, k: number, score: (open: number[]) => number, maximise = false): number {
	let best = maximise ? -Infinity : Infinity;
	for (const open of subsets(m, k)) {
		const value = score(open);
		if (maximise ? value > best : value < best) best = value;
	}
	return best;
}

export const PMED_DIR = 'data/orlib-pmed';

/** Published optimal costs from optima.csv, by instance name. */
export function pmedOptima(): Map<string, { p: number; optimalCost: number }> {
	const rows = readFileSync(`${PMED_DIR}/optima.csv`, 'utf8').trim().split('\n').slice(1);
	return new Map(
		rows.map((row) => {
			const [name, , p, cost] = row.split(',');
			return [name, { p: Number(p), optimalCost: Number(cost) }];
		})
	);
}
