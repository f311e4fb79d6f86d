/**
 * The audit log (`audit_event`): every change to a partnership's data, with who made it, when, from
 * where, and the thing before and after. Write functions of the data layer call `record` inside the
 * transaction that makes the change, so a change that rolls back leaves no entry and a change that
 * commits always has one. This module is the only one that touches the table, and it only ever
 * inserts and reads: there is no update or delete here, and the database refuses both
 * (drizzle/*\/*_audit_append_only.sql).
 *
 * Import as a namespace: `import * as audit from '$lib/server/audit/log'`.
 */
import { and, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import { t, type Db } from '../db';
import type { Actor } from '../auth/actor';
import { actorLabel } from '../auth/actor';
import type { AuditAction, AuditEntityKind, AuditSnapshot } from '../../audit/kinds';

export type AuditEvent = typeof t.auditEvent.$inferSelect;

/** One change, as a write function describes it. */
export interface AuditChange {
	entityKind: AuditEntityKind;
	entityId: string | number;
	action: AuditAction;
	before?: AuditSnapshot | null;
	after?: AuditSnapshot | null;
	/** One plain-English sentence, e.g. `Renamed scenario "A" to "B"`. */
	summary: string;
}

/** Rows per INSERT: 12 values a row stays well under SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_INSERT = 500;

/** Records one change; call it with the transaction that makes the change. */
export async function record(tx: Db, actor: Actor, partnershipId: string, change: AuditChange): Promise<void> {
	await recordAll(tx, actor, partnershipId, [change]);
}

/** Records many changes (an import's rows) in batched inserts, in the caller's transaction. */
export async function recordAll(tx: Db, actor: Actor, partnershipId: string, changes: readonly AuditChange[]): Promise<void> {
	const who = {
		partnershipId,
		actorKind: actor.kind,
		actorId: actor.kind === 'user' ? actor.userId : null,
		actorLabel: actorLabel(actor),
		address: actor.kind === 'user' ? actor.address : null
	};
	for (let i = 0; i < changes.length; i += ROWS_PER_INSERT) {
		await tx.insert(t.auditEvent).values(
			changes.slice(i, i + ROWS_PER_INSERT).map((c) => ({
				...who,
				entityKind: c.entityKind,
				entityId: String(c.entityId),
				action: c.action,
				before: c.before ?? null,
				after: c.after ?? null,
				summary: c.summary
			}))
		);
	}
}

/**
 * Records `change` in every partnership of the PostgreSQL database `client` is connected to: the
 * PostgreSQL restore's entry, written over its own connection once the restored data has committed
 * (the restore runs beside, not through, the app's connection pool).
 */
export async function recordInEveryPartnership(client: pg.ClientBase, actor: Actor, change: AuditChange): Promise<void> {
	await client.query(
		`INSERT INTO audit_event (partnership_id, actor_kind, actor_id, actor_label, address, entity_kind, entity_id, action, before, after, summary)
		 SELECT id, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM partnership`,
		[
			actor.kind,
			actor.kind === 'user' ? actor.userId : null,
			actorLabel(actor),
			actor.kind === 'user' ? actor.address : null,
			change.entityKind,
			String(change.entityId),
			change.action,
			change.before ? JSON.stringify(change.before) : null,
			change.after ? JSON.stringify(change.after) : null,
			change.summary
		]
	);
}

/** Which entries to read: of one kind, of one thing, of one building, or matching words. */
export interface AuditFilter {
	entityKind?: AuditEntityKind;
	entityId?: string;
	/** A building's own entries and those of the services in it (`ref / service`). */
	siteRef?: string;
	/** Words looked for (any case) in the summary and who made the change. */
	q?: string;
}

function whereOf(partnershipId: string, filter: AuditFilter): SQL {
	const e = t.auditEvent;
	const conditions: (SQL | undefined)[] = [eq(e.partnershipId, partnershipId)];
	if (filter.entityKind) conditions.push(eq(e.entityKind, filter.entityKind));
	if (filter.entityId !== undefined) conditions.push(eq(e.entityId, filter.entityId));
	if (filter.siteRef !== undefined) {
		const prefix = `${filter.siteRef} / `;
		conditions.push(
			or(
				and(eq(e.entityKind, 'site'), eq(e.entityId, filter.siteRef)),
				// substr rather than LIKE, so a ref holding % or _ matches only itself.
				and(eq(e.entityKind, 'service'), sql`substr(${e.entityId}, 1, ${prefix.length}) = ${prefix}`)
			)
		);
	}
	for (const word of (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean)) {
		const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		conditions.push(sql`(lower(${e.summary}) like ${pattern} escape '\\' or lower(${e.actorLabel}) like ${pattern} escape '\\')`);
	}
	return and(...conditions)!;
}

/** Entries newest first, `limit` of them from `offset`; no limit reads every match. */
export async function list(db: Db, partnershipId: string, filter: AuditFilter = {}, page: { offset?: number; limit?: number } = {}): Promise<AuditEvent[]> {
	const query = db.select().from(t.auditEvent).where(whereOf(partnershipId, filter)).orderBy(desc(t.auditEvent.id));
	if (page.limit === undefined) return query;
	return query.limit(page.limit).offset(page.offset ?? 0);
}

/** How many entries match. */
export async function countOf(db: Db, partnershipId: string, filter: AuditFilter = {}): Promise<number> {
	const [row] = await db.select({ n: count() }).from(t.auditEvent).where(whereOf(partnershipId, filter));
	return Number(row.n);
}

/** Bookkeeping columns a reader of the log does not need (ids, keys, timestamps, provenance). */
const BOOKKEEPING = new Set(['id', 'partnershipId', 'scenarioId', 'siteId', 'createdAt', 'updatedAt', 'version', 'sortOrder', 'provenance', 'attributes', 'equality']);

/**
 * A row as the log keeps it: its own fields without the bookkeeping, and shapes (a building's
 * footprint, a zone's boundary) as "a shape" rather than thousands of coordinates.
 */
export function rowSnapshot(row: object): AuditSnapshot {
	const snapshot: AuditSnapshot = {};
	for (const [key, value] of Object.entries(row)) {
		if (BOOKKEEPING.has(key) || value === undefined) continue;
		snapshot[key] = isGeometry(value) ? SHAPE : value;
	}
	return snapshot;
}

/** What a snapshot holds in place of a geometry. */
export const SHAPE = '(a shape)';

function isGeometry(value: unknown): boolean {
	return typeof value === 'object' && value !== null && 'type' in value && ('coordinates' in value || 'geometries' in value);
}
