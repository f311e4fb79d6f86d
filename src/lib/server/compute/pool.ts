/**
 * The worker pool (piscina) where comparisons, scenario evaluations and import parsing run, so no
 * request holds the server's event loop while the engine works (issue 11). `compute(name, input)`
 * runs one task from `tasks.ts` on a pool thread and resolves with its answer; an error thrown in
 * the thread, a thread that dies (out of memory, say) or a task over the time limit rejects, so a
 * request fails with a proper error rather than hanging.
 *
 * HUBPLAN_WORKERS sets the number of threads (default: one per CPU, at most 4); 0 runs tasks on
 * the calling thread, as before the pool.
 */
import os from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { Task, TaskInput, TaskName, TaskOutput } from './tasks';

/**
 * Resolved from the project root, like the migrations folder: the production build does not bundle
 * server workers, so every setting (built server, vite dev, vitest, the CLI) loads the source.
 */
export const WORKER_FILE = path.resolve('src/lib/server/compute/worker.js');
/** Longest a task may run before it is stopped and its request fails. Hubplan planning assumption. */
export const TASK_TIME_LIMIT_MS = 120_000;
/** Heap limit of each thread, so one huge import fails its own request instead of the server. */
const THREAD_HEAP_MB = 1024;
const MAX_THREADS = 4;

let pool: Piscina | undefined;

/** How many pool threads to run: HUBPLAN_WORKERS, else one per CPU up to MAX_THREADS. */
export function poolThreads(setting = process.env.HUBPLAN_WORKERS): number {
	if (setting === undefined || setting.trim() === '') return Math.min(MAX_THREADS, os.availableParallelism());
	const threads = Number(setting);
	if (!Number.isInteger(threads) || threads < 0 || threads > 64) {
		throw new Error(`HUBPLAN_WORKERS is "${setting}"; expected a whole number of pool threads from 0 (no pool) to 64.`);
	}
	return threads;
}

/** Starts the pool's threads now, so the first request does not wait for them (server start). */
export function startPool(): void {
	if (poolThreads() > 0) getPool();
}

/** Run one task on a pool thread (or on this thread when HUBPLAN_WORKERS=0). */
export async function compute<N extends TaskName>(name: N, input: TaskInput<N>): Promise<TaskOutput<N>> {
	const task: Task<N> = { name, input };
	if (poolThreads() === 0) return (await import('./tasks')).runTask(task);
	try {
		return await getPool().run(task, { signal: AbortSignal.timeout(TASK_TIME_LIMIT_MS) });
	} catch (error) {
		if (error instanceof Error && error.name === 'AbortError') {
			throw new Error(`The ${name} task ran longer than ${TASK_TIME_LIMIT_MS / 1000} s and was stopped.`, { cause: error });
		}
		throw error;
	}
}

function getPool(): Piscina {
	pool ??= new Piscina({
		filename: WORKER_FILE,
		// Every thread starts with the server and lives as long: a thread started when requests
		// queue spends a second or more loading the engine (tsx compiles it) while a person waits,
		// and threads keep their prepared estates and cached evaluations.
		minThreads: poolThreads(),
		maxThreads: poolThreads(),
		resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB }
	});
	return pool;
}
