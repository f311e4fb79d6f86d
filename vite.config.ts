import os from 'node:os';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { postgresAvailable } from './tests/support/postgres';

/**
 * The database suite runs twice: on SQLite with everything else, and on PostgreSQL (a server from
 * HUBPLAN_TEST_POSTGRES_URL, or a throwaway cluster when PostgreSQL 15 is installed). Tests that
 * are about SQLite's own files (backup, restore, a killed import, the CLI tests, which give the
 * CLI a database file) run on SQLite only; evaluate-drivers runs the CLI on each driver in turn.
 */
const POSTGRES_TESTS = [
	'tests/unit/server/**/*.test.ts',
	'tests/unit/auth/**/*.test.ts',
	'tests/unit/cli/{user,evaluate-drivers}.test.ts',
	'tests/unit/import/{round-trip,new-partners}.test.ts',
	'tests/unit/compare/{comparison,pilot-costs,routes,estimates-used}.test.ts',
	'tests/unit/map/summaries.test.ts'
];
const SQLITE_ONLY = ['tests/unit/server/restore.test.ts', 'tests/unit/server/schema-pg.test.ts'];

const withPostgres = postgresAvailable();
if (!withPostgres) {
	console.log(
		'Hubplan: the PostgreSQL part of the database tests was skipped (no PostgreSQL 15 in /usr/lib/postgresql/15/bin and no HUBPLAN_TEST_POSTGRES_URL). Install postgresql-15 or set HUBPLAN_TEST_POSTGRES_URL=postgres://… to run it.'
	);
}

export default defineConfig({
	plugins: [sveltekit()],
	worker: { format: 'es' },
	test: {
		environment: 'node',
		// A worker loads the app's modules once and runs file after file of its project, instead of
		// loading them again for every file (on the shared 2 cores the run went from 622 s to 343 s).
		// So a test file must put back what it changes globally: environment variables (vi.stubEnv,
		// then unstubAllEnvs), spies, timers.
		isolate: false,
		// vitest's default is one worker fewer than the cores: one on 2 cores. Two, so the PostgreSQL
		// project's waits on its server overlap the SQLite project's work (343 s to 254 s on 2 cores).
		maxWorkers: Math.max(2, os.availableParallelism() - 1),
		testTimeout: 30_000,
		// A suite's first comparison or import starts a pool thread, which takes seconds on a busy machine.
		hookTimeout: 60_000,
		projects: [
			{ extends: true, test: { name: 'sqlite', include: ['tests/unit/**/*.test.ts'] } },
			...(withPostgres
				? [
						{
							extends: true as const,
							test: {
								name: 'postgres',
								include: POSTGRES_TESTS,
								exclude: SQLITE_ONLY,
								globalSetup: ['tests/support/postgres.ts'],
								setupFiles: ['tests/support/postgres-setup.ts']
							}
						}
					]
				: [])
		]
	}
});
