import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, sqliteClientOf, openDb } from '$lib/server/db';
import { backupDatabase, dataChecksum } from '$lib/server/backup';
import { ensureDemoData } from '$lib/server/seed';
import { TEST_ACTOR } from '../../support/actor';
import { hubplanInProcess } from '../../support/hubplan-cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-cli-restore-'));
const live = path.join(dir, 'live.sqlite');

function hubplan(...args: string[]) {
	return hubplanInProcess(args, { HUBPLAN_DB: live });
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('hubplan restore', async () => {
	it('refuses the backup with a planted trigger (exit 1, the trigger named), then restores the genuine one', async () => {
		const db = await openDb(live);
		await ensureDemoData(db, TEST_ACTOR);
		const genuine = path.join(dir, 'genuine.sqlite');
		await backupDatabase(db, genuine);
		const before = dataChecksum(db);
		await closeDb(db);

		const planted = path.join(dir, 'planted.sqlite');
		fs.copyFileSync(genuine, planted);
		const sqlite = new Database(planted);
		sqlite.exec('CREATE TRIGGER wipe_sites AFTER INSERT ON scenario BEGIN DELETE FROM site; END');
		sqlite.close();
		const refused = await hubplan('restore', planted);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('hubplan restore: "planted.sqlite" does not have the schema');
		expect(refused.stderr).toContain('unexpected trigger "wipe_sites" on table scenario');

		const restored = await hubplan('restore', genuine);
		expect(restored.code).toBe(0);
		expect(restored.stdout).toContain(`data checksum ${before.slice(0, 16)}`);
	});
});
