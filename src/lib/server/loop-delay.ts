/**
 * With HUBPLAN_LOOP_DELAY set, the server measures how long its event loop is held (node's
 * monitorEventLoopDelay) and prints the figures on SIGUSR2, then starts counting afresh. The load
 * benchmark (`npm run bench load`) reads them; nothing else does, so it is off by default.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export const LOOP_DELAY_ENV = 'HUBPLAN_LOOP_DELAY';
/** Timer resolution, ms: finer costs more wake-ups, coarser hides short stalls. */
const RESOLUTION_MS = 10;

export function reportLoopDelayOnSignal(): void {
	if (!process.env[LOOP_DELAY_ENV]) return;
	const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
	histogram.enable();
	process.on('SIGUSR2', () => {
		const ms = (ns: number) => +(ns / 1e6).toFixed(1);
		const report = { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) };
		console.log(`Hubplan event-loop delay: ${JSON.stringify(report)}`);
		histogram.reset();
	});
	console.log('Hubplan event-loop delay: send SIGUSR2 for a report');
}
