/**
 * Sorting for the accessible tables. Missing values always sort last, whichever the direction, so
 * "largest first" never starts with a page of blanks; text compares in British English collation
 * with numbers inside text in numeric order ("Ward 2" before "Ward 10").
 */
export type SortDirection = 'ascending' | 'descending';
export type SortValue = string | number | null | undefined;

export interface SortState {
	key: string;
	direction: SortDirection;
}

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** A sorted copy of `rows` by `valueOf(row)`; stable for equal values. */
export function sortRows<T>(rows: readonly T[], valueOf: (row: T) => SortValue, direction: SortDirection): T[] {
	const sign = direction === 'ascending' ? 1 : -1;
	return rows
		.map((row, index) => ({ row, index, value: valueOf(row) }))
		.sort((a, b) => {
			const aMissing = a.value === null || a.value === undefined || a.value === '';
			const bMissing = b.value === null || b.value === undefined || b.value === '';
			if (aMissing || bMissing) return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
			const order =
				typeof a.value === 'number' && typeof b.value === 'number'
					? a.value - b.value
					: collator.compare(String(a.value), String(b.value));
			return order === 0 ? a.index - b.index : sign * order;
		})
		.map((x) => x.row);
}

/** Next state when a header's sort button is pressed: a new column sorts ascending, the same one flips. */
export function nextSort(current: SortState, key: string): SortState {
	if (current.key !== key) return { key, direction: 'ascending' };
	return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

/** True when every word of `query` appears (case-insensitively) in one of `texts`. */
export function matchesQuery(query: string, texts: readonly (string | null | undefined)[]): boolean {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const haystack = texts.filter(Boolean).join(' ').toLowerCase();
	return words.every((w) => haystack.includes(w));
}
