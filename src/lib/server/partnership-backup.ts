/**
 * A partnership's own backup, for its data managers on the web. One format on both drivers: an
 * SQLite file with Hubplan's schema at this version's migration level, holding only this
 * partnership's rows and the catalogue services they use; never another partnership's rows, nor
 * accounts, sessions or memberships (every table has a rule below, so a new table cannot slip in).
 *
 * Restore proves the file before it changes anything (assertHubplanBackup: an intact SQLite file
 * at a known migration level with exactly the schema those migrations make and every reference
 * whole), migrates a copy to this version, checks it holds exactly one partnership and that it is
 * this one, then in one transaction replaces this partnership's rows, reads every table back and
 * compares count and content hash with the file (as table-copy.ts does), and renews the estate
 * version so every cache keyed by it starts again. Other partnerships' rows are never touched.
 *
 * Whole-instance backups (the SQLite file, pg_dump) stay with the server's operator, on the command
 * line (backup.ts, pg-backup.ts).
 */
import Database from 'better-sqlite3';
import { and, eq, getTableColumns, inArray, ne, type SQL } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as schema from './db/schema';
import { MIGRATIONS_FOLDER, syncSerial, t, transaction, type Db, type Tables } from './db';
import { assertHubplanBackup, assertMigratedBackup } from './backup';
import { dependencyOrder, tableDigest, type TableCheck } from './db/table-copy';
import { renewEstateVersion, type Partnership } from './estate';
import type { Actor } from './auth/actor';
import * as audit from './audit/log';

/** The schema's tables by their names in schema.ts. */
export type TableName = { [K in keyof Tables]: Tables[K] extends SQLiteTable ? K : never }[keyof Tables];

/** How a table takes part in a partnership backup. */
export type BackupRule =
	/** The partnership row itself: restore updates it in place (memberships and audit rows point at it). */
	| { scope: 'partnership' }
	/** Rows with this partnership's `partnershipId`: replaced on restore. */
	| { scope: 'owned' }
	/** Rows belonging to an owned parent row through `column`: replaced with it. */
	| { scope: 'via'; parent: TableName; column: string }
	/** Shared by every partnership: the backup holds the rows its own rows use; restore adds missing ones, never changes or removes any. */
	| { scope: 'catalogue' }
	/** Owned, but never removed: restore keeps every live row and adds the backup's others. */
	| { scope: 'append-only'; why: string }
	/** Never in a partnership backup. */
	| { scope: 'left out'; why: string };

/**
 * Every table of schema.ts, and what a partnership backup does with it. Typed by the schema, so a
 * table added without a rule here (accounts, audit) fails the type check.
 */
export const PARTNERSHIP_BACKUP_RULES: Record<TableName, BackupRule> = {
	partnership: { scope: 'partnership' },
	organisation: { scope: 'owned' },
	service: { scope: 'catalogue' },
	site: { scope: 'owned' },
	siteService: { scope: 'owned' },
	zone: { scope: 'owned' },
	area: { scope: 'owned' },
	accessCriterion: { scope: 'owned' },
	mitigation: { scope: 'owned' },
	contextLayer: { scope: 'owned' },
	travelMatrix: { scope: 'owned' },
	travelTime: { scope: 'via', parent: 'travelMatrix', column: 'matrixId' },
	scenario: { scope: 'owned' },
	milestone: { scope: 'owned' },
	pilotCost: { scope: 'owned' },
	pilotContribution: { scope: 'via', parent: 'pilotCost', column: 'pilotCostId' },
	importRun: { scope: 'owned' },
	savedComparison: { scope: 'owned' },
	decisionRecord: {
		scope: 'append-only',
		why: 'a decision record is what was presented to cabinet and has no delete; an older backup must not erase one frozen since'
	},
	importUpload: {
		scope: 'left out',
		why: "files waiting between an import's check and its commit, checked against the estate as it was; a restore discards this partnership's"
	},
	restrictedField: { scope: 'owned' },
	scenarioRevision: { scope: 'owned' },
	auditEvent: {
		scope: 'left out',
		why: 'the audit log records what happened in this instance, this restore included; a backup’s copy would rewrite that history, and the database refuses to remove its rows'
	},
	// Accounts belong to the instance, not to one partnership's data: never in its backup.
	authUser: { scope: 'left out', why: 'people sign in to the instance; a partnership backup holds its data, not accounts' },
	authSession: { scope: 'left out', why: 'sessions are sign-ins, not data' },
	authAccount: { scope: 'left out', why: 'password hashes and single sign-on links are never copied out' },
	authVerification: { scope: 'left out', why: 'short-lived sign-in tokens' },
	authRateLimit: { scope: 'left out', why: 'sign-in attempt counters' },
	authSecret: { scope: 'left out', why: 'the instance’s signing secret' },
	oneTimeLink: { scope: 'left out', why: 'first-admin and set-password links of the instance' },
	membership: { scope: 'left out', why: 'who may use the partnership is managed on its Members page, and a restore must not change it' }
};

