/**
 * 50 planners at once (issue 14): PLANNERS_CLIENTS clients against the production server on the
 * Trafford demo, each working on a scenario of its own as a planner does: the map page and its
 * estate data, the sites table, the scenario, edits (PATCH with the version it last saw, and now and
 * then one based on a stale version, which must be refused with 409), the comparison page and its
 * CSV. A static file under the same load is the baseline in the same run. On SQLite, then on
 * PostgreSQL (HUBPLAN_TEST_POSTGRES_URL's server, else a throwaway cluster, as the tests start one).
 * Target: p95 < 200 ms and no errors on both. `npx vite build`, then `npm run bench planners`.
 *
 * Environment: PLANNERS_SECONDS (default 30), PLANNERS_CLIENTS (default 50), PLANNERS_PORT (default 4398).
 */
import os from 'node:os';
import { latencyTable, onEachDriver, percentile, runClients, send, staticBaseline, startCommand, startServer, timeRequest, type BenchServer, type Sample } from './http-load';

const SECONDS = Number(process.env.PLANNERS_SECONDS ?? 30);
const CLIENTS = Number(process.env.PLANNERS_CLIENTS ?? 50);
const PORT = Number(process.env.PLANNERS_PORT ?? 4398);
const TARGET_P95_MS = 200;
/** Libraries a planner closes and reopens (undo) in turn. */
const CLOSABLE = ['lib-hale', 'lib-woodsend', 'lib-coppice', 'lib-timperley', 'lib-urmston'];

/** A planner's own scenario and the version of it they last saw. */
interface Planner {
	scenarioId: number;
	version: number;
}

type Operation = (server: BenchServer, planner: Planner, turn: number) => Promise<Sample>;

const json = (body: unknown): RequestInit => ({ method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A planner's round, in order; clients start at different places in it. */
const ROUND: [string, Operation][] = [
	['map page /', (s) => timeRequest(s, 'map page /', '/')],
	['map data /api/estate/map', (s) => timeRequest(s, 'map data /api/estate/map', '/api/estate/map')],
	['sites table /sites', (s) => timeRequest(s, 'sites table /sites', '/sites')],
	['scenario GET', (s, p) => timeRequest(s, 'scenario GET', `/api/scenarios/${p.scenarioId}`)],
	['scenario PATCH (edit)', edit('action')],
	['comparison page /compare', (s, p) => timeRequest(s, 'comparison page /compare', `/compare?ids=baseline,${p.scenarioId}`)],
	['scenario PATCH (undo)', edit('undo')],
	['comparison CSV', (s, p) => timeRequest(s, 'comparison CSV', `/api/compare/csv?ids=baseline,${p.scenarioId}`)],
	[
		'scenario PATCH (stale → 409)',
		(s, p) => timeRequest(s, 'scenario PATCH (stale → 409)', `/api/scenarios/${p.scenarioId}`, json({ op: 'patch', baseVersion: p.version - 1, name: 'stale' }), (status) => status === 409)
	]
];

/** An edit based on the version the planner last saw; the answer's version is the next base. */
function edit(op: 'action' | 'undo'): Operation {
	const route = op === 'action' ? 'scenario PATCH (edit)' : 'scenario PATCH (undo)';
	return async (s, p, turn) => {
		const change = op === 'action' ? { op, baseVersion: p.version, action: { type: 'close', siteRef: CLOSABLE[turn % CLOSABLE.length] } } : { op, baseVersion: p.version };
		const sample = await timeRequest(s, route, `/api/scenarios/${p.scenarioId}`, json(change));
		if (sample.ok) p.version = (JSON.parse(sample.body) as { version: number }).version;
		return sample;
	};
}

export async function run(): Promise<void> {
	console.log(`Load average at the start: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} on ${os.availableParallelism()} CPUs.`);
	await onEachDriver('planners', runOn);
}

async function runOn(driver: string, database: NodeJS.ProcessEnv): Promise<void> {
	console.log(`\n### ${driver}\n\nServer: \`${startCommand()}\` on port ${PORT}, ${CLIENTS} planners, ${SECONDS} s per phase`);
	const server = await startServer(database, PORT);
	try {
		const planners: Planner[] = [];
		for (let c = 0; c < CLIENTS; c++) planners.push(await createScenario(server, `Planner ${c + 1}'s option`));
		// Each operation once first: a route's code loads on its first request, which is the server starting.
		for (const [, operation] of ROUND) await operation(server, planners[0], 0);

		const baseline = await staticBaseline(server, CLIENTS, SECONDS);
		const baselineP95 = percentile(baseline.samples.map((s) => s.ms), 0.95);
		await server.loopDelay(); // starts the server's count afresh
		const planning = await runClients(CLIENTS, SECONDS, async (client, turn, samples) => {
			const [, operation] = ROUND[(client + turn) % ROUND.length];
			samples.push(await operation(server, planners[client], turn));
		});
		const loop = await server.loopDelay();
		console.table([...latencyTable(baseline, baselineP95), ...latencyTable(planning, baselineP95)]);
		const all = planning.samples.map((s) => s.ms);
		const errors = planning.samples.filter((s) => !s.ok).length;
		const p95 = percentile(all, 0.95);
		console.log(
			[
				`${driver}, all planner requests: ${all.length} in ${planning.seconds.toFixed(1)} s = ${(all.length / planning.seconds).toFixed(0)} requests/s, ` +
					`p50 ${percentile(all, 0.5).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, p99 ${percentile(all, 0.99).toFixed(0)} ms, ${errors} errors ` +
					`(target p95 < ${TARGET_P95_MS} ms, 0 errors: ${p95 < TARGET_P95_MS && errors === 0 ? 'met' : 'missed'})`,
				`static baseline: ${(baseline.samples.length / baseline.seconds).toFixed(0)} requests/s, p95 ${baselineP95.toFixed(0)} ms`,
				`server peak RSS (VmHWM): ${server.peakRssMb().toFixed(0)} MB`,
				loop ? `event-loop delay in the server: p50 ${loop.p50Ms.toFixed(1)} ms, p99 ${loop.p99Ms.toFixed(1)} ms, max ${loop.maxMs.toFixed(1)} ms` : 'event-loop delay: not reported by the server',
				`load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`
			].join('\n')
		);
	} finally {
		await server.stop();
	}
}

async function createScenario(server: BenchServer, name: string): Promise<Planner> {
	const response = await send(server, '/api/scenarios', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name, actions: [] })
	});
	if (response.status !== 201) throw new Error(`Creating scenario "${name}" answered ${response.status}: ${await response.text()}`);
	const created = (await response.json()) as { id: number; version: number };
	// A first save, so there is an older version for the stale edits to be based on.
	const saved = await send(server, `/api/scenarios/${created.id}`, json({ op: 'patch', baseVersion: created.version, description: 'Made by the planners benchmark.' }));
	if (!saved.ok) throw new Error(`Saving scenario "${name}" answered ${saved.status}: ${await saved.text()}`);
	return { scenarioId: created.id, version: ((await saved.json()) as { version: number }).version };
}
