/**
 * A page of an estate table (buildings, zones) for the view its address asks for. The rows and each
 * sort order are made once per estate version, so a request filters and slices but never re-sorts
 * (25,000 buildings take tens of milliseconds to sort with a collator).
 */
import { toCsv, type CsvValue } from '$lib/csv';
import { matchingRows, readView, sortedRows, tablePage, type TablePage, type TableSpec, type TableView } from '$lib/tables/view';
import type { Db } from './db';
import { byEstateVersion } from './estate-cache';

export interface EstateTable<T> {
	name: string;
	spec: TableSpec<T>;
	rows: () => Promise<T[]>;
}

async function ordered<T>(db: Db, partnershipId: string, table: EstateTable<T>, view: TableView) {
	const rows = await byEstateVersion(db, partnershipId, `${table.name} rows`, table.rows);
	const sorted = await byEstateVersion(db, partnershipId, `${table.name} by ${view.sort.key} ${view.sort.direction}`, async () =>
		sortedRows(rows, view.sort, table.spec)
	);
	return { rows, sorted };
}

export async function estateTablePage<T>(db: Db, partnershipId: string, url: URL, table: EstateTable<T>): Promise<TablePage<T> & { view: TableView }> {
	const view = readView(url.searchParams, table.spec);
	const { rows, sorted } = await ordered(db, partnershipId, table, view);
	return { view, ...tablePage(rows, view, table.spec, sorted) };
}

/** Every row the address's view matches (whatever page it names), as a CSV download. */
export async function estateTableCsv<T>(
	db: Db,
	partnershipId: string,
	url: URL,
	table: EstateTable<T> & { header: readonly string[]; csvRow: (row: T) => CsvValue[]; filename: string }
): Promise<Response> {
	const view = readView(url.searchParams, table.spec);
	const { rows, sorted } = await ordered(db, partnershipId, table, view);
	const csv = toCsv(table.header, matchingRows(rows, view, table.spec, sorted).map(table.csvRow));
	return new Response(csv, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${table.filename}"` }
	});
}