type Row = Record<string, unknown>;

const tableNames = Object.keys(PARTNERSHIP_BACKUP_RULES) as TableName[];

/** schema.ts's table (the SQLite description: names, keys and references, the same on both drivers). */
function described(name: TableName): SQLiteTable {
	return schema[name];
}

/** This process's table for queries (PostgreSQL's under the same names and types; see db/index.ts). */
function live(name: TableName): SQLiteTable {
	return t[name];
}

function columnsOf(table: SQLiteTable): Record<string, SQLiteColumn> {
	return getTableColumns(table);
}

/** Tables parents first, by schema.ts's foreign keys. */
const PARENTS_FIRST: TableName[] = (() => {
	const bySqlName = new Map(tableNames.map((name) => [getTableConfig(described(name)).name, name]));
	const keys = tableNames.flatMap((name) =>
		getTableConfig(described(name)).foreignKeys.map((fk) => ({ child: name, parent: bySqlName.get(getTableConfig(fk.reference().foreignTable).name)! }))
	);
	return dependencyOrder(tableNames, keys) as TableName[];
})();

/** The rows of `name` that belong to the partnership, as a condition on the live table. */
function belongsTo(db: Db, name: TableName, partnershipId: string): SQL {
	const rule = PARTNERSHIP_BACKUP_RULES[name];
	const columns = columnsOf(live(name));
	if (rule.scope === 'partnership') return eq(columns.id, partnershipId);
	if (rule.scope === 'via') {
		const parent = columnsOf(live(rule.parent));
		return inArray(columns[rule.column], db.select({ id: parent.id }).from(live(rule.parent)).where(eq(parent.partnershipId, partnershipId)));
	}
	return eq(columns.partnershipId, partnershipId);
}

const isPartnershipData = (rule: BackupRule) => rule.scope !== 'catalogue' && rule.scope !== 'left out';

/** The partnership's rows of every table a backup holds, by table, and the catalogue rows they use. */
async function partnershipRows(db: Db, partnershipId: string): Promise<Map<TableName, Row[]>> {
	const rows = new Map<TableName, Row[]>();
	for (const name of PARENTS_FIRST) {
		if (isPartnershipData(PARTNERSHIP_BACKUP_RULES[name])) rows.set(name, await db.select().from(live(name)).where(belongsTo(db, name, partnershipId)));
	}
	const codes = [...new Set([...(rows.get('siteService') ?? []), ...(rows.get('accessCriterion') ?? [])].map((r) => r.serviceCode as string))];
	rows.set('service', codes.length ? await db.select().from(t.service).where(inArray(t.service.code, codes)) : []);
	return rows;
}

/** Most parameters in one statement on either driver stays well under both limits. */
const MAX_PARAMETERS = 30_000;

function batches(name: TableName, rows: Row[]): Row[][] {
	const size = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(columnsOf(described(name))).length));
	const out: Row[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}

/**
 * Writes the partnership's backup to `file` (replacing it): a new SQLite file migrated to this
 * version, filled with the partnership's rows in one transaction.
 */
export async function writePartnershipBackup(db: Db, partnershipId: string, file: string): Promise<void> {
	const rows = await partnershipRows(db, partnershipId);
	for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
	const sqlite = new Database(file);
	try {
		const target = drizzle(sqlite, { schema });
		migrate(target, { migrationsFolder: MIGRATIONS_FOLDER });
		sqlite.pragma('foreign_keys = ON');
		sqlite.exec('BEGIN');
		for (const name of PARENTS_FIRST) for (const batch of batches(name, rows.get(name) ?? [])) await target.insert(described(name)).values(batch);
		sqlite.exec('COMMIT');
	} finally {
		sqlite.close();
	}
}

export interface PartnershipRestoreReport {
	/** Per table: rows and content hash in the file and in the database after the restore. */
	checks: TableCheck[];
	/** Decision records the database had and the backup did not, kept. */
	keptDecisionRecords: number;
}

/**
 * Replaces `partnership`'s rows with the backup in `file`, after the checks in the module comment.
 * Throws, naming the reason, and changes nothing when any check fails. `name` names the file in
 * messages (an upload's own name rather than where it was saved).
 */
