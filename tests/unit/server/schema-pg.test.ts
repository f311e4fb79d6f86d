import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as sqlite from '../../../src/lib/server/db/schema';
import * as pg from '../../../src/lib/server/db/schema-pg';

const sqliteTables = Object.entries(sqlite).filter(([, v]) => is(v, SQLiteTable)) as [string, SQLiteTable][];
const pgTables = new Map(Object.entries(pg).filter(([, v]) => is(v, PgTable)) as [string, PgTable][]);

describe('the PostgreSQL tables are made from the one description', () => {
	it('every table is exported under the same name, and no other', async () => {
		expect([...pgTables.keys()].sort()).toEqual(sqliteTables.map(([key]) => key).sort());
	});

	it.each(sqliteTables)('%s has the same table name, properties and column names', (key, table) => {
		const twin = pgTables.get(key)!;
		expect(getTableName(twin)).toBe(getTableName(table));
		const names = (t: SQLiteTable | PgTable) =>
			Object.entries(getTableColumns(t)).map(([property, c]) => [property, c.name, c.notNull, c.primary]);
		expect(names(twin)).toEqual(names(table));
	});
});
