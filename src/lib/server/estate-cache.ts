/**
 * Values derived from a partnership's estate (page summaries, zone outlines), kept until its estate
 * version changes, so pages that show the whole estate do not read and reshape it on every request.
 * One value per name and partnership: the latest version's.
 */
import type { Db } from './db';
import { estateVersion } from './estate';

const cache = new Map<string, { version: string; value: unknown }>();

/** `make()`'s value for the estate as it is now, made at most once per estate version. */
export function byEstateVersion<T>(db: Db, partnershipId: string, name: string, make: () => T): T {
	const version = estateVersion(db, partnershipId);
	const key = `${partnershipId}/${name}`;
	const hit = cache.get(key);
	if (hit?.version === version) return hit.value as T;
	const value = make();
	cache.set(key, { version, value });
	return value;
}
