/**
 * vitest globalSetup for the PostgreSQL project: finds a PostgreSQL server for the run.
 *
 * - `HUBPLAN_TEST_POSTGRES_URL` (a superuser URL that may CREATE DATABASE) is used as it is;
 * - else, when PostgreSQL 15's binaries are installed (Debian's `postgresql-15`), a throwaway
 *   cluster is made in a temporary folder (`initdb`, C locale so text sorts as SQLite sorts it),
 *   started on a free port and stopped and deleted at the end. `initdb` refuses root, so as root
 *   it runs as the `postgres` system user.
 *
 * vite.config.ts leaves the PostgreSQL project out, and says so, when neither is there
 * (`postgresAvailable`). Each test file makes and drops its own database (tests/support/db.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

declare module 'vitest' {
	export interface ProvidedContext {
		postgresUrl: string;
	}
}

/** Whether the PostgreSQL part of the suite can run here. */
export function postgresAvailable(): boolean {
	return Boolean(process.env.HUBPLAN_TEST_POSTGRES_URL) || fs.existsSync(path.join(PG_BIN, 'initdb'));
}

export default async function setup(project: TestProject): Promise<() => void> {
	const given = process.env.HUBPLAN_TEST_POSTGRES_URL;
	if (given) {
		project.provide('postgresUrl', given);
		return () => {};
	}
	const cluster = await startCluster();
	project.provide('postgresUrl', cluster.url);
	return cluster.stop;
}

export async function startCluster(): Promise<{ url: string; stop: () => void }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-pg-'));
	const asRoot = process.getuid?.() === 0;
	const run = (command: string, args: string[]) => {
		const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, command), ...args]] : [path.join(PG_BIN, command), args];
		return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
	};
	if (asRoot) execFileSync('chown', ['postgres', dir]);
	const data = path.join(dir, 'data');
	run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--locale=C', '-E', 'UTF8']);
	const port = await freePort();
	run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		stop() {
			const [file, argv] = asRoot
				? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']]
				: [path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']];
			spawnSync(file, argv, { stdio: 'ignore' });
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}
