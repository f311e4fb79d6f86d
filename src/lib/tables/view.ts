/**
 * What a long table shows, read from its address: the search words, any filters, the sort and the
 * page. The server filters, sorts and cuts the page, so a page carries 50 rows rather than the
 * whole estate (308 buildings in Trafford, 25,000 across England), every view has a link, and the
 * table works without JavaScript. The CSV download takes the same address and gives every row
 * that matches. Client-safe: the page builds its links with it.
 */
import { matchesQuery, sortRows, type SortState, type SortValue } from './sort';

export const PAGE_SIZE = 50;

export interface TableColumn<T> {
	key: string;
	label: string;
	numeric?: boolean;
	/** False for columns that are not data (e.g. a "Show on map" link). */
	sortable?: boolean;
	value: (row: T) => SortValue;
}

export interface TableSpec<T> {
	columns: readonly TableColumn<T>[];
	defaultSort: SortState;
	/** Names of the exact-match filters the address may carry (e.g. `kind`), and each row's value for them. */
	filters: Record<string, (row: T) => string | null>;
	/** The texts the search words are looked for in. */
	searchText: (row: T) => readonly (string | null | undefined)[];
}

export interface TableView {
	q: string;
	filters: Record<string, string>;
	sort: SortState;
	/** 1-based. */
	page: number;
	/** Every matching row on one page. */
	all: boolean;
}

export interface TablePage<T> {
	rows: T[];
	/** Rows that match the search and filters, and rows in all. */
	matching: number;
	total: number;
	page: number;
	pageCount: number;
	/** 1-based position of the first row shown (0 when none match). */
	first: number;
}

/** The view an address asks for; anything it does not understand falls back to the default. */
export function readView<T>(params: URLSearchParams, spec: TableSpec<T>): TableView {
	const key = params.get('sort');
	const column = spec.columns.find((c) => c.key === key && c.sortable !== false);
	const direction = params.get('dir') === 'descending' ? 'descending' : 'ascending';
	const page = Number(params.get('page'));
	const filters: Record<string, string> = {};
	for (const name of Object.keys(spec.filters)) {
		const value = params.get(name);
		if (value) filters[name] = value;
	}
	return {
		q: (params.get('q') ?? '').trim(),
		filters,
		sort: column ? { key: column.key, direction } : spec.defaultSort,
		page: Number.isInteger(page) && page > 1 ? page : 1,
		all: params.get('page') === 'all'
	};
}

/** The query string (with its `?`, or '' for the default view) of `view` with `change` applied. */
export function viewQuery(view: TableView, change: Partial<TableView> = {}, defaultSort?: SortState): string {
	const next = { ...view, ...change };
	const params = new URLSearchParams();
	if (next.q) params.set('q', next.q);
	for (const [name, value] of Object.entries(next.filters)) if (value) params.set(name, value);
	const isDefaultSort = defaultSort && next.sort.key === defaultSort.key && next.sort.direction === defaultSort.direction;
	if (!isDefaultSort) {
		params.set('sort', next.sort.key);
		params.set('dir', next.sort.direction);
	}
	if (next.all) params.set('page', 'all');
	else if (next.page > 1) params.set('page', String(next.page));
	const text = params.toString();
	return text ? `?${text}` : '';
}

/** Every row that matches `view`, in its order. `sorted` gives rows already in that order when the caller keeps them. */
export function matchingRows<T>(rows: readonly T[], view: TableView, spec: TableSpec<T>, sorted?: readonly T[]): T[] {
	const ordered = sorted ?? sortedRows(rows, view.sort, spec);
	const filters = Object.entries(view.filters);
	return ordered.filter(
		(row) => filters.every(([name, value]) => spec.filters[name](row) === value) && matchesQuery(view.q, spec.searchText(row))
	);
}

export function sortedRows<T>(rows: readonly T[], sort: SortState, spec: TableSpec<T>): T[] {
	const column = spec.columns.find((c) => c.key === sort.key) ?? spec.columns[0];
	return sortRows(rows, column.value, sort.direction);
}

/** The page of matching rows `view` asks for (the last page when it asks beyond the end). */
export function tablePage<T>(rows: readonly T[], view: TableView, spec: TableSpec<T>, sorted?: readonly T[]): TablePage<T> {
	const matching = matchingRows(rows, view, spec, sorted);
	const pageCount = view.all ? 1 : Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
	const page = Math.min(view.page, pageCount);
	const start = view.all ? 0 : (page - 1) * PAGE_SIZE;
	const shown = view.all ? matching : matching.slice(start, start + PAGE_SIZE);
	return { rows: shown, matching: matching.length, total: rows.length, page, pageCount, first: shown.length ? start + 1 : 0 };
}
