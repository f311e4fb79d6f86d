/**
 * Files uploaded through the app, kept between "check" and "commit" so the user can fix the column
 * mapping without uploading again. They live in the database (`import_upload`), not in one
 * process's memory, so any of several app servers behind a load balancer can take the next step.
 * Entries expire; the oldest go first when a partnership holds too many.
 */
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { t, transaction, type Db } from '../db';
import type { ImportKind } from './fields';
import type { ImportFile } from './plan';
import type { ImportOptions } from './records';

/** Hubplan planning assumption (configurable): long enough to fix a mapping, short enough not to hoard data. */
export const UPLOAD_TTL_MS = 60 * 60 * 1000;
// Each holds a whole file (up to 20 MB), so only a handful are kept per partnership.
const MAX_UPLOADS = 8;

export interface Upload {
	kind: ImportKind;
	file: ImportFile;
	zonesCsv?: ImportFile;
	options: Pick<ImportOptions, 'matrixName' | 'matrixMode'>;
}

/** Keeps an upload and returns its id. */
export function saveUpload(db: Db, partnershipId: string, upload: Upload, now = new Date()): Promise<string> {
	return transaction(db, async (tx) => {
		await tx.delete(t.importUpload).where(lt(t.importUpload.expiresAt, now.toISOString()));
		const kept = await tx
			.select({ id: t.importUpload.id })
			.from(t.importUpload)
			.where(eq(t.importUpload.partnershipId, partnershipId))
			.orderBy(asc(t.importUpload.createdAt), asc(t.importUpload.id));
		for (const { id } of kept.slice(0, Math.max(0, kept.length - MAX_UPLOADS + 1))) {
			await tx.delete(t.importUpload).where(eq(t.importUpload.id, id));
		}
		const id = randomUUID();
		await tx.insert(t.importUpload).values({
			id,
			partnershipId,
			kind: upload.kind,
			fileName: upload.file.name,
			bytes: Buffer.from(upload.file.bytes),
			zonesFileName: upload.zonesCsv?.name ?? null,
			zonesBytes: upload.zonesCsv ? Buffer.from(upload.zonesCsv.bytes) : null,
			options: upload.options,
			expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS).toISOString()
		});
		return id;
	});
}

/** The upload, or null when the id is unknown, expired or another partnership's. */
export async function getUpload(db: Db, partnershipId: string, id: string, now = new Date()): Promise<Upload | null> {
	const [row] = await db
		.select()
		.from(t.importUpload)
		.where(and(eq(t.importUpload.id, id), eq(t.importUpload.partnershipId, partnershipId), gte(t.importUpload.expiresAt, now.toISOString())));
	if (!row) return null;
	return {
		kind: row.kind,
		file: { name: row.fileName, bytes: new Uint8Array(row.bytes) },
		...(row.zonesFileName !== null && row.zonesBytes !== null && { zonesCsv: { name: row.zonesFileName, bytes: new Uint8Array(row.zonesBytes) } }),
		options: row.options
	};
}

/** Forgets an upload once it is committed; only the partnership's own (another's id changes nothing). */
export function dropUpload(db: Db, partnershipId: string, id: string): Promise<void> {
	return transaction(db, async (tx) => {
		await tx.delete(t.importUpload).where(and(eq(t.importUpload.id, id), eq(t.importUpload.partnershipId, partnershipId)));
	});
}
