/**
 * What the HTTP benchmarks (load.bench.ts, planners.bench.ts) share: the production server started
 * as `npm start` starts it on a fresh database of either driver, the one client helper every
 * request goes through, concurrent clients for a timed phase, and the latency table.
 *
 * Every request goes through {@link send}, which carries the session of a planner signed in the
 * documented way: `hubplan user add … --password-stdin`, then `POST /api/auth/sign-in/email`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresTestDatabase } from '../support/pg-database';
import { PG_BIN, startCluster } from '../support/postgres';
import { waitForServer } from './server';

/** A request slower than this counts as an error. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Stops a phase early however fast the server answers, so the sample arrays stay bounded. */
const MAX_REQUESTS_PER_PHASE = 200_000;
export const STATIC_PATH = '/favicon.svg';

export interface Sample {
	route: string;
	ms: number;
	ok: boolean;
}

export interface Phase {
	samples: Sample[];
	seconds: number;
}

/** A signed-in client of a server: its origin and the session cookie every request carries. */
export interface BenchClient {
	origin: string;
	cookie: string;
}

/** The account the benchmarks sign in as: an editor of the demo partnership, as a planner is. */
const PLANNER = { email: 'planner@bench.invalid', name: 'Benchmark planner', role: 'editor', partnership: 'trafford', password: 'benchmark planner password' };

/** A production server on a fresh database, with a planner signed in. */
export interface BenchServer extends BenchClient {
	/** The server's node process. */
	pid: number;
	/** Its event-loop delay since the last ask; null from a server that does not report it. */
	loopDelay(): Promise<LoopDelay | null>;
	peakRssMb(): number;
	stop(): Promise<void>;
}

/**
 * The one client helper: every benchmark request is made here. Answers that are not 2xx are
 * returned, not thrown; the caller decides.
 */
