import { sqliteClientOf } from '../../../src/lib/server/db';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/lib/server/db';
import { ensureDemoData } from '../../../src/lib/server/seed';
import { dataChecksum } from '../../../src/lib/server/backup';
import { PAUSE_ENV } from '../../../src/lib/server/import';
import { FIXTURES } from './helpers';
import { TEST_ACTOR } from '../../support/actor';

const CLI = path.resolve('src/cli/hubplan.js');

/** A seeded database file, closed, with its checksum. */
async function seededFile(): Promise<{ file: string; checksum: string }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-import-'));
	const file = path.join(dir, 'hubplan.sqlite');
	const db = await openDb(file);
	await ensureDemoData(db, TEST_ACTOR);
	const checksum = dataChecksum(db);
	sqliteClientOf(db)!.close();
	return { file, checksum };
}

const fileHash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function reopen(file: string) {
	const db = await openDb(file);
	try {
		return {
			checksum: dataChecksum(db),
			integrity: sqliteClientOf(db)!.pragma('integrity_check', { simple: true }),
			runs: (sqliteClientOf(db)!.prepare('SELECT count(*) AS n FROM import_run').get() as { n: number }).n,
			newSites: (sqliteClientOf(db)!.prepare("SELECT count(*) AS n FROM site WHERE ref LIKE 'hub-s%-%'").get() as { n: number }).n
		};
	} finally {
		sqliteClientOf(db)!.close();
	}
}

// Each test starts node with tsx; on a busy 2-core machine that alone can pass vitest's default 30 s.
describe('hubplan import as a process', { timeout: 90_000 }, () => {
	it('exits 1 on an invalid file, prints every problem and leaves the database file byte-for-byte unchanged', async () => {
		const { file } = await seededFile();
		const before = fileHash(file);
		const result = spawnSync('node', [CLI, 'import', path.join(FIXTURES, 'sites-many-problems.csv'), '--kind', 'sites'], {
			env: { ...process.env, HUBPLAN_DB: file },
			encoding: 'utf8'
		});
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('6 problem(s); nothing was written');
		expect(result.stderr).toContain('sites-many-problems.csv, row 3, column "kind": "castle" unknown kind');
		expect(result.stderr).toContain('row 5, column "ref": "new-1" duplicate site ref (also on row 2)');
		expect(fileHash(file)).toBe(before);
	});

	it('commits a valid file and records the run', async () => {
		const { file, checksum } = await seededFile();
		const result = spawnSync('node', [CLI, 'import', path.join(FIXTURES, 'sites-good.csv'), '--kind', 'sites'], {
			env: { ...process.env, HUBPLAN_DB: file },
			encoding: 'utf8'
		});
		expect(result.stdout).toContain('Imported sites-good.csv (import run 1): 2 added, 1 changed, 0 removed.');
		expect(result.status).toBe(0);
		expect(await reopen(file)).toMatchObject({ integrity: 'ok', runs: 1, newSites: 2 });
		expect((await reopen(file)).checksum).not.toBe(checksum);
	});

	it('killed with SIGKILL inside the import transaction, leaves the database as it was', async () => {
		const { file, checksum } = await seededFile();
		const child = spawn('node', [CLI, 'import', path.join(FIXTURES, 'sites-good.csv'), '--kind', 'sites', '--remove-missing'], {
			env: { ...process.env, HUBPLAN_DB: file, [PAUSE_ENV]: '60000' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		// Wait until the rows are written but not committed, then kill without warning.
		await new Promise<void>((resolve, reject) => {
			let stderr = '';
			child.stderr.on('data', (chunk) => {
				stderr += chunk;
				if (stderr.includes('paused inside the import transaction')) resolve();
			});
			child.on('exit', (code) => reject(new Error(`import exited (${code}) before pausing: ${stderr}`)));
		});
		const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
		child.kill('SIGKILL');
		expect(await exited).toBe('SIGKILL');
		expect(fs.existsSync(`${file}-wal`)).toBe(true);
		expect(await reopen(file)).toEqual({ checksum, integrity: 'ok', runs: 0, newSites: 0 });
	});
});
