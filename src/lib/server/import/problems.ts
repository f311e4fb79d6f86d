/**
 * The shape every import problem takes, so the CLI, the API and the page list them the same way:
 * where it is (file, row, column), what was there and what would have been accepted.
 */

export interface ImportProblem {
	file: string;
	/** 1-based; the header is row 1, so the first data row is row 2. GeoJSON: the feature number. Null for whole-file problems. */
	row: number | null;
	/** What `row` counts: rows of a table, or features of a GeoJSON file. */
	rowLabel: 'row' | 'feature';
	/** Header as written in the file (or the field's name when a required column is missing). */
	column: string | null;
	/** The offending value as text, cut to 80 characters. */
	value: string | null;
	/** What is wrong, in a few words ("not a number", "looks swapped with lat"). */
	problem: string;
	/** What would be accepted. */
	expected: string;
}

/** Builds a problem, trimming long values so a bad cell cannot flood the list. */
export function problemAt(
	file: string,
	row: number | null,
	column: string | null,
	value: unknown,
	problem: string,
	expected: string
): ImportProblem {
	const text = value === null || value === undefined ? null : String(value).replace(/\r?\n/g, ' ↵ ');
	const rowLabel = /\.(geo)?json$/i.test(file) ? 'feature' : 'row';
	return { file, row, rowLabel, column, value: text && text.length > 80 ? `${text.slice(0, 77)}…` : text, problem, expected };
}

/** One line for the terminal: `sites.csv row 4, column "lat": "95" is outside the UK (expected …)`. */
export function formatProblem(p: ImportProblem): string {
	const where = [p.file, p.row === null ? null : `${p.rowLabel} ${p.row}`, p.column === null ? null : `column "${p.column}"`]
		.filter(Boolean)
		.join(', ');
	const value = p.value === null ? '' : ` "${p.value}"`;
	return `${where}:${value} ${p.problem} (expected ${p.expected})`;
}

/** An import that cannot be written as it stands; nothing was written. */
export class InvalidImportError extends Error {
	constructor(readonly problems: ImportProblem[]) {
		super(`the import has ${problems.length} problem(s); nothing was written`);
	}
}
