import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/lib/csv';
import { matchesQuery, nextSort, sortRows } from '../../../src/lib/tables/sort';
import { radiusForVisits, MAX_RADIUS_PX, NO_FIGURE_RADIUS_PX, MIN_RADIUS_PX } from '../../../src/lib/map/siteSymbols';

describe('toCsv', () => {
	it('writes a header and quotes fields with commas, quotes and line breaks', () => {
		const csv = toCsv(['name', 'note', 'n'], [['Altrincham Library', 'Pott Street, "old"', 600], ['A\nB', null, true]]);
		expect(csv).toBe('name,note,n\r\nAltrincham Library,"Pott Street, ""old""",600\r\n"A\nB",,true\r\n');
	});

	it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
		expect(toCsv(['x', 'y'], [['=SUM(A1)', -2.35]])).toBe("x,y\r\n'=SUM(A1),-2.35\r\n");
	});

	it('defuses a leading tab or carriage return too, and can start with a byte-order mark for Excel', () => {
		expect(toCsv(['x'], [['\tcmd'], ['\rcmd']])).toBe("x\r\n'\tcmd\r\n\"'\rcmd\"\r\n");
		expect(toCsv(['x'], [[1]], { bom: true })).toBe('\uFEFFx\r\n1\r\n');
	});

	it('refuses a row whose length differs from the header, naming the row', () => {
		expect(() => toCsv(['a', 'b'], [['1', '2'], ['3']])).toThrow('CSV row 2 has 1 fields; the header has 2.');
	});

	it('writes just the header for no rows', () => {
		expect(toCsv(['a'], [])).toBe('a\r\n');
	});
});

describe('sortRows', () => {
	const rows = [{ v: 3 }, { v: null }, { v: 10 }, { v: 1 }];
	it('sorts numbers both ways with missing values last', () => {
		expect(sortRows(rows, (r) => r.v, 'ascending').map((r) => r.v)).toEqual([1, 3, 10, null]);
		expect(sortRows(rows, (r) => r.v, 'descending').map((r) => r.v)).toEqual([10, 3, 1, null]);
	});
	it('sorts text with numbers inside in numeric order', () => {
		const names = ['Ward 10', 'ward 2', 'Ward 1'].map((n) => ({ n }));
		expect(sortRows(names, (r) => r.n, 'ascending').map((r) => r.n)).toEqual(['Ward 1', 'ward 2', 'Ward 10']);
	});
	it('flips direction on the same column and starts ascending on a new one', () => {
		expect(nextSort({ key: 'name', direction: 'ascending' }, 'name')).toEqual({ key: 'name', direction: 'descending' });
		expect(nextSort({ key: 'name', direction: 'descending' }, 'kind')).toEqual({ key: 'kind', direction: 'ascending' });
	});
});

describe('matchesQuery', () => {
	it('needs every word somewhere, ignoring case', () => {
		expect(matchesQuery('altrincham LIBRARY', ['Altrincham Library', 'WA14 1AH'])).toBe(true);
		expect(matchesQuery('altrincham pool', ['Altrincham Library'])).toBe(false);
		expect(matchesQuery('  ', [null])).toBe(true);
	});
});

describe('radiusForVisits', () => {
	it('grows circle area in proportion to visits and caps at the largest size', () => {
		const r = (v: number) => radiusForVisits(v) - MIN_RADIUS_PX;
		expect(r(1000) / r(250)).toBeCloseTo(2, 6);
		expect(radiusForVisits(1e6)).toBe(MAX_RADIUS_PX);
	});
	it('draws buildings with no figure at the small fixed size', () => {
		expect(radiusForVisits(null)).toBe(NO_FIGURE_RADIUS_PX);
	});
});
