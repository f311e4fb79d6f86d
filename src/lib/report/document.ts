/**
 * The cabinet report as a plain document tree: one builder (`buildReport`) writes it from a
 * comparison, and each renderer (the report page and its print view, DOCX, the CLI's JSON) draws
 * it. Keeping the words and numbers here, already formatted, is what makes every output say the
 * same thing. No Svelte, no I/O: it crosses the worker boundary and is frozen into decision records.
 */

/** A table cell, already formatted for reading ("£1.2m", "1 mile", "Fails: 88.1 % of 90 %"). */
export interface ReportCell {
	text: string;
	/** The figure rests on estimated facts (floor areas, running costs, visits). */
	estimated?: boolean;
	/** Pass/fail or a flag, so renderers can mark it in more ways than colour. */
	tone?: 'good' | 'bad' | 'flag';
}

export type ReportBlock =
	| { kind: 'heading'; level: 2 | 3; text: string }
	| { kind: 'paragraph'; text: string }
	| { kind: 'list'; items: string[] }
	| {
			kind: 'table';
			caption: string;
			/** Column headings; the first names the row headings' column. */
			head: string[];
			/** Each row starts with its row heading. */
			rows: ReportCell[][];
	  }
	/** A chart or map drawn by the page from the comparison; other renderers give its table alternative. */
	| { kind: 'figure'; figure: 'cashFlow' | 'coverage' | 'maps'; caption: string };

export interface ReportSection {
	/** Stable id for links and tests, e.g. `summary`, `equality`. */
	id: string;
	title: string;
	blocks: ReportBlock[];
}

export interface ReportDocument {
	title: string;
	/** e.g. "Prepared 4 December 2026 from Hubplan"; a decision record adds when it was presented. */
	subtitle: string;
	/** Page 1: the executive summary comes first. */
	sections: ReportSection[];
}
