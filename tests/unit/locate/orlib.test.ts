import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { orLibProblem, parseOrLib, shortestPathLengths } from '../../../src/lib/engine/locate/orlib';
import { weightedNearestCost } from '../../../src/lib/engine/locate/problem';
import { solvePMedian } from '../../../src/lib/engine/locate/pmedian';
import { PMED_DIR } from './helpers';

describe('parseOrLib', () => {
	it('reads the header and makes edges undirected', async () => {
		const instance = parseOrLib('3 2 1\n1 2 5\n2 3 7\n');
		expect([instance.nodeCount, instance.edgeCount, instance.p]).toEqual([3, 2, 1]);
		expect(instance.edgeLengths[0 * 3 + 1]).toBe(5);
		expect(instance.edgeLengths[1 * 3 + 0]).toBe(5);
		expect(instance.edgeLengths[0 * 3 + 2]).toBe(Infinity);
	});

	it('lets the last listing of a duplicated edge win, even when it is longer', async () => {
		const instance = parseOrLib('2 2 1\n1 2 3\n2 1 9\n');
		expect(instance.edgeLengths[1]).toBe(9);
	});

	it('gives pmed1 its published optimum 5819 at the known optimal medians, not the 5718 of "shortest duplicate wins"', async () => {
		const text = readFileSync(`${PMED_DIR}/pmed1.txt`, 'utf8');
		const problem = orLibProblem(parseOrLib(text));
		// Medians found by the heuristic and confirmed by HiGHS (1-based 7, 13, 65, 91, 99).
		const medians = [6, 12, 64, 90, 98];
		expect(weightedNearestCost(problem, medians)).toBe(5819);

		expect(solvePMedian(problem, 5).objective).toBe(5819);

		// Keeping the shorter of each duplicated edge instead changes the graph and the optimum.
		const [header, ...edges] = text.trim().split('\n');
		const shortest = new Map<string, number[]>();
		for (const line of edges) {
			const [i, j, c] = line.trim().split(/\s+/).map(Number);
			const key = `${Math.min(i, j)}-${Math.max(i, j)}`;
			const previous = shortest.get(key);
			if (!previous || previous[2] > c) shortest.set(key, [i, j, c]);
		}
		expect(shortest.size).toBeLessThan(edges.length);
		const shorterText = [header, ...[...shortest.values()].map((edge) => edge.join(' '))].join('\n').replace(/^\s*(\d+)\s+\d+/, `$1 ${shortest.size}`);
		expect(solvePMedian(orLibProblem(parseOrLib(shorterText)), 5).objective).toBe(5718);
	});

	it('refuses malformed input with the line and value', async () => {
		expect(() => parseOrLib('')).toThrow(/empty/);
		expect(() => parseOrLib('3 1 4\n1 2 5\n')).toThrow(/p = 4/);
		expect(() => parseOrLib('3 2 1\n1 2 5\n')).toThrow(/promises 2 edges/);
		expect(() => parseOrLib('3 1 1\n1 4 5\n')).toThrow(/line 2: node 4/);
	});
});

describe('shortestPathLengths', () => {
	it('finds paths through intermediate nodes (Floyd–Warshall)', async () => {
		const instance = parseOrLib('4 3 1\n1 2 1\n2 3 2\n3 4 3\n');
		const dist = shortestPathLengths(4, instance.edgeLengths);
		expect(dist[0 * 4 + 3]).toBe(6);
		expect(dist[3 * 4 + 0]).toBe(6);
		expect(dist[2 * 4 + 2]).toBe(0);
	});

	it('reports a disconnected graph instead of infinite costs', async () => {
		expect(() => orLibProblem(parseOrLib('3 1 1\n1 2 1\n'))).toThrow(/disconnected: node 1 cannot reach node 3/);
	});
});
