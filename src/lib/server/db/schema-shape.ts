/**
 * A database's whole schema as data (tables with their columns, indexes and foreign keys, triggers,
 * views), read from `sqlite_master` and the table PRAGMAs (PostgreSQL: pg-schema-shape.ts), and
 * the differences between two of them
 * in words. Restore uses it to prove a backup has exactly the schema the migrations produce, so a
 * planted trigger or a dropped column is refused before it reaches the live database.
 */
import type Database from 'better-sqlite3';

export interface ColumnShape {
	type: string;
	notNull: boolean;
	/** The default's SQL text, null for none. */
	defaultSql: string | null;
	/** Position in the primary key (1-based), 0 when not part of it. */
	primaryKey: number;
}

export interface IndexShape {
	table: string;
	unique: boolean;
	columns: string[];
	/** `CREATE INDEX` text; null for indexes SQLite makes for UNIQUE and PRIMARY KEY constraints. */
	sql: string | null;
}

export interface TableShape {
	columns: Map<string, ColumnShape>;
	/** One line per foreign key, e.g. `(partnership_id) → partnership(id) on delete CASCADE`. */
	foreignKeys: string[];
	/** `CREATE TABLE` text, whitespace-normalised: catches CHECK constraints and the like. */
	sql: string;
}

export interface SchemaShape {
	tables: Map<string, TableShape>;
	indexes: Map<string, IndexShape>;
	triggers: Map<string, { table: string; sql: string }>;
	views: Map<string, string>;
	/**
	 * Every other object, keyed by kind and name (`function public.wipe()`, `sequence site_id_seq`),
	 * with its definition: what PostgreSQL has besides tables (SQLite has none of these).
	 */
	others: Map<string, string>;
}

interface MasterRow {
	type: 'table' | 'index' | 'trigger' | 'view';
	name: string;
	tbl_name: string;
	sql: string | null;
}

/** Reads the schema of an open database (SQLite's own `sqlite_*` tables are left out). */
export function readSchemaShape(sqlite: Database.Database): SchemaShape {
	const shape: SchemaShape = { tables: new Map(), indexes: new Map(), triggers: new Map(), views: new Map(), others: new Map() };
	const rows = sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name').all() as MasterRow[];
	for (const row of rows) {
		if (row.type === 'table' && !row.name.startsWith('sqlite_')) shape.tables.set(row.name, tableShape(sqlite, row));
		else if (row.type === 'trigger') shape.triggers.set(row.name, { table: row.tbl_name, sql: normalise(row.sql) });
		else if (row.type === 'view') shape.views.set(row.name, normalise(row.sql));
	}
	// Indexes through index_list, which also lists the ones SQLite makes for UNIQUE/PRIMARY KEY.
	const indexSql = new Map(rows.filter((r) => r.type === 'index').map((r) => [r.name, r.sql]));
	for (const table of shape.tables.keys()) {
		for (const index of sqlite.pragma(`index_list(${quote(table)})`) as { name: string; unique: number }[]) {
			const columns = (sqlite.pragma(`index_info(${quote(index.name)})`) as { name: string | null }[]).map((c) => c.name ?? '<expression>');
			const sql = indexSql.get(index.name);
			shape.indexes.set(index.name, { table, unique: index.unique === 1, columns, sql: sql ? normalise(sql) : null });
		}
	}
	return shape;
}

function tableShape(sqlite: Database.Database, row: MasterRow): TableShape {
	const columns = new Map<string, ColumnShape>();
	for (const c of sqlite.pragma(`table_info(${quote(row.name)})`) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[]) {
		columns.set(c.name, { type: c.type.toUpperCase(), notNull: c.notnull === 1, defaultSql: c.dflt_value, primaryKey: c.pk });
	}
	const keys = new Map<number, { from: string[]; to: string[]; table: string; onDelete: string; onUpdate: string }>();
	for (const fk of sqlite.pragma(`foreign_key_list(${quote(row.name)})`) as { id: number; table: string; from: string; to: string | null; on_delete: string; on_update: string }[]) {
		const key = keys.get(fk.id) ?? { from: [], to: [], table: fk.table, onDelete: fk.on_delete, onUpdate: fk.on_update };
		key.from.push(fk.from);
		key.to.push(fk.to ?? '');
		keys.set(fk.id, key);
	}
	const foreignKeys = [...keys.values()]
		.map((k) => `(${k.from.join(', ')}) → ${k.table}(${k.to.join(', ')}) on delete ${k.onDelete}, on update ${k.onUpdate}`)
		.sort();
	return { columns, foreignKeys, sql: normalise(row.sql) };
}

