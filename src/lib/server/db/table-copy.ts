/**
 * Copies every table of a Hubplan database into a PostgreSQL database with the same tables, inside
 * a transaction the caller holds, and proves the copy: per table, the row count and a SHA-256 of
 * its rows, computed the same way on both sides. `hubplan migrate-db` (SQLite → PostgreSQL) and
 * the PostgreSQL restore (scratch database → live one) both use it.
 *
 * Values pass through one neutral form per column kind, taken from the TARGET's column types
 * (booleans as true/false, JSON parsed, whole numbers and floats as numbers, timestamps as ISO
 * text, binary as bytes), so SQLite's 0/1 and JSON text compare equal to PostgreSQL's booleans and jsonb. A table's
 * hash is over its rows in that form, each row as canonical JSON (object keys sorted), the rows
 * sorted, so it does not depend on either database's row order or collation.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

export type ColumnKind = 'boolean' | 'json' | 'integer' | 'float' | 'timestamp' | 'bytes' | 'text';

export interface TargetColumn {
	name: string;
	kind: ColumnKind;
	/** Fed by a sequence (serial or identity), which must be moved past the copied values. */
	sequenced: boolean;
}

export interface TargetTable {
	name: string;
	columns: TargetColumn[];
}

/** Where the rows come from: an SQLite file, or another PostgreSQL database. */
export interface RowSource {
	/** Names of the source's tables (without migration bookkeeping). */
	tableNames(): Promise<string[]>;
	/** Column names of `table`. */
	columnNames(table: string): Promise<string[]>;
	/** Every row of `table`, `columns` in that order, each value in the neutral form for its kind. */
	rows(table: string, columns: TargetColumn[]): Promise<unknown[][]>;
}

export interface TableCheck {
	table: string;
	sourceRows: number;
	targetRows: number;
	sourceSha256: string;
	targetSha256: string;
	matches: boolean;
}

/** Most parameters PostgreSQL takes in one statement is 65,535; batches stay well under. */
const MAX_PARAMETERS = 30_000;

/**
 * The public tables of the target, parents before children (by foreign keys), each with its
 * columns in order and their kinds.
 */
export async function targetTables(client: pg.ClientBase): Promise<TargetTable[]> {
	const columns = await client.query<{ table_name: string; column_name: string; data_type: string; column_default: string | null; is_identity: string }>(
		`SELECT c.table_name, c.column_name, c.data_type, c.column_default, c.is_identity
		 FROM information_schema.columns c
		 JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		 WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
		 ORDER BY c.table_name, c.ordinal_position`
	);
	const tables = new Map<string, TargetColumn[]>();
	for (const c of columns.rows) {
		const list = tables.get(c.table_name) ?? [];
		list.push({
			name: c.column_name,
			kind: kindOf(c.data_type),
			sequenced: c.is_identity === 'YES' || (c.column_default ?? '').startsWith('nextval(')
		});
		tables.set(c.table_name, list);
	}
	const keys = await client.query<{ child: string; parent: string }>(
		`SELECT child.relname AS child, parent.relname AS parent
		 FROM pg_constraint k
		 JOIN pg_class child ON child.oid = k.conrelid
		 JOIN pg_class parent ON parent.oid = k.confrelid
		 JOIN pg_namespace n ON n.oid = child.relnamespace
		 WHERE k.contype = 'f' AND n.nspname = 'public'`
	);
	return dependencyOrder([...tables.keys()], keys.rows).map((name) => ({ name, columns: tables.get(name)! }));
}

function kindOf(dataType: string): ColumnKind {
	if (dataType === 'boolean') return 'boolean';
	if (dataType === 'json' || dataType === 'jsonb') return 'json';
	if (['smallint', 'integer', 'bigint'].includes(dataType)) return 'integer';
	if (['real', 'double precision', 'numeric'].includes(dataType)) return 'float';
	if (dataType.startsWith('timestamp') || dataType === 'date') return 'timestamp';
	if (dataType === 'bytea') return 'bytes';
	return 'text';
}

