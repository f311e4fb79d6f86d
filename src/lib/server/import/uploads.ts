/**
 * Files uploaded through the app, held in memory between "check" and "commit" so the user can fix
 * the column mapping without uploading again. One Node process serves the app, so a Map is enough;
 * entries expire, and the oldest go first when the store is full.
 */
import { randomUUID } from 'node:crypto';
import type { ImportKind } from './fields';
import type { ImportFile } from './plan';
import type { ImportOptions } from './records';

/** Hubplan planning assumption (configurable): long enough to fix a mapping, short enough not to hoard data. */
export const UPLOAD_TTL_MS = 60 * 60 * 1000;
// Each holds a whole file (up to 20 MB), so only a handful are kept.
const MAX_UPLOADS = 8;

export interface Upload {
	kind: ImportKind;
	file: ImportFile;
	zonesCsv?: ImportFile;
	options: Pick<ImportOptions, 'matrixName' | 'matrixMode'>;
	expiresAt: number;
}

const uploads = new Map<string, Upload>();

function sweep(now: number): void {
	for (const [id, upload] of uploads) if (upload.expiresAt < now) uploads.delete(id);
	while (uploads.size >= MAX_UPLOADS) uploads.delete(uploads.keys().next().value!);
}

/** Keeps an upload and returns its id. */
export function saveUpload(upload: Omit<Upload, 'expiresAt'>, now = Date.now()): string {
	sweep(now);
	const id = randomUUID();
	uploads.set(id, { ...upload, expiresAt: now + UPLOAD_TTL_MS });
	return id;
}

/** The upload, or null when the id is unknown or expired. */
export function getUpload(id: string, now = Date.now()): Upload | null {
	const upload = uploads.get(id);
	return upload && upload.expiresAt >= now ? upload : null;
}

/** Forgets an upload once it is committed. */
export function dropUpload(id: string): void {
	uploads.delete(id);
}