/**
 * Every way `actual` differs from `expected`, one sentence each, e.g.
 * `unexpected trigger "wipe_sites" on table site` or `table site: column gia_m2 is missing`.
 */
export function schemaDifferences(expected: SchemaShape, actual: SchemaShape): string[] {
	const found: string[] = [];
	for (const [name, want] of expected.tables) {
		const got = actual.tables.get(name);
		if (!got) found.push(`table ${name} is missing`);
		else found.push(...tableDifferences(name, want, got));
	}
	for (const name of actual.tables.keys()) if (!expected.tables.has(name)) found.push(`unexpected table ${name}`);

	for (const [name, want] of expected.indexes) {
		const got = actual.indexes.get(name);
		if (!got) found.push(`index "${name}" on table ${want.table} is missing`);
		else if (got.table !== want.table || got.unique !== want.unique || got.columns.join() !== want.columns.join() || got.sql !== want.sql) {
			found.push(`index "${name}" on table ${got.table} is ${describeIndex(got)} (expected ${describeIndex(want)})`);
		}
	}
	for (const [name, got] of actual.indexes) if (!expected.indexes.has(name)) found.push(`unexpected index "${name}" on table ${got.table}`);

	for (const [name, want] of expected.triggers) {
		const got = actual.triggers.get(name);
		if (!got) found.push(`trigger "${name}" on table ${want.table} is missing`);
		else if (got.sql !== want.sql) found.push(`trigger "${name}" on table ${got.table} differs from the migrations' definition`);
	}
	for (const [name, got] of actual.triggers) if (!expected.triggers.has(name)) found.push(`unexpected trigger "${name}" on table ${got.table}`);

	for (const [name, want] of expected.views) {
		const got = actual.views.get(name);
		if (got === undefined) found.push(`view "${name}" is missing`);
		else if (got !== want) found.push(`view "${name}" differs from the migrations' definition`);
	}
	for (const name of actual.views.keys()) if (!expected.views.has(name)) found.push(`unexpected view "${name}"`);

	for (const [name, want] of expected.others) {
		const got = actual.others.get(name);
		if (got === undefined) found.push(`${name} is missing`);
		else if (got !== want) found.push(`${name} differs from the migrations' definition`);
	}
	for (const name of actual.others.keys()) if (!expected.others.has(name)) found.push(`unexpected ${name}`);
	return found;
}

function tableDifferences(table: string, want: TableShape, got: TableShape): string[] {
	const found: string[] = [];
	for (const [name, w] of want.columns) {
		const g = got.columns.get(name);
		if (!g) {
			found.push(`table ${table}: column ${name} is missing`);
			continue;
		}
		if (g.type !== w.type) found.push(`table ${table}: column ${name} has type ${g.type || 'none'} (expected ${w.type || 'none'})`);
		if (g.notNull !== w.notNull) found.push(`table ${table}: column ${name} is ${g.notNull ? 'NOT NULL' : 'nullable'} (expected ${w.notNull ? 'NOT NULL' : 'nullable'})`);
		if (g.defaultSql !== w.defaultSql) found.push(`table ${table}: column ${name} defaults to ${g.defaultSql ?? 'nothing'} (expected ${w.defaultSql ?? 'nothing'})`);
		if (g.primaryKey !== w.primaryKey) found.push(`table ${table}: column ${name} is ${g.primaryKey ? '' : 'not '}in the primary key (expected ${w.primaryKey ? '' : 'not '}in it)`);
	}
	for (const name of got.columns.keys()) if (!want.columns.has(name)) found.push(`table ${table}: unexpected column ${name}`);
	for (const fk of want.foreignKeys) if (!got.foreignKeys.includes(fk)) found.push(`table ${table}: foreign key ${fk} is missing`);
	for (const fk of got.foreignKeys) if (!want.foreignKeys.includes(fk)) found.push(`table ${table}: unexpected foreign key ${fk}`);
	// Columns and keys alike but the text differs: a CHECK constraint, a collation, STRICT …
	if (!found.length && got.sql !== want.sql) found.push(`table ${table}: its definition differs from the migrations' (a constraint or option was changed)`);
	return found;
}

function describeIndex(index: IndexShape): string {
	const where = index.sql?.match(/ WHERE .*/i)?.[0] ?? '';
	return `${index.unique ? 'unique ' : ''}on ${index.table}(${index.columns.join(', ')})${where}`;
}

function normalise(sql: string | null): string {
	return (sql ?? '').replace(/\s+/g, ' ').trim();
}

function quote(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}
