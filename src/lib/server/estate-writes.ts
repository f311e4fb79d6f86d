/**
 * Every write to a partnership's estate tables (zones, sites and the services run in them),
 * whoever makes it: the demo seed (seed.ts), an import's commit (import/kinds/*), the distinct
 * display names (site-names.ts) and merging partners (partners.ts). Reads are in estate.ts.
 * Callers pass a transaction; nothing here opens one, so a whole import stays all-or-nothing.
 *
 * Inserts send many rows per statement, as JSON in one bound value (db/index.ts insertAsJson): one
 * statement per row made loading an England-scale estate into PostgreSQL take minutes, and building
 * many-row statements in the query builder took more CPU than running them.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { insertAsJson, t, type Db } from './db';

export type ZoneInsert = typeof t.zone.$inferInsert;
export type SiteInsert = typeof t.site.$inferInsert;
export type SiteServiceInsert = typeof t.siteService.$inferInsert;

/**
 * Values one statement may bind: SQLite's limit (SQLITE_MAX_VARIABLE_NUMBER, 32,766 since SQLite
 * 3.32), the lower of the two drivers' (PostgreSQL's protocol allows 65,535).
 */
const MAX_BOUND_VALUES = 32_766;
/** Rows per INSERT: one bound value carries them all (insertAsJson), so this only bounds the JSON's size. */
const ROWS_PER_STATEMENT = 5_000;

function inRuns<R>(items: R[], perStatement: number): R[][] {
	const runs: R[][] = [];
	for (let i = 0; i < items.length; i += perStatement) runs.push(items.slice(i, i + perStatement));
	return runs;
}

/** Keys for `IN (…)` lists, in runs that leave room for the statement's other value. */
function keyRuns<K>(keys: K[]): K[][] {
	return inRuns(keys, MAX_BOUND_VALUES - 1);
}

export async function insertZones(db: Db, rows: ZoneInsert[]): Promise<void> {
	for (const batch of inRuns(rows, ROWS_PER_STATEMENT)) await insertAsJson(db, t.zone, batch);
}

export async function updateZone(db: Db, zoneId: number, set: Partial<ZoneInsert>): Promise<void> {
	await db.update(t.zone).set(set).where(eq(t.zone.id, zoneId));
}

export async function deleteZones(db: Db, partnershipId: string, codes: string[]): Promise<void> {
	for (const run of keyRuns(codes)) await db.delete(t.zone).where(and(eq(t.zone.partnershipId, partnershipId), inArray(t.zone.code, run)));
}

/** Adds the sites; returns each new site's id by its ref. */
export async function insertSites(db: Db, rows: SiteInsert[]): Promise<Map<string, number>> {
	const ids = new Map<string, number>();
	for (const batch of inRuns(rows, ROWS_PER_STATEMENT)) {
		for (const row of await insertAsJson(db, t.site, batch, ['id', 'ref'])) ids.set(String(row.ref), Number(row.id));
	}
	return ids;
}

export async function updateSite(db: Db, siteId: number, set: Partial<SiteInsert>): Promise<void> {
	await db.update(t.site).set(set).where(eq(t.site.id, siteId));
}

/** Deletes the partnership's sites with these refs (their services go with them). */
export async function deleteSites(db: Db, partnershipId: string, refs: string[]): Promise<void> {
	for (const run of keyRuns(refs)) await db.delete(t.site).where(and(eq(t.site.partnershipId, partnershipId), inArray(t.site.ref, run)));
}

/** Points every building of partner `fromId` at partner `intoId`; returns how many moved. */
export async function moveSitesToPartner(db: Db, partnershipId: string, fromId: string, intoId: string): Promise<number> {
	const moved = await db
		.update(t.site)
		.set({ organisationId: intoId })
		.where(and(eq(t.site.partnershipId, partnershipId), eq(t.site.organisationId, fromId)))
		.returning({ id: t.site.id });
	return moved.length;
}

export async function insertSiteServices(db: Db, rows: SiteServiceInsert[]): Promise<void> {
	for (const batch of inRuns(rows, ROWS_PER_STATEMENT)) await insertAsJson(db, t.siteService, batch);
}

export async function updateSiteService(db: Db, siteServiceId: number, set: Partial<SiteServiceInsert>): Promise<void> {
	await db.update(t.siteService).set(set).where(eq(t.siteService.id, siteServiceId));
}

export async function deleteSiteServices(db: Db, siteServiceIds: number[]): Promise<void> {
	for (const run of keyRuns(siteServiceIds)) await db.delete(t.siteService).where(inArray(t.siteService.id, run));
}
