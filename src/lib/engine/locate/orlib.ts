/**
 * OR-Library p-median instances (Beasley, 1985, "A note on solving large p-median problems",
 * EJOR 21): text in, {@link LocationProblem} out. Pure: the caller reads the file.
 */
import type { LocationProblem } from './problem';

/** A parsed `pmedN.txt`. */
export interface OrLibInstance {
	nodeCount: number;
	edgeCount: number;
	/** Number of medians the instance asks for. */
	p: number;
	/** Edge lengths after duplicates are resolved, n × n, `Infinity` where there is no edge. */
	edgeLengths: Float64Array;
}

/**
 * Parse OR-Library pmed text: first line `n m p`, then `m` lines `i j cost` with 1-based node ids.
 * Edges are undirected. Where the same edge is listed twice the **last** listing counts: the
 * published optima hold under that rule (pmed1: 5819; keeping the shorter gives 5718).
 *
 * @example
 * parseOrLib('3 2 1\n1 2 5\n2 3 7\n').edgeLengths[0 * 3 + 1]; // 5
 */
export function parseOrLib(text: string): OrLibInstance {
	const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
	if (lines.length === 0) throw new Error('OR-Library text is empty; expected a first line "n m p".');
	const header = numbers(lines[0], 1, 3);
	const [nodeCount, edgeCount, p] = header;
	if (!Number.isInteger(nodeCount) || nodeCount < 1) throw new Error(`line 1: node count ${nodeCount} must be a whole number ≥ 1.`);
	if (!Number.isInteger(edgeCount) || edgeCount < 0) throw new Error(`line 1: edge count ${edgeCount} must be a whole number ≥ 0.`);
	if (!Number.isInteger(p) || p < 1 || p > nodeCount) throw new Error(`line 1: p = ${p} must be a whole number from 1 to ${nodeCount}.`);
	if (lines.length - 1 < edgeCount)
		throw new Error(`The header promises ${edgeCount} edges but only ${lines.length - 1} edge lines follow.`);

	const edgeLengths = new Float64Array(nodeCount * nodeCount).fill(Infinity);
	for (let e = 1; e <= edgeCount; e++) {
		const [from, to, length] = numbers(lines[e], e + 1, 3);
		for (const node of [from, to]) {
			if (!Number.isInteger(node) || node < 1 || node > nodeCount)
				throw new Error(`line ${e + 1}: node ${node} is outside 1–${nodeCount}.`);
		}
		if (!(length >= 0)) throw new Error(`line ${e + 1}: edge length ${length} must be ≥ 0.`);
		edgeLengths[(from - 1) * nodeCount + (to - 1)] = length;
		edgeLengths[(to - 1) * nodeCount + (from - 1)] = length;
	}
	return { nodeCount, edgeCount, p, edgeLengths };
}

/**
 * All-pairs shortest path lengths (Floyd, 1962; Warshall, 1962), n × n, row-major. O(n³): fine for
 * the pmed sizes (n ≤ 900); unreachable pairs stay `Infinity`.
 */
export function shortestPathLengths(nodeCount: number, edgeLengths: Float64Array): Float64Array {
	const n = nodeCount;
	const dist = Float64Array.from(edgeLengths);
	for (let i = 0; i < n; i++) dist[i * n + i] = 0;
	for (let k = 0; k < n; k++) {
		const rowK = k * n;
		for (let i = 0; i < n; i++) {
			const dik = dist[i * n + k];
			if (dik === Infinity) continue;
			const rowI = i * n;
			for (let j = 0; j < n; j++) {
				const through = dik + dist[rowK + j];
				if (through < dist[rowI + j]) dist[rowI + j] = through;
			}
		}
	}
	return dist;
}

/** Every node is a demand point of weight 1 and a candidate median, as in Beasley's instances. */
export function orLibProblem(instance: OrLibInstance): LocationProblem {
	const cost = shortestPathLengths(instance.nodeCount, instance.edgeLengths);
	const unreachable = cost.indexOf(Infinity);
	if (unreachable >= 0) {
		const n = instance.nodeCount;
		throw new Error(`The graph is disconnected: node ${Math.floor(unreachable / n) + 1} cannot reach node ${(unreachable % n) + 1}.`);
	}
	return {
		cost,
		demandCount: instance.nodeCount,
		candidateCount: instance.nodeCount,
		weights: new Float64Array(instance.nodeCount).fill(1)
	};
}

function numbers(line: string, lineNumber: number, count: number): number[] {
	const values = line.split(/\s+/).map(Number);
	if (values.length < count || values.slice(0, count).some((v) => Number.isNaN(v)))
		throw new Error(`line ${lineNumber}: expected ${count} numbers, got "${line}".`);
	return values.slice(0, count);
}