export async function restorePartnershipBackup(db: Db, actor: Actor, partnership: Partnership, file: string, name = path.basename(file)): Promise<PartnershipRestoreReport> {
	assertHubplanBackup(file);
	const backup = await readStagedBackup(file);
	assertThisPartnership(backup, partnership, name);
	return transaction(db, async (tx) => {
		await assertIdsFree(tx, backup, partnership.id, name);
		const liveRecords = await tx.select().from(t.decisionRecord).where(eq(t.decisionRecord.partnershipId, partnership.id));
		const records = mergedDecisionRecords(liveRecords, backup, name);

		const services = backup.get('service') ?? [];
		for (const batch of batches('service', services)) await tx.insert(t.service).values(batch as (typeof t.service.$inferInsert)[]).onConflictDoNothing();
		for (const table of [...PARENTS_FIRST].reverse()) {
			const rule = PARTNERSHIP_BACKUP_RULES[table];
			if (rule.scope === 'owned' || rule.scope === 'via' || table === 'importUpload') await tx.delete(live(table)).where(belongsTo(tx, table, partnership.id));
		}
		const { id: _id, estateVersion: _version, ...fields } = backup.get('partnership')![0] as Partnership;
		await tx.update(t.partnership).set(fields).where(eq(t.partnership.id, partnership.id));
		for (const table of PARENTS_FIRST) {
			const rule = PARTNERSHIP_BACKUP_RULES[table];
			if (rule.scope === 'owned' || rule.scope === 'via') for (const batch of batches(table, backup.get(table) ?? [])) await tx.insert(live(table)).values(batch);
		}
		for (const record of records.all) {
			if (records.added.has(record.id)) await tx.insert(t.decisionRecord).values(record);
			else await tx.update(t.decisionRecord).set({ savedComparisonId: record.savedComparisonId }).where(eq(t.decisionRecord.id, record.id));
		}
		for (const table of PARENTS_FIRST) {
			const { columns, name: sqlName } = getTableConfig(described(table));
			for (const column of columns) if (column.primary && 'autoIncrement' in column && column.autoIncrement) await syncSerial(tx, sqlName, column.name);
		}

		const expected = new Map(backup);
		expected.set('decisionRecord', records.all);
		const checks = await compareWithDatabase(tx, partnership.id, expected);
		const wrong = checks.filter((c) => !c.matches).map((c) => c.table);
		if (wrong.length) throw new Error(`Restoring "${name}" did not reproduce ${wrong.join(', ')} exactly, so it was rolled back and nothing changed.`);
		await renewEstateVersion(tx, partnership.id);
		const rows = checks.reduce((sum, c) => sum + c.targetRows, 0);
		await audit.record(tx, actor, partnership.id, {
			entityKind: 'restore',
			entityId: name,
			action: 'restored',
			after: { file: name, tables: checks.length, rows },
			summary: `Restored the partnership's data from the backup "${name}" (${checks.length} tables, ${rows} rows)`
		});
		return { checks, keptDecisionRecords: records.all.length - (backup.get('decisionRecord')?.length ?? 0) };
	});
}

