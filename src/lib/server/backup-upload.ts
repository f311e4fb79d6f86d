/**
 * A partnership backup uploaded through the Import and export page, restored from a temporary file
 * that keeps the upload's own name, so every message names the file the user chose.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from './auth/actor';
import type { Db } from './db';
import type { Partnership } from './estate';
import { restorePartnershipBackup, type PartnershipRestoreReport } from './partnership-backup';

export async function restoreUploadedBackup(db: Db, actor: Actor, partnership: Partnership, upload: File): Promise<PartnershipRestoreReport> {
	const name = path.basename(upload.name || 'backup.sqlite').replace(/[^\w.\- ]+/g, '_');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-upload-'));
	const file = path.join(dir, name);
	try {
		fs.writeFileSync(file, Buffer.from(await upload.arrayBuffer()));
		return await restorePartnershipBackup(db, actor, partnership, file, name);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