export function send(client: BenchClient, url: string, init: RequestInit = {}): Promise<Response> {
	const headers = { ...(init.headers as Record<string, string> | undefined), origin: client.origin, ...(client.cookie && { cookie: client.cookie }) };
	return fetch(client.origin + url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

/** One timed request; the body is read in full. `expect` says which status is a success (default: any 2xx). */
export async function timeRequest(client: BenchClient, route: string, url: string, init?: RequestInit, expect?: (status: number) => boolean): Promise<Sample & { body: string }> {
	const t0 = performance.now();
	try {
		const response = await send(client, url, init);
		const body = await response.text();
		return { route, ms: performance.now() - t0, ok: expect ? expect(response.status) : response.ok, body };
	} catch {
		return { route, ms: performance.now() - t0, ok: false, body: '' };
	}
}

/**
 * `clients` clients for `seconds` s, each running `step(client, i)` in a loop, `i` counting its
 * turns; a step pushes its samples. With `thinkMs`, a client pauses that long before its first
 * step (so clients do not start in step) and after each one, as a person reads what they asked
 * for; a pause ends early when the phase does. Without it, each client asks again as soon as it
 * has its answer: a stress test, not people.
 */
export async function runClients(
	clients: number,
	seconds: number,
	step: (client: number, turn: number, samples: Sample[]) => Promise<void>,
	thinkMs?: () => number
): Promise<Phase> {
	const samples: Sample[] = [];
	const started = performance.now();
	const ends = started + seconds * 1000;
	const running = () => performance.now() < ends && samples.length < MAX_REQUESTS_PER_PHASE;
	const think = () => (thinkMs ? new Promise((resolve) => setTimeout(resolve, Math.min(thinkMs(), Math.max(0, ends - performance.now())))) : null);
	await Promise.all(
		Array.from({ length: clients }, async (_, c) => {
			await think();
			for (let i = 0; running(); i++) {
				await step(c, i, samples);
				await think();
			}
		})
	);
	return { samples, seconds: (performance.now() - started) / 1000 };
}

/** The baseline phase: every client asks for the static file, so the table shows the machine's noise. */
export async function staticBaseline(client: BenchClient, clients: number, seconds: number): Promise<Phase> {
	return runClients(clients, seconds, async (_c, _i, samples) => {
		samples.push(await timeRequest(client, `${STATIC_PATH} (baseline)`, STATIC_PATH));
	});
}

/** Per route: requests, rate, errors, p50/p95/p99/max and p95 as a multiple of the baseline's. */
export function latencyTable({ samples, seconds }: Phase, baselineP95: number) {
	const routes = [...new Set(samples.map((s) => s.route))];
	return routes.map((route) => {
		const ms = samples.filter((s) => s.route === route).map((s) => s.ms);
		const p95 = percentile(ms, 0.95);
		return {
			route,
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

export function percentile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/**
 * Runs `bench` on SQLite (a temporary file), then on PostgreSQL: a fresh database on the server
 * HUBPLAN_TEST_POSTGRES_URL names (a superuser URL), else on a throwaway cluster started as the
 * tests start one (tests/support/postgres.ts), else not at all, saying why.
 */
export async function onEachDriver(label: string, bench: (driver: string, database: NodeJS.ProcessEnv) => Promise<void>): Promise<void> {
	const dbFile = path.join(os.tmpdir(), `hubplan-${label}-${Date.now()}.sqlite`);
	try {
		await bench('SQLite', { HUBPLAN_DB: dbFile, HUBPLAN_DATABASE_URL: '' });
	} finally {
		for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
	}
	const given = process.env.HUBPLAN_TEST_POSTGRES_URL;
	if (!given && !fs.existsSync(path.join(PG_BIN, 'initdb'))) {
		console.log('PostgreSQL not run: install postgresql-15 or set HUBPLAN_TEST_POSTGRES_URL to a PostgreSQL 15 superuser URL.');
		return;
	}
	const cluster = given ? null : await startCluster();
	try {
		const db = await (await postgresTestDatabase(`bench_${label}`, given ?? cluster!.url)).create();
		try {
			await bench('PostgreSQL', { HUBPLAN_DATABASE_URL: db.url });
		} finally {
			await db.drop();
		}
	} finally {
		cluster?.stop();
	}
}

/** Starts `build/` the way `npm start` does, on `database`, at `port` on loopback; waits until it answers. */
export async function startServer(database: NodeJS.ProcessEnv, port: number): Promise<BenchServer> {
	const origin = `http://127.0.0.1:${port}`;
	const server = spawn('sh', ['-c', startCommand()], {
		env: { ...process.env, ...database, PORT: String(port), HOST: '127.0.0.1', HUBPLAN_LOOP_DELAY: '1' },
		stdio: ['ignore', 'pipe', 'inherit'],
		detached: true
	});
	const reports = collectLoopReports(server);
	const stop = async () => {
		if (server.pid) process.kill(-server.pid, 'SIGTERM');
		// The next run binds the same port: wait until this server has let it go.
		await new Promise((resolve) => (server.exitCode === null && server.signalCode === null ? server.once('exit', resolve) : resolve(undefined)));
	};
	try {
		await waitForServer(origin);
	} catch (error) {
		await stop();
		throw error;
	}
	const pid = serverPid(server.pid!);
	const stopped = async () => {
		await stop();
		// sh may leave before node has closed its database connections, which must end before the database is dropped.
		while (fs.existsSync(`/proc/${pid}`)) await new Promise((resolve) => setTimeout(resolve, 50));
	};
	try {
		const cookie = await signInPlanner(origin, database);
		return { origin, cookie, pid, loopDelay: () => loopDelay(pid, reports), peakRssMb: () => peakRss(pid), stop: stopped };
	} catch (error) {
		await stopped();
		throw error;
	}
}

/** Adds the planner's account with the CLI, on the server's database, and signs in; returns the session cookie. */
async function signInPlanner(origin: string, database: NodeJS.ProcessEnv): Promise<string> {
	const add = ['user', 'add', '--email', PLANNER.email, '--role', PLANNER.role, '--partnership', PLANNER.partnership, '--name', PLANNER.name, '--password-stdin'];
	execFileSync(process.execPath, ['src/cli/hubplan.js', ...add], { env: { ...process.env, ...database }, input: `${PLANNER.password}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
	const response = await send({ origin, cookie: '' }, '/api/auth/sign-in/email', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: PLANNER.email, password: PLANNER.password })
	});
	const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	if (!response.ok || !cookie) throw new Error(`Signing in the benchmark planner answered ${response.status}: ${await response.text()}`);
	return cookie;
}

/** `npm start` without its build step, so this follows whatever the start script becomes. */
export function startCommand(): string {
	const start: string = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts.start;
	const command = start.replace(/^\s*(npx )?vite build\s*&&\s*/, '');
	if (command === start) throw new Error(`The start script "${start}" does not begin with "vite build &&"; update the HTTP benchmarks.`);
	if (!fs.existsSync('build/handler.js')) throw new Error('No production build in build/: run `npx vite build` first.');
	return command;
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

export interface LoopDelay {
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

async function loopDelay(pid: number, state: { listening: boolean; reports: LoopDelay[] }): Promise<LoopDelay | null> {
	if (!state.listening) return null;
	const before = state.reports.length;
	process.kill(pid, 'SIGUSR2');
	for (let i = 0; i < 20 && state.reports.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 100));
	return state.reports[before] ?? null;
}
