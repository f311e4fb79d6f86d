/**
 * Values derived from a partnership's estate (page summaries, zone outlines), kept until its estate
 * version changes, so pages that show the whole estate do not read and reshape it on every request.
 * One value per name and partnership: the latest version's. Each process keeps its own; the
 * version lives in the database, so every app server sees a change.
 */
import type { Db } from './db';
import { estateVersion } from './estate';

const cache = new Map<string, { version: string; value: Promise<unknown> }>();

/** `make()`'s value for the estate as it is now, made at most once per estate version. */
export async function byEstateVersion<T>(db: Db, partnershipId: string, name: string, make: () => Promise<T>): Promise<T> {
	const version = await estateVersion(db, partnershipId);
	const key = `${partnershipId}/${name}`;
	const hit = cache.get(key);
	if (hit?.version === version) return hit.value as Promise<T>;
	// The promise is kept, so requests arriving while it is made wait for the same one.
	const value = make();
	cache.set(key, { version, value });
	value.catch(() => {
		if (cache.get(key)?.value === value) cache.delete(key);
	});
	return value;
}
