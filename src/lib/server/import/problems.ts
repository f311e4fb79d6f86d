/**
 * The shape every import problem takes, so the CLI, the API and the page list them the same way:
 * where it is (file, row, column), what was there and what would have been accepted.
 */

/** Longest problem list kept and shown; the count says how many there were in all. */
export const MAX_PROBLEMS_LISTED = 1000;

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

/** File order, then row (whole-file problems first); equal places keep the order they were found in. */
function byPlace(a: ImportProblem, b: ImportProblem): number {
	return a.file.localeCompare(b.file) || (a.row ?? 0) - (b.row ?? 0);
}

/**
 * Problems as they are found, keeping only the first MAX_PROBLEMS_LISTED in file-and-row order and
 * counting the rest, so a file with a million bad cells costs no more memory than one with a thousand.
 */
export class ProblemList {
	#kept: ImportProblem[] = [];
	#count = 0;

	add(problem: ImportProblem): void {
		this.#count++;
		this.#kept.push(problem);
		if (this.#kept.length >= 2 * MAX_PROBLEMS_LISTED) this.#trim();
	}

	/** One at a time: spreading a huge array into push() overflows the stack. */
	addAll(problems: Iterable<ImportProblem>): void {
		for (const problem of problems) this.add(problem);
	}

	/** Counts problems found and listed elsewhere (a reader keeps only its first MAX_PROBLEMS_LISTED). */
	addUncounted(count: number): void {
		this.#count += count;
	}

	/** Every problem found, listed or not. */
	get count(): number {
		return this.#count;
	}

	/** The first MAX_PROBLEMS_LISTED problems, top of the file first. */
	list(): ImportProblem[] {
		this.#trim();
		return [...this.#kept];
	}

	#trim(): void {
		this.#kept.sort(byPlace);
		if (this.#kept.length > MAX_PROBLEMS_LISTED) this.#kept.length = MAX_PROBLEMS_LISTED;
	}
}

/** An import that cannot be written as it stands; nothing was written. */
export class InvalidImportError extends Error {
	/** `problems`: the first MAX_PROBLEMS_LISTED; `count`: all of them. */
	constructor(
		readonly problems: ImportProblem[],
		readonly count = problems.length
	) {
		super(`the import has ${count} problem(s); nothing was written`);
	}
}
