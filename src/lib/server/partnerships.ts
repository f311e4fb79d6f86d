/**
 * The partnerships one Hubplan holds: list, add, and find by id or exact name (as the CLI's
 * `--partnership P` takes either). Each partnership's data is its own; members.ts says who is in it.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { t, transaction, type Db } from './db';
import type { Partnership } from './estate';
import { MAX_NAME_CHARS } from '../limits';
import { AccountInputError } from './auth/people';

/**
 * Where the map of a new partnership opens until its estate is imported: England, west, south,
 * east, north in WGS84 (rounded outward from the ONS Countries, December 2023 boundary).
 */
const ENGLAND_BBOX: [number, number, number, number] = [-6.5, 49.8, 1.8, 55.9];

export async function listPartnerships(db: Db): Promise<Partnership[]> {
	return db.select().from(t.partnership).orderBy(asc(t.partnership.createdAt), asc(t.partnership.id));
}

/** The partnership whose id, or else whose exact name, is `idOrName`; an error listing the choices if none. */
export async function findPartnership(db: Db, idOrName: string): Promise<Partnership> {
	const all = await listPartnerships(db);
	const found = all.find((p) => p.id === idOrName) ?? all.filter((p) => p.name === idOrName);
	if (!Array.isArray(found)) return found;
	if (found.length === 1) return found[0];
	const choices = all.map((p) => `${p.id} ("${p.name}")`).join(', ') || 'none yet';
	const why = found.length > 1 ? `${found.length} partnerships are named "${idOrName}": give the id` : `No partnership has the id or name "${idOrName}"`;
	throw new AccountInputError(`${why}. Partnerships: ${choices}.`, 'partnership');
}

/** Adds an empty partnership (import its estate next) and returns it. The id is made from the name. */
export async function addPartnership(db: Db, name: string): Promise<Partnership> {
	const trimmed = name.trim();
	if (!trimmed) throw new AccountInputError('Give the partnership a name.', 'name');
	if (trimmed.length > MAX_NAME_CHARS) throw new AccountInputError(`The name is ${trimmed.length} characters long; use at most ${MAX_NAME_CHARS}.`, 'name');
	return transaction(db, async (tx) => {
		if ((await tx.select().from(t.partnership).where(eq(t.partnership.name, trimmed))).length) {
			throw new AccountInputError(`A partnership named "${trimmed}" already exists.`, 'name');
		}
		const slug = trimmed.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'partnership';
		const taken = (await tx.select({ id: t.partnership.id }).from(t.partnership).where(eq(t.partnership.id, slug))).length > 0;
		const id = taken ? `${slug}-${randomUUID().slice(0, 8)}` : slug;
		const [row] = await tx.insert(t.partnership).values({ id, name: trimmed, bbox: ENGLAND_BBOX, estateVersion: randomUUID() }).returning();
		return row;
	});
}