/** A copy of the backup migrated to this version and checked again, read into rows by table. */
async function readStagedBackup(file: string): Promise<Map<TableName, Row[]>> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-partnership-restore-'));
	const staging = path.join(dir, 'backup.sqlite');
	fs.copyFileSync(file, staging);
	const sqlite = new Database(staging);
	try {
		const staged: BetterSQLite3Database<typeof schema> = drizzle(sqlite, { schema });
		migrate(staged, { migrationsFolder: MIGRATIONS_FOLDER });
		assertMigratedBackup(sqlite);
		const rows = new Map<TableName, Row[]>();
		for (const name of PARENTS_FIRST) rows.set(name, await staged.select().from(described(name)));
		return rows;
	} finally {
		sqlite.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Refuses a file that holds other partnerships, none, someone else's, or rows no partnership backup holds. */
function assertThisPartnership(backup: Map<TableName, Row[]>, partnership: Partnership, name: string): void {
	const held = (backup.get('partnership') ?? []) as Partnership[];
	const notRestored = 'so it was not restored and nothing changed';
	if (held.length === 0) throw new Error(`"${name}" holds no partnership, ${notRestored}.`);
	if (held.length > 1) {
		const names = held.map((p) => `"${p.name}" (${p.id})`).join(', ');
		throw new Error(
			`"${name}" holds ${held.length} partnerships (${names}), ${notRestored}: a partnership backup holds exactly one. A whole-instance backup is restored by the server's operator with "npx hubplan restore FILE".`
		);
	}
	if (held[0].id !== partnership.id) {
		throw new Error(`"${name}" is a backup of the partnership "${held[0].name}" (${held[0].id}), not of "${partnership.name}" (${partnership.id}), ${notRestored}.`);
	}
	for (const table of tableNames) {
		const rule = PARTNERSHIP_BACKUP_RULES[table];
		const count = backup.get(table)?.length ?? 0;
		if (rule.scope === 'left out' && count > 0) {
			throw new Error(`"${name}" holds ${count} ${getTableConfig(described(table)).name} row(s), which a partnership backup never holds (${rule.why}), ${notRestored}.`);
		}
	}
}

/**
 * Refuses a backup whose row ids are taken by another partnership's rows here (a backup from
 * another Hubplan server): ids are kept, because scenario links and saved comparisons name them.
 */
async function assertIdsFree(db: Db, backup: Map<TableName, Row[]>, partnershipId: string, name: string): Promise<void> {
	for (const table of PARENTS_FIRST) {
		const rule = PARTNERSHIP_BACKUP_RULES[table];
		if (rule.scope !== 'owned' && rule.scope !== 'append-only') continue;
		const columns = columnsOf(live(table));
		const ids = (backup.get(table) ?? []).map((r) => r.id);
		if (!columns.id || ids.length === 0) continue;
		for (let i = 0; i < ids.length; i += 5_000) {
			const [taken] = await db
				.select({ id: columns.id })
				.from(live(table))
				.where(and(inArray(columns.id, ids.slice(i, i + 5_000)), ne(columns.partnershipId, partnershipId)))
				.limit(1);
			if (taken) {
				throw new Error(
					`"${name}" cannot be restored on this server: its ${getTableConfig(described(table)).name} row ${String(taken.id)} has the id of another partnership's row here, so it was not restored and nothing changed.`
				);
			}
		}
	}
}

type DecisionRecord = typeof t.decisionRecord.$inferSelect;

/**
 * The decision records after the restore: the backup's, and every live one the backup lacks (its
 * link to a saved comparison kept when the backup has that comparison). A record in both must be
 * the same record.
 */
function mergedDecisionRecords(liveRecords: DecisionRecord[], backup: Map<TableName, Row[]>, name: string): { all: DecisionRecord[]; added: Set<number> } {
	const fromBackup = (backup.get('decisionRecord') ?? []) as DecisionRecord[];
	const comparisons = new Set((backup.get('savedComparison') ?? []).map((c) => c.id));
	const liveById = new Map(liveRecords.map((r) => [r.id, r]));
	for (const record of fromBackup) {
		const kept = liveById.get(record.id);
		if (kept && (kept.contentSha256 !== record.contentSha256 || kept.presentedOn !== record.presentedOn || kept.frozenAt !== record.frozenAt)) {
			throw new Error(`"${name}" holds a different decision record ${record.id} from the one presented to cabinet here, so it was not restored and nothing changed.`);
		}
	}
	const backupIds = new Set(fromBackup.map((r) => r.id));
	const keptOnly = liveRecords
		.filter((r) => !backupIds.has(r.id))
		.map((r) => ({ ...r, savedComparisonId: r.savedComparisonId !== null && comparisons.has(r.savedComparisonId) ? r.savedComparisonId : null }));
	return { all: [...fromBackup, ...keptOnly], added: new Set(fromBackup.filter((r) => !liveById.has(r.id)).map((r) => r.id)) };
}

/**
 * Per table, the count and content hash of `expected` beside the partnership's rows in the
 * database (the catalogue: the rows with the backup's codes). The partnership row is compared
 * without its estate version, which the restore renews.
 */
async function compareWithDatabase(db: Db, partnershipId: string, expected: Map<TableName, Row[]>): Promise<TableCheck[]> {
	const checks: TableCheck[] = [];
	for (const table of PARENTS_FIRST) {
		const rule = PARTNERSHIP_BACKUP_RULES[table];
		if (rule.scope === 'left out') continue;
		const keys = Object.keys(columnsOf(described(table))).filter((k) => !(table === 'partnership' && k === 'estateVersion'));
		const want = expected.get(table) ?? [];
		const where = rule.scope === 'catalogue' ? catalogueRows(want) : belongsTo(db, table, partnershipId);
		const have = where ? await db.select().from(live(table)).where(where) : [];
		const from = tableDigest(want.map((r) => keys.map((k) => r[k] ?? null)));
		const to = tableDigest(have.map((r) => keys.map((k) => (r as Row)[k] ?? null)));
		checks.push({
			table: getTableConfig(described(table)).name,
			sourceRows: from.rows,
			targetRows: to.rows,
			sourceSha256: from.sha256,
			targetSha256: to.sha256,
			matches: from.rows === to.rows && (rule.scope === 'catalogue' || from.sha256 === to.sha256)
		});
	}
	return checks;
}

/** The live catalogue rows a backup's services name (their names may differ: the catalogue is shared and never overwritten). */
function catalogueRows(services: Row[]): SQL | null {
	return services.length ? inArray(t.service.code, services.map((s) => s.code as string)) : null;
}
