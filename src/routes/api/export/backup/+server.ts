import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupDatabase } from '$lib/server/backup';
import type { RequestHandler } from './$types';

/** GET /api/export/backup: a consistent copy of the whole database, taken while the app runs. */
export const GET: RequestHandler = async ({ locals }) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-backup-'));
	const file = path.join(dir, 'hubplan.sqlite');
	try {
		await backupDatabase(locals.db, file);
		const bytes = fs.readFileSync(file);
		const date = new Date().toISOString().slice(0, 10);
		return new Response(bytes, {
			headers: {
				'content-type': 'application/vnd.sqlite3',
				'content-disposition': `attachment; filename="hubplan-backup-${date}.sqlite"`,
				'cache-control': 'no-store'
			}
		});
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
};
