/**
 * The PostgreSQL tables, made from the one description in schema.ts: the same table names, column
 * names, JavaScript property names, keys, indexes and defaults, in PostgreSQL's types (JSON columns
 * become `jsonb`, booleans `boolean`, autoincrement keys `serial`, reals `double precision`).
 * drizzle-kit reads this module for `drizzle/pg` (drizzle.pg.config.ts), the driver for queries.
 */
import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import {
	boolean,
	customType,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	serial,
	text,
	uniqueIndex,
	type AnyPgColumn,
	type PgColumnBuilderBase,
	type PgTable,
	type UpdateDeleteAction
} from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as sqliteSchema from './schema';

/** Binary data as Buffers, as SQLite's `blob({ mode: 'buffer' })` gives them. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** PostgreSQL's form of each SQL default used in schema.ts. */
const pgDefaults = new Map<SQL, SQL>([
	[sqliteSchema.nowIsoSql, sql`to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`]
]);

/**
 * The steps this module takes on any column builder. Method syntax on purpose: TypeScript then
 * accepts each builder, whose `default` takes its own value type.
 */
interface ColumnSteps extends PgColumnBuilderBase {
	notNull(): unknown;
	primaryKey(): unknown;
	default(value: unknown): unknown;
	references(target: () => AnyPgColumn, actions: { onDelete?: UpdateDeleteAction; onUpdate?: UpdateDeleteAction }): unknown;
}

const made = new Map<string, PgTable>();

function pgColumn(column: SQLiteColumn, tableName: string): ColumnSteps {
	const where = `${tableName}.${column.name}`;
	if (column.columnType === 'SQLiteInteger' && column.primary && 'autoIncrement' in column && column.autoIncrement) {
		return serial(column.name).primaryKey();
	}
	// The builders differ in type; each branch finishes its own so the chain below stays typed.
	const base: ColumnSteps | undefined =
		column.columnType === 'SQLiteText'
			? text(column.name)
			: column.columnType === 'SQLiteTextJson'
				? jsonb(column.name)
				: column.columnType === 'SQLiteInteger'
					? integer(column.name)
					: column.columnType === 'SQLiteBoolean'
						? boolean(column.name)
						: column.columnType === 'SQLiteReal'
							? doublePrecision(column.name)
							: column.columnType === 'SQLiteBlobBuffer'
								? bytea(column.name)
								: undefined;
	if (!base) throw new Error(`schema-pg: column ${where} has type ${column.columnType}, which has no PostgreSQL form yet: add it here.`);
	if (column.notNull) base.notNull();
	if (column.primary) base.primaryKey();
	if (column.hasDefault && column.default !== undefined) {
		if (is(column.default, SQL)) {
			const pgDefault = pgDefaults.get(column.default);
			if (!pgDefault) throw new Error(`schema-pg: column ${where} has an SQL default with no PostgreSQL form: add it to pgDefaults.`);
			base.default(pgDefault);
		} else base.default(column.default);
	}
	return base;
}

/** The JavaScript property of each column name of a table. */
const keysOf = (table: SQLiteTable) => new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [column.name, key]));

function toPg(table: SQLiteTable): PgTable {
	const config = getTableConfig(table);
	const keyOf = keysOf(table);
	const columns: Record<string, ColumnSteps> = {};
	for (const [key, column] of Object.entries(getTableColumns(table))) columns[key] = pgColumn(column, config.name);
	for (const fk of config.foreignKeys) {
		const reference = fk.reference();
		if (reference.columns.length !== 1) throw new Error(`schema-pg: table ${config.name} has a composite foreign key: add its PostgreSQL form.`);
		const from = keyOf.get(reference.columns[0].name)!;
		const toTable = getTableConfig(reference.foreignTable).name;
		const toKey = keysOf(reference.foreignTable).get(reference.foreignColumns[0].name)!;
		// Lazy, as in schema.ts: the referenced table may be made later.
		columns[from].references(() => getTableColumns(made.get(toTable)!)[toKey], { onDelete: fk.onDelete, onUpdate: fk.onUpdate });
	}
	const pg = pgTable(config.name, columns, (t) => {
		const byName = (name: string) => t[keyOf.get(name)!];
		return [
			...config.indexes.map((ix) => {
				const cols = ix.config.columns.map((c) => byName((c as SQLiteColumn).name));
				const built = (ix.config.unique ? uniqueIndex : index)(ix.config.name).on(cols[0], ...cols.slice(1));
				if (ix.config.where) throw new Error(`schema-pg: index ${ix.config.name} is partial: add its PostgreSQL form.`);
				return built;
			}),
			...config.primaryKeys.map((pk) => primaryKey({ columns: [byName(pk.columns[0].name), ...pk.columns.slice(1).map((c) => byName(c.name))] }))
		];
	});
	made.set(config.name, pg);
	return pg;
}

for (const value of Object.values(sqliteSchema)) if (is(value, SQLiteTable)) toPg(value);

const pgOf = (table: SQLiteTable) => made.get(getTableConfig(table).name)!;

export const partnership = pgOf(sqliteSchema.partnership);
export const organisation = pgOf(sqliteSchema.organisation);
export const service = pgOf(sqliteSchema.service);
export const site = pgOf(sqliteSchema.site);
export const siteService = pgOf(sqliteSchema.siteService);
export const zone = pgOf(sqliteSchema.zone);
export const area = pgOf(sqliteSchema.area);
export const accessCriterion = pgOf(sqliteSchema.accessCriterion);
export const mitigation = pgOf(sqliteSchema.mitigation);
export const contextLayer = pgOf(sqliteSchema.contextLayer);
export const travelMatrix = pgOf(sqliteSchema.travelMatrix);
export const travelTime = pgOf(sqliteSchema.travelTime);
export const scenario = pgOf(sqliteSchema.scenario);
export const milestone = pgOf(sqliteSchema.milestone);
export const pilotCost = pgOf(sqliteSchema.pilotCost);
export const pilotContribution = pgOf(sqliteSchema.pilotContribution);
export const importRun = pgOf(sqliteSchema.importRun);
export const importUpload = pgOf(sqliteSchema.importUpload);
export const savedComparison = pgOf(sqliteSchema.savedComparison);
export const decisionRecord = pgOf(sqliteSchema.decisionRecord);
export const authUser = pgOf(sqliteSchema.authUser);
export const authSession = pgOf(sqliteSchema.authSession);
export const authAccount = pgOf(sqliteSchema.authAccount);
export const authVerification = pgOf(sqliteSchema.authVerification);
export const authRateLimit = pgOf(sqliteSchema.authRateLimit);
export const authSecret = pgOf(sqliteSchema.authSecret);
export const oneTimeLink = pgOf(sqliteSchema.oneTimeLink);
export const membership = pgOf(sqliteSchema.membership);

/** The PostgreSQL tables keyed by their property names in schema.ts (the driver's table set). */
export const pgTables: Record<string, PgTable> = Object.fromEntries(
	Object.entries(sqliteSchema).flatMap(([key, value]) => (is(value, SQLiteTable) ? [[key, pgOf(value)]] : []))
);
