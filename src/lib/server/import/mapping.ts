/**
 * Column mapping: which header of the file feeds which field. The guess compares headers after
 * normalising case, spacing, punctuation and units, so "GIA (m²)", "gia_m2" and "Gross internal
 * area" all land on `giaM2`; the user can override any of it before validating.
 */
import { coerceCell } from './coerce';
import type { FieldSpec } from './fields';
import type { Cell } from './read';

/** Non-empty cells looked at when deciding whether a column's values fit a field. */
const SAMPLE_CELLS = 20;

/** Field key → index of the header that feeds it (null: not in this file). */
export type ColumnMapping = Record<string, number | null>;

/** Lower case, letters and digits only; "²" → "2", "£" → "gbp", "&" → "and". */
export function normaliseHeader(header: string): string {
	return header
		.toLowerCase()
		.replace(/²/g, '2')
		.replace(/£/g, 'gbp')
		.replace(/&/g, 'and')
		.replace(/[^a-z0-9]/g, '');
}

const UNIT_SUFFIX = /(gbp|m2|sqm|peryear|perannum|pa|peryr|yr|year|perweek|pw|week|hours|hrs|mins|minutes|ha|hectares)+$/;

/** Ways a header can be read, most literal first: as written, without "(…)"/"[…]", without a unit suffix. */
function readings(header: string): string[] {
	const full = normaliseHeader(header);
	const bare = normaliseHeader(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ''));
	const unitless = bare.replace(UNIT_SUFFIX, '');
	return [full, bare, unitless];
}

/** A field's names, normalised; the last reading compares names and headers both without units. */
function namesOf(field: FieldSpec): [Set<string>, Set<string>, Set<string>] {
	const literal = new Set([field.key, field.column, field.label, ...(field.aliases ?? [])].map(normaliseHeader));
	const unitless = new Set([...literal].map((n) => n.replace(UNIT_SUFFIX, '')).filter((n) => n.length > 0));
	return [literal, literal, unitless];
}

/**
 * Whether a column's values look like the field's type: at least half of its first non-empty cells
 * parse. Asked only of loose (unit-stripped) matches, so a "facilities" column of prose or an
 * "opening_hours" column of weekly timetables is not taken for a £ or hours figure. A header that
 * names the field outright always maps, so its bad cells are reported rather than dropped.
 */
function fits(field: FieldSpec, column: number, rows: Cell[][]): boolean {
	const cells: Cell[] = [];
	for (const row of rows) {
		const cell = row[column] ?? null;
		if (cell !== null && cell !== '') cells.push(cell);
		if (cells.length === SAMPLE_CELLS) break;
	}
	const parsed = cells.filter((c) => coerceCell(c, field).ok).length;
	return parsed * 2 >= cells.length;
}

/**
 * Best guess for every field; a header feeds at most one field, and the most literal match wins.
 * Given the rows, a loose match also needs the column's values to fit the field.
 */
export function guessMapping(headers: string[], fields: FieldSpec[], rows: Cell[][] = []): ColumnMapping {
	const mapping: ColumnMapping = Object.fromEntries(fields.map((f) => [f.key, null]));
	const names = fields.map(namesOf);
	const taken = new Set<number>();
	for (let pass = 0; pass < 3; pass++) {
		headers.forEach((header, index) => {
			if (taken.has(index)) return;
			const reading = readings(header)[pass];
			if (!reading) return;
			const f = fields.findIndex(
				(field, i) => mapping[field.key] === null && names[i][pass].has(reading) && (pass < 2 || fits(field, index, rows))
			);
			if (f < 0) return;
			mapping[fields[f].key] = index;
			taken.add(index);
		});
	}
	return mapping;
}

/**
 * Checks a mapping sent back by the user: known fields only, header indexes in range, no header
 * used twice. Returns the problems as text (the caller turns them into import problems).
 */
export function mappingErrors(mapping: ColumnMapping, headers: string[], fields: FieldSpec[]): string[] {
	const errors: string[] = [];
	const known = new Set(fields.map((f) => f.key));
	const used = new Map<number, string>();
	for (const [key, index] of Object.entries(mapping)) {
		if (!known.has(key)) errors.push(`unknown field "${key}" (expected one of ${[...known].join(', ')})`);
		if (index === null) continue;
		if (!Number.isInteger(index) || index < 0 || index >= headers.length) {
			errors.push(`field "${key}" points at column ${index}, but the file has columns 0–${headers.length - 1}`);
			continue;
		}
		const other = used.get(index);
		if (other) errors.push(`column "${headers[index]}" is mapped to both ${other} and ${key}`);
		used.set(index, key);
	}
	return errors;
}
