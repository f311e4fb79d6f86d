/**
 * Load benchmark (issue 11): 50 concurrent clients for 30 s against the production server on `/`,
 * `/sites`, `/api/scenarios` and the CSV comparison of three scenarios, after the same load on a
 * static file as a baseline for machine noise, after asking each route once (its code loads on
 * the first request). It builds nothing: it starts `build/` the way
 * `npm start` does (the start script minus its `vite build`) on a fresh temporary database,
 * loopback only; on SQLite, then on PostgreSQL (HUBPLAN_TEST_POSTGRES_URL's server, else a
 * throwaway cluster, as the tests start one).
 * Targets: p95 < 300 ms, no errors, server peak RSS < 500 MB.
 *
 * Environment: LOAD_SECONDS (default 30), LOAD_CLIENTS (default 50), LOAD_PORT (default 4399).
 */
import { latencyTable, onEachDriver, percentile, runClients, send, STATIC_PATH, staticBaseline, startCommand, startServer, timeRequest, type BenchClient, type Phase } from './http-load';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const PORT = Number(process.env.LOAD_PORT ?? 4399);
/** The probe asks for the static file this often during the mixed load: its delay is the event loop's. */
const PROBE_INTERVAL_MS = 100;

/** Three scenarios of the Trafford pack, created through the API before the load. */
const SCENARIOS = [
	{ name: 'Load: close two libraries', actions: [close('lib-hale'), close('lib-woodsend')] },
	{ name: 'Load: close four libraries', actions: [close('lib-hale'), close('lib-woodsend'), close('lib-coppice'), close('lib-timperley')] },
	{ name: 'Load: Sale as a hub', actions: [{ type: 'hub', siteRef: 'lib-sale' }, close('lib-urmston')] }
];

/**
 * On SQLite, then on PostgreSQL (HUBPLAN_TEST_POSTGRES_URL's server, else a throwaway cluster):
 * a fresh database each, dropped after.
 */
export async function run(): Promise<void> {
	await onEachDriver('load', runOn);
}

/** The benchmark against a server started with `database` (the variables that choose its database). */
async function runOn(label: string, database: NodeJS.ProcessEnv): Promise<void> {
	console.log(`\n### ${label}\n\nServer: \`${startCommand()}\` on port ${PORT}, ${CLIENTS} clients, ${SECONDS} s per phase`);
	const server = await startServer(database, PORT);
	try {
		const ids = [];
		for (const s of SCENARIOS) ids.push(await createScenario(server, s.name, s.actions));
		const routes: Record<string, string> = {
			'/': '/',
			'/sites': '/sites',
			'/api/scenarios': '/api/scenarios',
			'comparison CSV': `/api/compare/csv?ids=${ids.join(',')}`
		};
		// Each route once first: a route's code loads on its first request, which is the server
		// starting, not the server at work.
		for (const url of Object.values(routes)) await timeRequest(server, 'warm-up', url);

		const baseline = await staticBaseline(server, CLIENTS, SECONDS);
		const baselineP95 = percentile(baseline.samples.map((s) => s.ms), 0.95);
		await server.loopDelay(); // starts the server's count afresh
		const mixed = await load(server, routes);
		const loop = await server.loopDelay();
		const peakRssMb = server.peakRssMb();

		const rows = [...latencyTable(baseline, baselineP95), ...latencyTable(mixed, baselineP95)];
		console.table(rows);
		const total = mixed.samples.filter((s) => s.route !== PROBE);
		const errors = total.filter((s) => !s.ok).length;
		console.log(
			[
				`mixed load: ${total.length} requests in ${mixed.seconds.toFixed(1)} s = ${(total.length / mixed.seconds).toFixed(0)} requests/s, ${errors} errors;`,
				`baseline: ${(baseline.samples.length / baseline.seconds).toFixed(0)} requests/s`,
				`server peak RSS (VmHWM): ${peakRssMb.toFixed(0)} MB`,
				loop ? `event-loop delay in the server during the mixed load: p50 ${loop.p50Ms.toFixed(1)} ms, p99 ${loop.p99Ms.toFixed(1)} ms, max ${loop.maxMs.toFixed(1)} ms` : 'event-loop delay: not reported by the server',
				`targets: p95 < 300 ms, 0 errors, RSS < 500 MB`
			].join('\n')
		);
	} finally {
		await server.stop();
	}
}

function close(siteRef: string) {
	return { type: 'close', siteRef };
}

async function createScenario(server: BenchClient, name: string, actions: unknown[]): Promise<number> {
	const response = await send(server, '/api/scenarios', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name, actions })
	});
	if (response.status !== 201) throw new Error(`Creating scenario "${name}" answered ${response.status}: ${await response.text()}`);
	return ((await response.json()) as { id: number }).id;
}

const PROBE = `${STATIC_PATH} (probe, 10/s)`;

/**
 * CLIENTS clients, each asking for the routes in turn (starting at a different one) until the phase
 * ends, and one more client asking for the static file every PROBE_INTERVAL_MS.
 */
async function load(server: BenchClient, routes: Record<string, string>): Promise<Phase> {
	const names = Object.keys(routes);
	return runClients(CLIENTS + 1, SECONDS, async (client, turn, samples) => {
		if (client === CLIENTS) {
			samples.push(await timeRequest(server, PROBE, STATIC_PATH));
			await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
			return;
		}
		const route = names[(client + turn) % names.length];
		samples.push(await timeRequest(server, route, routes[route]));
	});
}
