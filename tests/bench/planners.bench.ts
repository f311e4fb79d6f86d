/**
 * 50 planners at once (issue 14): PLANNERS_CLIENTS planners against the production server on the
 * Trafford demo, each working on a scenario of its own as a planner does: the map page and its
 * estate data, the sites table, the scenario, edits (PATCH with the version it last saw, and now and
 * then one based on a stale version, which must be refused with 409), the comparison page and its
 * CSV. Between screens a planner reads for PLANNERS_THINK_S seconds, drawn uniformly from the range
 * (default 1–5 s: a Hubplan assumption, short for someone reading a comparison, so the load errs
 * heavy). A static file under the same number of clients is the baseline in the same run.
 *
 * Then, on the same server: the capacity sweep (more planners, the same think time: how many one
 * server holds under the target) and the stress test (the planners with no think time, each asking
 * again as soon as it is answered: the most one server answers, not a number of people).
 * On SQLite, then on PostgreSQL (HUBPLAN_TEST_POSTGRES_URL's server, else a throwaway cluster, as
 * the tests start one). Target: p95 < 200 ms and no errors on both, for the 50 planners.
 * `npx vite build`, then `npm run bench planners`.
 *
 * Environment: PLANNERS_SECONDS (default 30 per phase), PLANNERS_CLIENTS (default 50),
 * PLANNERS_THINK_S (default 1-5; 0 for none), PLANNERS_SWEEP (default 100,200,300; empty for none),
 * PLANNERS_PORT (default 4398).
 */
import os from 'node:os';
import { latencyTable, onEachDriver, percentile, runClients, send, staticBaseline, startCommand, startServer, timeRequest, type BenchServer, type Phase, type Sample } from './http-load';

const SECONDS = Number(process.env.PLANNERS_SECONDS ?? 30);
const CLIENTS = Number(process.env.PLANNERS_CLIENTS ?? 50);
const THINK_S = thinkRange(process.env.PLANNERS_THINK_S ?? '1-5');
const SWEEP = (process.env.PLANNERS_SWEEP ?? '100,200,300').split(',').filter(Boolean).map(Number);
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
const get = (route: string, url: (p: Planner) => string): Operation => (s, p) => timeRequest(s, route, url(p));

/**
 * A planner's round of screens, in order; planners start at different places in it. A screen's
 * requests go one after another with no pause (the map page asks for its data as it loads); the
 * planner thinks after each screen.
 */
const ROUND: Operation[][] = [
	[get('map page /', () => '/'), get('map data /api/estate/map', () => '/api/estate/map')],
	[get('sites table /sites', () => '/sites')],
	[get('scenario GET', (p) => `/api/scenarios/${p.scenarioId}`)],
	[edit('action')],
	[get('comparison page /compare', (p) => `/compare?ids=baseline,${p.scenarioId}`)],
	[edit('undo')],
	[get('comparison CSV', (p) => `/api/compare/csv?ids=baseline,${p.scenarioId}`)],
	[
		(s, p) =>
			timeRequest(s, 'scenario PATCH (stale → 409)', `/api/scenarios/${p.scenarioId}`, json({ op: 'patch', baseVersion: p.version - 1, name: 'stale' }), (status) => status === 409)
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

/** "1-5" → [1, 5]; "0" → no thinking. */
function thinkRange(text: string): [number, number] {
	const [low, high = low] = text.split('-').map(Number);
	if (!(low >= 0 && high >= low)) throw new Error(`PLANNERS_THINK_S must be seconds or a range such as 1-5, not "${text}".`);
	return [low, high];
}

const thinkLabel = ([low, high]: [number, number]) => (high === 0 ? 'no think time' : low === high ? `think ${low} s` : `think ${low}–${high} s`);

/** `planners` planners (of `all`) on their rounds for SECONDS s, thinking for `think` seconds between screens. */
function plan(server: BenchServer, all: Planner[], planners: number, [low, high]: [number, number]): Promise<Phase> {
	const thinkMs = high > 0 ? () => 1000 * (low + Math.random() * (high - low)) : undefined;
	return runClients(
		planners,
		SECONDS,
		async (client, turn, samples) => {
			for (const operation of ROUND[(client + turn) % ROUND.length]) samples.push(await operation(server, all[client], turn));
		},
		thinkMs
	);
}

/** One line of the capacity table: a phase's requests/s, latency and errors, and whether it meets the target. */
function summary(load: string, { samples, seconds }: Phase) {
	const ms = samples.map((s) => s.ms);
	const errors = samples.filter((s) => !s.ok).length;
	const p95 = percentile(ms, 0.95);
	return {
		load,
		requests: ms.length,
		'per s': Math.round(ms.length / seconds),
		errors,
		'p50 ms': Math.round(percentile(ms, 0.5)),
		'p95 ms': Math.round(p95),
		'p99 ms': Math.round(percentile(ms, 0.99)),
		[`p95 < ${TARGET_P95_MS} ms, 0 errors`]: p95 < TARGET_P95_MS && errors === 0 ? 'met' : 'missed'
	};
}

export async function run(): Promise<void> {
	console.log(`Load average at the start: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} on ${os.availableParallelism()} CPUs.`);
	await onEachDriver('planners', runOn);
}

async function runOn(driver: string, database: NodeJS.ProcessEnv): Promise<void> {
	console.log(`\n### ${driver}\n\nServer: \`${startCommand()}\` on port ${PORT}, ${CLIENTS} planners, ${thinkLabel(THINK_S)} between screens, ${SECONDS} s per phase`);
	const server = await startServer(database, PORT);
	try {
		const planners: Planner[] = [];
		for (let c = 0; c < Math.max(CLIENTS, ...SWEEP); c++) planners.push(await createScenario(server, `Planner ${c + 1}'s option`));
		// Each screen once first: a route's code loads on its first request, which is the server starting.
		for (const screen of ROUND) for (const operation of screen) await operation(server, planners[0], 0);

		const baseline = await staticBaseline(server, CLIENTS, SECONDS);
		const baselineP95 = percentile(baseline.samples.map((s) => s.ms), 0.95);
		await server.loopDelay(); // starts the server's count afresh
		const planning = await plan(server, planners, CLIENTS, THINK_S);
		const loop = await server.loopDelay();
		console.table([...latencyTable(baseline, baselineP95), ...latencyTable(planning, baselineP95)]);
		const capacity = [summary(`${CLIENTS} planners, ${thinkLabel(THINK_S)}`, planning)];
		if (THINK_S[1] > 0) for (const planning of SWEEP) capacity.push(summary(`${planning} planners, ${thinkLabel(THINK_S)}`, await plan(server, planners, planning, THINK_S)));
		capacity.push(summary(`stress: ${CLIENTS} clients, no think time`, await plan(server, planners, CLIENTS, [0, 0])));
		console.log(`\n${driver}: the target is for the first row; the others say how far one server goes.`);
		console.table(capacity);
		console.log(
			[
				`static baseline: ${(baseline.samples.length / baseline.seconds).toFixed(0)} requests/s, p95 ${baselineP95.toFixed(0)} ms`,
				`server peak RSS (VmHWM): ${server.peakRssMb().toFixed(0)} MB`,
				loop ? `event-loop delay in the server during the ${CLIENTS} planners: p50 ${loop.p50Ms.toFixed(1)} ms, p99 ${loop.p99Ms.toFixed(1)} ms, max ${loop.maxMs.toFixed(1)} ms` : 'event-loop delay: not reported by the server',
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