/** Tables sorted so that every table comes after the tables it refers to; ties alphabetical. */
export function dependencyOrder(tables: string[], keys: { child: string; parent: string }[]): string[] {
	const parents = new Map(tables.map((t) => [t, new Set<string>()]));
	for (const { child, parent } of keys) if (child !== parent) parents.get(child)?.add(parent);
	const ordered: string[] = [];
	const left = new Set([...tables].sort());
	while (left.size) {
		const ready = [...left].find((t) => [...parents.get(t)!].every((p) => !left.has(p)));
		if (!ready) throw new Error(`The tables ${[...left].join(', ')} refer to each other in a cycle, so no copy order exists.`);
		ordered.push(ready);
		left.delete(ready);
	}
	return ordered;
}

/**
 * A value from either database in the neutral form of `kind`: SQLite's 0/1 and JSON text,
 * PostgreSQL's bigint strings and Date objects all become what the other side gives.
 * `where` names the value for an error.
 */
export function neutralValue(value: unknown, kind: ColumnKind, where: string): unknown {
	if (value === null || value === undefined) return null;
	switch (kind) {
		case 'boolean':
			return typeof value === 'boolean' ? value : Number(value) !== 0;
		case 'json':
			if (typeof value !== 'string') return value;
			try {
				return JSON.parse(value);
			} catch {
				throw new Error(`${where} is not valid JSON: ${value.slice(0, 80)}`);
			}
		case 'integer':
		case 'float': {
			const n = Number(value);
			if (!Number.isFinite(n)) throw new Error(`${where} is not a number: ${String(value).slice(0, 80)}`);
			return n;
		}
		case 'timestamp': {
			const date = value instanceof Date ? value : new Date(String(value));
			if (Number.isNaN(date.getTime())) throw new Error(`${where} is not a date and time: ${String(value).slice(0, 80)}`);
			return date.toISOString();
		}
		case 'bytes':
			if (value instanceof Uint8Array) return Buffer.from(value);
			throw new Error(`${where} is not binary data: ${String(value).slice(0, 80)}`);
		default:
			return value instanceof Date ? value.toISOString() : String(value);
	}
}

/** Row count and SHA-256 of rows already in neutral form (order does not matter). */
export function tableDigest(rows: unknown[][]): { rows: number; sha256: string } {
	const lines = rows.map((row) => canonicalJson(row.map((v) => (Buffer.isBuffer(v) ? `base64:${v.toString('base64')}` : v)))).sort();
	const hash = createHash('sha256');
	for (const line of lines) hash.update(line).update('\n');
	return { rows: rows.length, sha256: hash.digest('hex') };
}

/** JSON with object keys sorted at every depth, so equal values always give equal text. */
function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v) =>
		v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v
	);
}

/** The public tables of a PostgreSQL database as a row source (the restore's scratch database, or a target read back). */
export function postgresRows(client: pg.ClientBase): RowSource {
	return {
		async tableNames() {
			return (await targetTables(client)).map((t) => t.name);
		},
		async columnNames(table) {
			const result = await client.query<{ column_name: string }>(
				"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
				[table]
			);
			return result.rows.map((r) => r.column_name);
		},
		async rows(table, columns) {
			const names = columns.map((c) => quoteIdent(c.name)).join(', ');
			const result = await client.query({ text: `SELECT ${names} FROM ${quoteIdent(table)}`, rowMode: 'array' });
			return (result.rows as unknown[][]).map((row) => row.map((v, i) => neutralValue(v, columns[i].kind, `table ${table}, column ${columns[i].name}`)));
		}
	};
}

/**
 * Refuses, naming them, tables or columns that one side has and the other lacks: the copy would
 * otherwise drop data silently.
 */
export async function assertSameTables(source: RowSource, tables: TargetTable[], sourceName: string): Promise<void> {
	const problems: string[] = [];
	const sourceTables = new Set(await source.tableNames());
	for (const name of sourceTables) if (!tables.some((t) => t.name === name)) problems.push(`table ${name} is in ${sourceName} but not in the target`);
	for (const table of tables) {
		if (!sourceTables.has(table.name)) {
			problems.push(`table ${table.name} is in the target but not in ${sourceName}`);
			continue;
		}
		const sourceColumns = new Set(await source.columnNames(table.name));
		const targetColumns = new Set(table.columns.map((c) => c.name));
		for (const c of sourceColumns) if (!targetColumns.has(c)) problems.push(`table ${table.name}: column ${c} is in ${sourceName} but not in the target`);
		for (const c of targetColumns) if (!sourceColumns.has(c)) problems.push(`table ${table.name}: column ${c} is in the target but not in ${sourceName}`);
	}
	if (problems.length) throw new Error(`${sourceName} and the target do not have the same tables, so nothing was copied: ${problems.join('; ')}.`);
}

