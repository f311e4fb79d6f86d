import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, readView, tablePage, viewQuery, type TableSpec } from '../../../src/lib/tables/view';

interface Row {
	name: string;
	kind: string;
	visits: number | null;
}

const SPEC: TableSpec<Row> = {
	columns: [
		{ key: 'name', label: 'Name', value: (r) => r.name },
		{ key: 'visits', label: 'Visits', numeric: true, value: (r) => r.visits },
		{ key: 'map', label: 'Map', sortable: false, value: () => null }
	],
	defaultSort: { key: 'name', direction: 'ascending' },
	filters: { kind: (r) => r.kind },
	searchText: (r) => [r.name]
};

/** 120 rows: "Site 1" … "Site 120", every third a library, visits = the number (none for every tenth). */
const ROWS: Row[] = Array.from({ length: 120 }, (_, i) => ({
	name: `Site ${i + 1}`,
	kind: i % 3 === 0 ? 'library' : 'gp',
	visits: (i + 1) % 10 === 0 ? null : i + 1
}));

const view = (query: string) => readView(new URLSearchParams(query), SPEC);

describe('table views from the address', () => {
	it('reads search, filters, sort and page, and falls back on anything it does not know', () => {
		expect(view('q=+site+1+&kind=library&sort=visits&dir=descending&page=2')).toEqual({
			q: 'site 1',
			filters: { kind: 'library' },
			sort: { key: 'visits', direction: 'descending' },
			page: 2,
			all: false
		});
		expect(view('sort=map&page=-3&colour=red')).toEqual({ q: '', filters: {}, sort: SPEC.defaultSort, page: 1, all: false });
		expect(view('page=all').all).toBe(true);
	});

	it('writes the same view back, leaving out defaults', () => {
		const v = view('q=site&kind=gp&sort=visits&dir=descending&page=2');
		expect(viewQuery(v, {}, SPEC.defaultSort)).toBe('?q=site&kind=gp&sort=visits&dir=descending&page=2');
		expect(viewQuery(view(''), {}, SPEC.defaultSort)).toBe('');
		expect(viewQuery(v, { page: 1, filters: {} }, SPEC.defaultSort)).toBe('?q=site&sort=visits&dir=descending');
	});
});

describe('a page of the table', () => {
	it('sorts in natural order and cuts pages of PAGE_SIZE, the last one short', () => {
		const first = tablePage(ROWS, view(''), SPEC);
		expect(first).toMatchObject({ matching: 120, total: 120, page: 1, pageCount: Math.ceil(120 / PAGE_SIZE), first: 1 });
		expect(first.rows).toHaveLength(PAGE_SIZE);
		expect(first.rows.slice(0, 3).map((r) => r.name)).toEqual(['Site 1', 'Site 2', 'Site 3']);
		const last = tablePage(ROWS, view('page=99'), SPEC);
		expect(last.page).toBe(3);
		expect(last.first).toBe(101);
		expect(last.rows.map((r) => r.name).at(-1)).toBe('Site 120');
	});

	it('filters by kind and search words together, and counts what matches', () => {
		const page = tablePage(ROWS, view('kind=library&q=site 1'), SPEC);
		// Libraries are sites 1, 4, 7 …; each search word may appear anywhere, so "1" also finds 31, 61 and 91.
		expect(page.rows.map((r) => r.name)).toEqual(
			['Site 1', 'Site 10', 'Site 13', 'Site 16', 'Site 19', 'Site 31', 'Site 61', 'Site 91', 'Site 100', 'Site 103', 'Site 106', 'Site 109', 'Site 112', 'Site 115', 'Site 118']
		);
		expect(page).toMatchObject({ matching: 15, total: 120, pageCount: 1 });
	});

	it('puts missing figures last in either direction, and shows everything on one page when asked', () => {
		const descending = tablePage(ROWS, view('sort=visits&dir=descending&page=all'), SPEC);
		expect(descending.rows).toHaveLength(120);
		expect(descending.rows[0].visits).toBe(119);
		expect(descending.rows.slice(-12).every((r) => r.visits === null)).toBe(true);
	});

	it('says when nothing matches', () => {
		expect(tablePage(ROWS, view('q=nowhere'), SPEC)).toMatchObject({ rows: [], matching: 0, page: 1, pageCount: 1, first: 0 });
	});
});
