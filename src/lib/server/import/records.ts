/**
 * The step between a raw table and a kind's checks: every mapped cell parsed to its field's type,
 * every failure recorded with its file, row and column. Kinds then only see typed values.
 */
import type { Db } from '../db';
import type { Actor } from '../auth/actor';
import { coerceCell } from './coerce';
import { EXPORT_ONLY_COLUMNS, type FieldSpec } from './fields';
import type { ImportDiff } from './diff';
import type { ColumnMapping } from './mapping';
import { MAX_TEXT_CHARS } from '../../limits';
import { formatCount } from '../../format';
import { problemAt, ProblemList, type ImportProblem } from './problems';
import { locate, type Cell, type SourceRow, type SourceTable } from './read';

export type RecordValue = string | number | boolean | null;

export interface ParsedRecord {
	source: SourceRow;
	/** Every field of the kind: its parsed value, or null (empty cell or column not mapped). */
	values: Record<string, RecordValue>;
	/** Cells of the columns no field is mapped to, kept as attributes of new rows. */
	extras: Readonly<Record<string, Cell>>;
	/** Fields whose cell could not be parsed (already reported), so later checks do not report them again. */
	invalid: ReadonlySet<string>;
}

export interface ImportOptions {
	/** Delete rows the file does not mention (default false: keep them). */
	removeMissing?: boolean;
	/** Sites imports: add the partners the file names that Hubplan does not know (default false: refuse). */
	createPartners?: boolean;
	/** Matrix imports: the matrix to create or update (default: the file name without extension). */
	matrixName?: string;
	/** Matrix imports: walk, public_transport, car, cycle … (default public_transport). */
	matrixMode?: string;
	/** Clock for the provenance date (tests pin it). */
	now?: Date;
}

export interface ImportContext {
	db: Db;
	partnershipId: string;
	table: SourceTable;
	fields: FieldSpec[];
	mapping: ColumnMapping;
	/** Provenance source: "sites.xlsx (imported 2026-11-25)". */
	source: string;
	/** Main file name, for rows' `source` column. */
	fileName: string;
	options: ImportOptions;
}

/** One kind of import (sites, services, zones, matrix): its fields, checks, diff and commit. */
export interface KindHandler {
	fields: FieldSpec[];
	/** Checks that need more than one cell: references, duplicates, coordinates. Reads the database only. */
	check(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportProblem[]>;
	diff(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportDiff>;
	/** Writes the diff; always called inside the import's one transaction, by whoever commits it. */
	commit(ctx: ImportContext & { actor: Actor }, records: ParsedRecord[]): Promise<ImportDiff>;
}

/** A problem with `field` of `record`, located in the file and column it came from. */
export function problemFor(
	ctx: ImportContext,
	record: ParsedRecord,
	fieldKey: string,
	problem: string,
	expected: string
): ImportProblem {
	const column = ctx.mapping[fieldKey] ?? null;
	const at = locate(ctx.table, record.source, column);
	const header = column === null ? (ctx.fields.find((f) => f.key === fieldKey)?.column ?? fieldKey) : ctx.table.headers[column];
	const value = column === null ? record.values[fieldKey] : record.source.cells[column];
	return problemAt(at.file, at.row, header, value instanceof Date ? value.toISOString() : value, problem, expected);
}

const NO_EXTRAS: Readonly<Record<string, Cell>> = Object.freeze({});
const NO_INVALID: ReadonlySet<string> = new Set();

/** Parses every mapped cell; a required field that is unmapped or empty is a problem. */
export function parseRecords(
	table: SourceTable,
	fields: FieldSpec[],
	mapping: ColumnMapping
): { records: ParsedRecord[]; problems: ProblemList } {
	const problems = new ProblemList();
	for (const field of fields) {
		if (field.required && (mapping[field.key] ?? null) === null) {
			problems.add(problemAt(table.fileName, 1, field.column, null, `no column is mapped to "${field.label}"`, `a column for ${field.label}, e.g. headed "${field.column}"`));
		}
	}
	const mappedColumns = new Set(Object.values(mapping).filter((i): i is number => i !== null));
	const records = table.rows.map((row) => {
		const values: Record<string, RecordValue> = {};
		// Most records have neither: sharing one empty set and object saves ~200 bytes a row (a 584,000-row matrix).
		let invalid: Set<string> | null = null;
		for (const field of fields) {
			const column = mapping[field.key] ?? null;
			values[field.key] = null;
			if (column === null) continue;
			const result = coerceCell(row.cells[column] ?? null, field);
			const at = () => locate(table, row, column);
			if (!result.ok) {
				(invalid ??= new Set()).add(field.key);
				problems.add(problemAt(at().file, at().row, table.headers[column], row.cells[column], result.problem, result.expected));
			} else if (result.value === null && field.required) {
				problems.add(problemAt(at().file, at().row, table.headers[column], '', 'is empty', `a value for ${field.label}`));
			} else values[field.key] = result.value;
		}
		let extras: Record<string, Cell> | null = null;
		table.headers.forEach((h, i) => {
			if (mappedColumns.has(i) || h === '' || EXPORT_ONLY_COLUMNS.includes(h)) return;
			const cell = row.cells[i];
			if (cell === null || cell === '') return;
			// Kept as an attribute of the row, so held to the same length as any other stored text.
			if (typeof cell === 'string' && cell.length > MAX_TEXT_CHARS) {
				const at = locate(table, row, i);
				problems.add(problemAt(at.file, at.row, h, cell, `is ${formatCount(cell.length)} characters long`, `at most ${formatCount(MAX_TEXT_CHARS)} characters`));
			} else (extras ??= {})[h] = cell;
		});
		return { source: row, values, extras: extras ?? NO_EXTRAS, invalid: invalid ?? NO_INVALID };
	});
	return { records, problems };
}

/** Problems for ids that appear on more than one row; the message names the first row. */
export function duplicateProblems(
	ctx: ImportContext,
	records: ParsedRecord[],
	idOf: (r: ParsedRecord) => string | null,
	fieldKey: string,
	what: string
): ImportProblem[] {
	const firstRow = new Map<string, number>();
	const problems: ImportProblem[] = [];
	for (const r of records) {
		const id = idOf(r);
		if (id === null) continue;
		const first = firstRow.get(id);
		if (first === undefined) firstRow.set(id, locate(ctx.table, r.source, ctx.mapping[fieldKey] ?? null).row);
		else problems.push(problemFor(ctx, r, fieldKey, `duplicate ${what} (also on row ${first})`, `each ${what} once per file`));
	}
	return problems;
}

/** Problems for records whose `fieldKey` holds a text that `known` lacks (a reference to nothing). */
export function unknownValueProblems(
	ctx: ImportContext,
	records: ParsedRecord[],
	fieldKey: string,
	known: { has(value: string): boolean },
	problem: string,
	expected: string
): ImportProblem[] {
	return records
		.filter((r) => typeof r.values[fieldKey] === 'string' && !known.has(r.values[fieldKey] as string))
		.map((r) => problemFor(ctx, r, fieldKey, problem, expected));
}