/**
 * Copies every table from `source` into the target through `client`, which must be inside a
 * transaction, in dependency order; moves each sequence past the copied ids; then reads every table
 * back and returns its count and hash beside the source's. The caller commits only when all match.
 */
export async function copyTables(source: RowSource, client: pg.ClientBase, tables: TargetTable[]): Promise<TableCheck[]> {
	const checks: TableCheck[] = [];
	for (const table of tables) {
		const rows = await source.rows(table.name, table.columns);
		await insertRows(client, table, rows);
		await resetSequences(client, table);
		const from = tableDigest(rows);
		const to = tableDigest(await postgresRows(client).rows(table.name, table.columns));
		checks.push({
			table: table.name,
			sourceRows: from.rows,
			targetRows: to.rows,
			sourceSha256: from.sha256,
			targetSha256: to.sha256,
			matches: from.rows === to.rows && from.sha256 === to.sha256
		});
	}
	return checks;
}

async function insertRows(client: pg.ClientBase, table: TargetTable, rows: unknown[][]): Promise<void> {
	const width = table.columns.length;
	const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / width));
	const names = table.columns.map((c) => quoteIdent(c.name)).join(', ');
	for (let start = 0; start < rows.length; start += perBatch) {
		const batch = rows.slice(start, start + perBatch);
		const values: unknown[] = [];
		const tuples = batch.map((row) => {
			const first = values.length;
			row.forEach((v, i) => values.push(table.columns[i].kind === 'json' && v !== null ? JSON.stringify(v) : v));
			return `(${row.map((_, i) => `$${first + i + 1}`).join(', ')})`;
		});
		await client.query(`INSERT INTO ${quoteIdent(table.name)} (${names}) VALUES ${tuples.join(', ')}`, values);
	}
}

async function resetSequences(client: pg.ClientBase, table: TargetTable): Promise<void> {
	for (const column of table.columns.filter((c) => c.sequenced)) {
		// is_called = false on an empty table, so the next id is 1 as in a fresh database.
		await client.query(
			`SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${quoteIdent(column.name)}), 1), max(${quoteIdent(column.name)}) IS NOT NULL) FROM ${quoteIdent(table.name)}`,
			[quoteIdent(table.name), column.name]
		);
	}
}

export interface CopyReport {
	checks: TableCheck[];
	/** True when every table's count and hash matched and the copy was committed. */
	committed: boolean;
}

/**
 * Inside one transaction: checks the source and target have the same tables, empties the target's
 * tables when `replace` is set (a restore) or else checks they are empty, copies, compares; commits
 * only when every table matches, so on any difference the target is as it was.
 */
export async function copyInOneTransaction(client: pg.ClientBase, source: RowSource, sourceName: string, replace = false): Promise<CopyReport> {
	await client.query('BEGIN');
	try {
		const tables = await targetTables(client);
		await assertSameTables(source, tables, sourceName);
		if (replace) await client.query(`TRUNCATE ${tables.map((t) => quoteIdent(t.name)).join(', ')} RESTART IDENTITY`);
		else await assertEmpty(client);
		const checks = await copyTables(source, client, tables);
		const committed = checks.every((c) => c.matches);
		await client.query(committed ? 'COMMIT' : 'ROLLBACK');
		return { checks, committed };
	} catch (error) {
		await client.query('ROLLBACK');
		throw error;
	}
}

export async function assertEmpty(client: pg.ClientBase): Promise<void> {
	const held = await tablesHoldingData(client, await targetTables(client));
	if (held.length) {
		const list = held.map((h) => `${h.table} (${h.rows} rows)`).join(', ');
		throw new Error(`The target database already holds data, so nothing was copied: ${list}. Migrate into a new, empty database.`);
	}
}

/** Rows in every public table of the target, by table, for the tables that have any. */
export async function tablesHoldingData(client: pg.ClientBase, tables: TargetTable[]): Promise<{ table: string; rows: number }[]> {
	const held: { table: string; rows: number }[] = [];
	for (const table of tables) {
		const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(table.name)}`);
		const rows = Number(result.rows[0].n);
		if (rows > 0) held.push({ table: table.name, rows });
	}
	return held;
}

export function quoteIdent(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}
