/**
 * Load benchmark (issue 11): 50 concurrent clients for 30 s against the production server on `/`,
 * `/sites`, `/api/scenarios` and the CSV comparison of three scenarios, after the same load on a
 * static file as a baseline for machine noise, after asking each route once (its code loads on
 * the first request). It builds nothing: it starts `build/` the way
 * `npm start` does (the start script minus its `vite build`) on a fresh temporary database,
 * loopback only; on SQLite, then on PostgreSQL when HUBPLAN_TEST_POSTGRES_URL names a server.
 * Targets: p95 < 300 ms, no errors, server peak RSS < 500 MB.
 *
 * Environment: LOAD_SECONDS (default 30), LOAD_CLIENTS (default 50), LOAD_PORT (default 4399).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresTestDatabase } from '../support/pg-database';
import { waitForServer } from './server';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const PORT = Number(process.env.LOAD_PORT ?? 4399);
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** Stops a phase early however fast the server answers, so the sample arrays stay bounded. */
const MAX_REQUESTS_PER_PHASE = 200_000;
/** A request slower than this counts as an error. */
const REQUEST_TIMEOUT_MS = 10_000;
const STATIC_PATH = '/favicon.svg';
/** The probe asks for the static file this often during the mixed load: its delay is the event loop's. */
const PROBE_INTERVAL_MS = 100;

/** Three scenarios of the Trafford pack, created through the API before the load. */
const SCENARIOS = [
	{ name: 'Load: close two libraries', actions: [close('lib-hale'), close('lib-woodsend')] },
	{ name: 'Load: close four libraries', actions: [close('lib-hale'), close('lib-woodsend'), close('lib-coppice'), close('lib-timperley')] },
	{ name: 'Load: Sale as a hub', actions: [{ type: 'hub', siteRef: 'lib-sale' }, close('lib-urmston')] }
];

interface Sample {
	route: string;
	ms: number;
	ok: boolean;
}

/**
 * On SQLite, then on PostgreSQL when a server is given (HUBPLAN_TEST_POSTGRES_URL, a superuser
 * URL: a fresh database is created for the run and dropped after it).
 */
export async function run(): Promise<void> {
	const dbFile = path.join(os.tmpdir(), `hubplan-load-${Date.now()}.sqlite`);
	try {
		await runOn('SQLite', { HUBPLAN_DB: dbFile, HUBPLAN_DATABASE_URL: '' });
	} finally {
		for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
	}
	const server = await postgresTestDatabase('bench_load', process.env.HUBPLAN_TEST_POSTGRES_URL);
	if (!server.available) {
		console.log('PostgreSQL not run: set HUBPLAN_TEST_POSTGRES_URL to a PostgreSQL 15 superuser URL.');
		return;
	}
	const db = await server.create();
	try {
		await runOn('PostgreSQL', { HUBPLAN_DATABASE_URL: db.url });
	} finally {
		await db.drop();
	}
}

/** The benchmark against a server started with `database` (the variables that choose its database). */
async function runOn(label: string, database: NodeJS.ProcessEnv): Promise<void> {
	const command = startCommand();
	console.log(`\n### ${label}\n\nServer: \`${command}\` on ${BASE_URL}, ${CLIENTS} clients, ${SECONDS} s per phase`);
	const server = spawn('sh', ['-c', command], {
		env: { ...process.env, ...database, PORT: String(PORT), HUBPLAN_LOOP_DELAY: '1' },
		stdio: ['ignore', 'pipe', 'inherit'],
		detached: true
	});
	const loopReports = collectLoopReports(server);
	try {
		await waitForServer(BASE_URL);
		const ids = [];
		for (const s of SCENARIOS) ids.push(await createScenario(s.name, s.actions));
		const routes: Record<string, string> = {
			'/': '/',
			'/sites': '/sites',
			'/api/scenarios': '/api/scenarios',
			'comparison CSV': `/api/compare/csv?ids=${ids.join(',')}`
		};
		const nodePid = serverPid(server.pid!);
		// Each route once first: a route's code loads on its first request, which is the server
		// starting, not the server at work.
		for (const url of Object.values(routes)) await timeRequest('warm-up', url);

		const baseline = await load({ [`${STATIC_PATH} (baseline)`]: STATIC_PATH }, false);
		const baselineP95 = percentile(baseline.samples.map((s) => s.ms), 0.95);
		await loopDelay(nodePid, loopReports); // starts the server's count afresh
		const mixed = await load(routes, true);
		const loop = await loopDelay(nodePid, loopReports);
		const peakRssMb = peakRss(nodePid);

		const rows = [...table(baseline, baselineP95), ...table(mixed, baselineP95)];
		console.table(rows);
		const total = mixed.samples.filter((s) => s.route !== 'probe');
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
		if (server.pid) process.kill(-server.pid, 'SIGTERM');
		// The next run binds the same port: wait until this server has let it go.
		await new Promise((resolve) => (server.exitCode === null && server.signalCode === null ? server.once('exit', resolve) : resolve(undefined)));
	}
}

