/**
 * Whole-estate JSON (the map's buildings and zone shapes, the engine's input) as a cacheable
 * response, so pages stay small and a browser downloads the estate once per change rather than
 * inside every page. The text is made once per estate version, and the ETag is that version: a
 * browser that holds it gets 304 Not Modified. A URL naming the current version (`?v=`) may be
 * kept for good, since a changed estate has a new version and so a new URL.
 */
import type { Db } from './db';
import { estateVersion } from './estate';
import { byEstateVersion } from './estate-cache';

/** Where a page fetches `path` for the estate as it is now. */
export async function estateJsonUrl(path: string, db: Db, partnershipId: string): Promise<string> {
	return `${path}?v=${encodeURIComponent(await estateVersion(db, partnershipId))}`;
}

export async function estateJsonResponse(request: Request, db: Db, partnershipId: string, name: string, make: () => Promise<unknown>): Promise<Response> {
	const version = await estateVersion(db, partnershipId);
	const etag = `"${version}/${name}"`;
	const pinned = new URL(request.url).searchParams.get('v') === version;
	const headers = {
		etag,
		'cache-control': pinned ? 'private, max-age=31536000, immutable' : 'private, no-cache',
		vary: 'Cookie'
	};
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	const text = await byEstateVersion(db, partnershipId, `${name} JSON`, async () => JSON.stringify(await make()));
	return new Response(text, { headers: { ...headers, 'content-type': 'application/json' } });
}
