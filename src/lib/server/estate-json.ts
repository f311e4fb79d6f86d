/**
 * Whole-estate JSON (the map's buildings and zone shapes, the engine's input) as a cacheable
 * response, so pages stay small and a browser downloads the estate once per change rather than
 * inside every page. The text is made once per estate version and per set of withheld fields
 * (a viewer's differs from an editor's), and the ETag is that pair: a browser that holds it gets
 * 304 Not Modified. A URL naming the current pair (`?v=`) may be kept for good, since a changed
 * estate or restriction has a new one and so a new URL.
 */
import type { Db } from './db';
import { estateVersion } from './estate';
import { byEstateVersion } from './estate-cache';
import type { Withheld } from './restricted-fields';

async function versionToken(db: Db, partnershipId: string, withheld: Withheld): Promise<string> {
	const version = await estateVersion(db, partnershipId);
	return withheld.none ? version : `${version} ${withheld.variant}`;
}

/** Where a page fetches `path` for the estate as it is now, as this reader sees it. */
export async function estateJsonUrl(path: string, db: Db, partnershipId: string, withheld: Withheld): Promise<string> {
	return `${path}?v=${encodeURIComponent(await versionToken(db, partnershipId, withheld))}`;
}

export async function estateJsonResponse(request: Request, db: Db, partnershipId: string, withheld: Withheld, name: string, make: () => Promise<unknown>): Promise<Response> {
	const token = await versionToken(db, partnershipId, withheld);
	const etag = `"${encodeURIComponent(token)}/${name}"`;
	const pinned = new URL(request.url).searchParams.get('v') === token;
	const headers = {
		etag,
		'cache-control': pinned ? 'private, max-age=31536000, immutable' : 'private, no-cache',
		vary: 'Cookie'
	};
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	const text = await byEstateVersion(db, partnershipId, withheld.cacheName(`${name} JSON`), async () => JSON.stringify(await make()));
	return new Response(text, { headers: { ...headers, 'content-type': 'application/json' } });
}