function close(siteRef: string) {
	return { type: 'close', siteRef };
}

/** `npm start` without its build step, so this follows whatever the start script becomes. */
function startCommand(): string {
	const start: string = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts.start;
	const command = start.replace(/^\s*(npx )?vite build\s*&&\s*/, '');
	if (command === start) throw new Error(`The start script "${start}" does not begin with "vite build &&"; update the load benchmark.`);
	if (!fs.existsSync('build/handler.js')) throw new Error('No production build in build/: run `npx vite build` first.');
	return command;
}

async function createScenario(name: string, actions: unknown[]): Promise<number> {
	const response = await fetch(`${BASE_URL}/api/scenarios`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name, actions })
	});
	if (response.status !== 201) throw new Error(`Creating scenario "${name}" answered ${response.status}: ${await response.text()}`);
	return ((await response.json()) as { id: number }).id;
}

/**
 * CLIENTS clients, each asking for the routes in turn (starting at a different one) until the phase
 * ends; with `probe`, one more client asks for the static file every PROBE_INTERVAL_MS.
 */
async function load(routes: Record<string, string>, probe: boolean): Promise<{ samples: Sample[]; seconds: number }> {
	const names = Object.keys(routes);
	const samples: Sample[] = [];
	const started = performance.now();
	const ends = started + SECONDS * 1000;
	const running = () => performance.now() < ends && samples.length < MAX_REQUESTS_PER_PHASE;
	const client = async (first: number) => {
		for (let i = first; running(); i++) {
			const route = names[i % names.length];
			samples.push(await timeRequest(route, routes[route]));
		}
	};
	const prober = async () => {
		while (running()) {
			samples.push(await timeRequest('probe', STATIC_PATH));
			await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
		}
	};
	await Promise.all([...Array.from({ length: CLIENTS }, (_, c) => client(c)), ...(probe ? [prober()] : [])]);
	return { samples, seconds: (performance.now() - started) / 1000 };
}

async function timeRequest(route: string, url: string): Promise<Sample> {
	const t0 = performance.now();
	try {
		const response = await fetch(BASE_URL + url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
		await response.arrayBuffer();
		return { route, ms: performance.now() - t0, ok: response.ok };
	} catch {
		return { route, ms: performance.now() - t0, ok: false };
	}
}

function table({ samples, seconds }: { samples: Sample[]; seconds: number }, baselineP95: number) {
	const routes = [...new Set(samples.map((s) => s.route))];
	return routes.map((route) => {
		const ms = samples.filter((s) => s.route === route).map((s) => s.ms);
		const p95 = percentile(ms, 0.95);
		return {
			route: route === 'probe' ? `${STATIC_PATH} (probe, 10/s)` : route,
			requests: ms.length,
			'per s': Math.round(ms.length / seconds),
			errors: samples.filter((s) => s.route === route && !s.ok).length,
			'p50 ms': Math.round(percentile(ms, 0.5)),
			'p95 ms': Math.round(p95),
			'p99 ms': Math.round(percentile(ms, 0.99)),
			'max ms': Math.round(Math.max(...ms)),
			'p95 × baseline': +(p95 / baselineP95).toFixed(1)
		};
	});
}

function percentile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** The node process under `sh -c` (sh may exec it, then it is the same pid). */
function serverPid(shPid: number): number {
	const children = (pid: number) =>
		fs
			.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
			.split(/\s+/)
			.filter(Boolean)
			.map(Number);
	const isNode = (pid: number) => fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('node');
	const queue = [shPid];
	while (queue.length) {
		const pid = queue.shift()!;
		if (isNode(pid)) return pid;
		queue.push(...children(pid));
	}
	throw new Error('Could not find the server process.');
}

function peakRss(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const LOOP_LISTENING = 'Hubplan event-loop delay: send SIGUSR2';

interface LoopDelay {
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
}

/**
 * Lines the server prints when HUBPLAN_LOOP_DELAY is set: first that it listens for SIGUSR2 (a
 * server without the handler would die of the signal), then one report per signal.
 */
function collectLoopReports(server: ChildProcess): { listening: boolean; reports: LoopDelay[] } {
	const state = { listening: false, reports: [] as LoopDelay[] };
	let buffered = '';
	server.stdout!.on('data', (chunk: Buffer) => {
		buffered += chunk.toString();
		const lines = buffered.split('\n');
		buffered = lines.pop()!;
		for (const line of lines) {
			if (line.startsWith(LOOP_LISTENING)) state.listening = true;
			const match = /^Hubplan event-loop delay: (\{.*\})$/.exec(line);
			if (match) state.reports.push(JSON.parse(match[1]));
		}
	});
	return state;
}

/** The server's event-loop delay since the last ask; null from a server that does not report it. */
async function loopDelay(pid: number, state: { listening: boolean; reports: LoopDelay[] }): Promise<LoopDelay | null> {
	if (!state.listening) return null;
	const before = state.reports.length;
	process.kill(pid, 'SIGUSR2');
	for (let i = 0; i < 20 && state.reports.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 100));
	return state.reports[before] ?? null;
}
