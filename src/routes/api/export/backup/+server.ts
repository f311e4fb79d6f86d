import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writePartnershipBackup } from '$lib/server/partnership-backup';
import type { RequestHandler } from './$types';

/**
 * GET /api/export/backup: this partnership's backup (its rows only, as an SQLite file on either
 * driver), for restoring on the Import and export page. The whole instance is backed up from the
 * command line (`hubplan backup`).
 */
export const GET: RequestHandler = async ({ locals }) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-backup-'));
	const file = path.join(dir, 'partnership.sqlite');
	try {
		await writePartnershipBackup(locals.db, locals.partnership.id, file);
		const bytes = fs.readFileSync(file);
		const date = new Date().toISOString().slice(0, 10);
		const slug = locals.partnership.id.replace(/[^a-z0-9-]+/gi, '-');
		return new Response(bytes, {
			headers: {
				'content-type': 'application/vnd.sqlite3',
				'content-disposition': `attachment; filename="hubplan-${slug}-backup-${date}.sqlite"`,
				'cache-control': 'no-store'
			}
		});
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
};
