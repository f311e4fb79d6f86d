/**
 * A PostgreSQL database's whole schema as the same data schema-shape.ts reads from SQLite, from
 * `pg_catalog`: tables (columns with type, NOT NULL, default and key; foreign keys; other
 * constraints, row-level security and policies), indexes, triggers, views, and every other object
 * in the database's own schemas (functions and procedures, sequences, types, rules, extensions,
 * event triggers, the schemas themselves). Restore compares a backup's shape with the one the
 * migrations make, so anything planted in a dump is named and refused.
 *
 * Objects in `public` are named bare (`site`), others with their schema (`drizzle.__drizzle_migrations`).
 */
import type pg from 'pg';
import type { ColumnShape, SchemaShape, TableShape } from './schema-shape';

/** The database's own schemas: all but PostgreSQL's catalogs, TOAST and temporary schemas. */
const OWN_SCHEMA = `%I NOT IN ('pg_catalog', 'information_schema') AND %I NOT LIKE 'pg\\_toast%%' AND %I NOT LIKE 'pg\\_temp\\_%%'`;
const own = (column: string) => OWN_SCHEMA.replaceAll('%I', column).replaceAll('%%', '%');
/** Objects an extension brings are the extension's; only the extension itself is compared. */
const NOT_FROM_EXTENSION = (oid: string, catalog: string) =>
	`NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;

export async function readPgSchemaShape(client: pg.ClientBase): Promise<SchemaShape> {
	const shape: SchemaShape = { tables: new Map(), indexes: new Map(), triggers: new Map(), views: new Map(), others: new Map() };
	const q = async <R extends pg.QueryResultRow>(text: string) => (await client.query<R>(text)).rows;

	for (const c of await q<{ table: string; column: string; type: string; not_null: boolean; default_sql: string | null; identity: string; generated: string; pk: number }>(`
		SELECT ${name('n.nspname', 'c.relname')} AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
		       a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default_sql, a.attidentity AS identity,
		       a.attgenerated AS generated, coalesce(array_position(pk.conkey, a.attnum), 0) AS pk
		FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
		LEFT JOIN pg_constraint pk ON pk.conrelid = c.oid AND pk.contype = 'p'
		WHERE c.relkind IN ('r', 'p') AND ${own('n.nspname')}
		ORDER BY 1, a.attnum`)) {
		const table = tableOf(shape, c.table);
		const defaultSql = c.identity ? `GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY` : c.generated ? `GENERATED ALWAYS AS (${c.default_sql}) STORED` : c.default_sql;
		const column: ColumnShape = { type: c.type.toUpperCase(), notNull: c.not_null, defaultSql, primaryKey: Number(c.pk) };
		table.columns.set(c.column, column);
	}

	// Constraints: foreign keys as lines; the rest (primary key, unique, check, exclusion) and the
	// table's options make up its `sql`, so a changed CHECK or an enabled row-level security shows.
	const extras = new Map<string, string[]>();
	for (const k of await q<{ table: string; name: string; type: string; def: string }>(`
		SELECT ${name('n.nspname', 'c.relname')} AS table, k.conname AS name, k.contype AS type, pg_get_constraintdef(k.oid) AS def
		FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE ${own('n.nspname')} ORDER BY 1, 2`)) {
		if (k.type === 'f') tableOf(shape, k.table).foreignKeys.push(`${k.name}: ${k.def}`);
		else pushTo(extras, k.table, `constraint ${k.name} ${k.def}`);
	}
	for (const t of await q<{ table: string; rls: boolean; forced: boolean; persistence: string }>(`
		SELECT ${name('n.nspname', 'c.relname')} AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced, c.relpersistence AS persistence
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND ${own('n.nspname')}`)) {
		if (t.rls) pushTo(extras, t.table, `row level security${t.forced ? ' forced' : ''}`);
		if (t.persistence !== 'p') pushTo(extras, t.table, t.persistence === 'u' ? 'unlogged' : `persistence ${t.persistence}`);
	}
	for (const p of await q<{ table: string; name: string; def: string }>(`
		SELECT ${name('schemaname', 'tablename')} AS table, policyname AS name,
		       concat_ws(' ', permissive, cmd, 'to', roles::text, 'using', qual, 'check', with_check) AS def
		FROM pg_policies WHERE ${own('schemaname')}`)) {
		pushTo(extras, p.table, `policy ${p.name} ${p.def}`);
	}
	for (const [table, shapeOf] of shape.tables) {
		shapeOf.foreignKeys.sort();
		shapeOf.sql = (extras.get(table) ?? []).sort().join('; ');
	}

	for (const i of await q<{ name: string; table: string; unique: boolean; columns: string[]; def: string }>(`
		SELECT ${name('n.nspname', 'ic.relname')} AS name, ${name('n.nspname', 'c.relname')} AS table, x.indisunique AS unique,
		       array(SELECT coalesce(a.attname::text, '<expression>') FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
		             LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
		       pg_get_indexdef(x.indexrelid) AS def
		FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${own('n.nspname')}`)) {
		shape.indexes.set(i.name, { table: i.table, unique: i.unique, columns: i.columns, sql: i.def });
	}

	for (const t of await q<{ name: string; table: string; def: string }>(`
		SELECT t.tgname AS name, ${name('n.nspname', 'c.relname')} AS table, pg_get_triggerdef(t.oid) AS def
		FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE NOT t.tgisinternal AND ${own('n.nspname')}`)) {
		shape.triggers.set(t.name, { table: t.table, sql: t.def });
	}

	for (const v of await q<{ name: string; kind: string; def: string }>(`
		SELECT ${name('n.nspname', 'c.relname')} AS name, c.relkind AS kind, pg_get_viewdef(c.oid) AS def
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND ${own('n.nspname')}`)) {
		shape.views.set(v.name, `${v.kind === 'm' ? 'materialized ' : ''}${v.def}`);
	}

	const others = await q<{ key: string; def: string | null }>(`
		SELECT 'schema ' || nspname AS key, '' AS def FROM pg_namespace n WHERE ${own('nspname')}
		UNION ALL
		SELECT (CASE p.prokind WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END) || p.oid::regprocedure::text,
		       CASE WHEN p.prokind = 'a' THEN '' ELSE pg_get_functiondef(p.oid) END
		FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${own('n.nspname')} AND ${NOT_FROM_EXTENSION('p.oid', 'pg_proc')}
		UNION ALL
		SELECT 'sequence ' || ${name('n.nspname', 'c.relname')}, concat_ws(' ', format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle)
		FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${own('n.nspname')}
		UNION ALL
		SELECT 'type ' || ${name('n.nspname', 't.typname')},
		       t.typtype::text || ' ' || coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), format_type(t.typbasetype, t.typtypmod))
		FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
		WHERE ${own('n.nspname')} AND (t.typtype IN ('e', 'd', 'r', 'm') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
		  AND ${NOT_FROM_EXTENSION('t.oid', 'pg_type')}
		UNION ALL
		SELECT 'rule ' || rulename || ' on table ' || ${name('schemaname', 'tablename')}, definition FROM pg_rules WHERE ${own('schemaname')}
		UNION ALL
		SELECT 'extension ' || extname, extversion FROM pg_extension WHERE extname <> 'plpgsql'
		UNION ALL
		SELECT 'event trigger ' || evtname, evtevent || ' ' || evtfoid::regproc::text FROM pg_event_trigger`);
	for (const o of others) shape.others.set(o.key, normalise(o.def));
	return shape;
}

/** `table` in public, `schema.table` elsewhere, as SQL over two name columns. */
function name(schemaColumn: string, nameColumn: string): string {
	return `CASE WHEN ${schemaColumn} = 'public' THEN ${nameColumn}::text ELSE ${schemaColumn} || '.' || ${nameColumn} END`;
}

function tableOf(shape: SchemaShape, name: string): TableShape {
	let table = shape.tables.get(name);
	if (!table) shape.tables.set(name, (table = { columns: new Map(), foreignKeys: [], sql: '' }));
	return table;
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
	map.set(key, [...(map.get(key) ?? []), value]);
}

function normalise(sql: string | null): string {
	return (sql ?? '').replace(/\s+/g, ' ').trim();
}
