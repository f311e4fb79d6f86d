import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvaluationResult } from '$lib/engine';
import { postgresTestDatabase } from '../../support/pg-database';

const exec = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-cli-drivers-'));
// The PostgreSQL test project points HUBPLAN_DATABASE_URL at its server; the SQLite project has none.
const server = await postgresTestDatabase('cli_evaluate');

/** `hubplan evaluate ARGS` in its own process (a process runs one driver), on the database `env` chooses. */
async function evaluate(env: NodeJS.ProcessEnv, ...args: string[]): Promise<EvaluationResult> {
	const { stdout } = await exec('node', ['src/cli/hubplan.js', 'evaluate', ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
	return JSON.parse(stdout) as EvaluationResult;
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!server.available)(`hubplan evaluate on SQLite and on PostgreSQL${server.skipReason}`, () => {
	it('prints the same numbers on both for the demo pack, today and with two libraries and a post office closed', async () => {
		const pg = await server.create();
		try {
			const sqlite = { HUBPLAN_DATABASE_URL: '', HUBPLAN_DB: path.join(dir, 'cli.sqlite') };
			const postgres = { HUBPLAN_DATABASE_URL: pg.url };
			const scenario = path.join(dir, 'close.json');
			const actions = [{ type: 'close', siteRef: 'lib-hale' }, { type: 'close', siteRef: 'lib-woodsend' }, { type: 'close', siteRef: 'po-83d0633f' }];
			fs.writeFileSync(scenario, JSON.stringify({ actions }));
			for (const args of [[], ['--scenario', scenario]]) {
				// Each database is created and seeded with the demo on first use; run in turn, not together, to spare the CPU.
				const onSqlite = await evaluate(sqlite, ...args);
				const onPostgres = await evaluate(postgres, ...args);
				expect(onPostgres.appraisal).toEqual(onSqlite.appraisal);
				expect(onPostgres.services).toEqual(onSqlite.services);
				expect(onPostgres.zoneAccess).toEqual(onSqlite.zoneAccess);
				expect(onPostgres).toEqual(onSqlite);
			}
			// Not two empty answers: the closures cost some people their library.
			const closed = await evaluate(sqlite, '--scenario', scenario, '--no-zones');
			expect(closed.appraisal.vacatedSites.length).toBeGreaterThan(0);
		} finally {
			await pg.drop();
		}
	}, 300_000);
});
