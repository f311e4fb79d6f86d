/**
 * CPU timing shared by the optimiser benchmarks. Times are CPU time of this process
 * (process.cpuUsage), which a busy shared machine disturbs far less than wall-clock time.
 */

/** CPU seconds each timed batch of quick runs lasts, about (see {@link timed}). */
const BATCH_S = 0.02;
/** Runs at least this long (HiGHS stopped by its time limit) are timed once. */
const ONCE_S = 5;

/**
 * The steady-state CPU time of `run`, for both sides of a comparison alike. It is warmed up first
 * (V8 optimises JavaScript only after it has run a while) for at least three runs and one CPU
 * second (at most 2,000 runs); then nine batches are timed, each of about 20 ms of runs (or one
 * run, if longer), and the median batch's time per run kept. Batches, rather than single runs, average
 * out the odd garbage collection a run of a millisecond may or may not happen to include. Each
 * measurement starts with a full garbage collection (with node's `--expose-gc`, as the benchmark
 * runs), so none pays for garbage an earlier one left. Runs of {@link ONCE_S} or more are timed
 * once.
 */
export function timed<T>(run: () => T): { value: T; seconds: number } {
	(globalThis as { gc?: () => void }).gc?.();
	let started = process.cpuUsage();
	let value = run();
	const first = cpuSeconds(started);
	if (first >= ONCE_S) return { value, seconds: first };
	const warming = process.cpuUsage();
	let warmRuns = 0;
	while (warmRuns < 3 || (warmRuns < 2000 && cpuSeconds(warming) < 1)) {
		run();
		warmRuns++;
	}
	const batch = Math.max(1, Math.round(BATCH_S / (cpuSeconds(warming) / warmRuns)));
	const times: number[] = [];
	for (let repeat = 0; repeat < 9; repeat++) {
		started = process.cpuUsage();
		for (let r = 0; r < batch; r++) value = run();
		times.push(cpuSeconds(started) / batch);
	}
	return { value, seconds: times.sort((a, b) => a - b)[4] };
}

/** CPU seconds (user + system) of this process since `start`. */
function cpuSeconds(start: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1e6;
}

/** A gap as a percentage with three decimals, or a dash when there is none. */
export function percent(gap: number | null): string {
	return gap === null ? '—' : `${(gap * 100).toFixed(3)} %`;
}
