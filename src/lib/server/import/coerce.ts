/**
 * Turns one cell into the typed value its field needs, or says why it cannot. Accepts what
 * spreadsheets commonly hold: "£12,500", "1 234", dates as yyyy-mm-dd, dd/mm/yyyy or Excel dates,
 * yes/no for booleans.
 */
import { formatCount } from '../../format';
import { MAX_NAME_CHARS } from '../../limits';
import { DATE_FORMATS, isoDate, parseDate, parseNumber } from '../../parse';
import type { Cell } from './read';
import type { FieldSpec } from './fields';

export type Coerced =
	| { ok: true; value: string | number | boolean | null }
	| { ok: false; problem: string; expected: string };

const bad = (problem: string, expected: string): Coerced => ({ ok: false, problem, expected });

/** Empty cells give `null`; the caller decides whether the field may be empty. */
export function coerceCell(cell: Cell, field: FieldSpec): Coerced {
	if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return { ok: true, value: null };
	switch (field.type) {
		case 'text':
			return text(cell, field);
		case 'number':
		case 'integer':
			return number(cell, field);
		case 'date':
			return date(cell);
		case 'boolean':
			return boolean(cell);
		case 'enum':
			return choice(cell, field.values ?? []);
	}
}

/**
 * Text as written, trimmed. A leading apostrophe before = + - @, tab or CR is dropped: CSV exports
 * add it so a spreadsheet does not run a cell as a formula (OWASP "CSV injection", see $lib/csv),
 * and a round trip must give the text back.
 */
function text(cell: Cell, field: FieldSpec): Coerced {
	const s = cell instanceof Date ? isoDate(cell) : String(cell).trim();
	const value = /^'[=+\-@\t\r]/.test(s) ? s.slice(1).trim() : s;
	const maxChars = field.maxChars ?? MAX_NAME_CHARS;
	if (value.length > maxChars) return bad(`is ${formatCount(value.length)} characters long`, `at most ${formatCount(maxChars)} characters`);
	return { ok: true, value };
}

function number(cell: Cell, field: FieldSpec): Coerced {
	const unit = field.unit ? ` in ${field.unit}` : '';
	let n: number;
	if (typeof cell === 'number') n = cell;
	// A floor-area unit mark is decoration, like the pound sign parseNumber already allows.
	else if (typeof cell === 'string') {
		const written = cell.trim().replace(/\s*(m2|m²)$/i, '');
		const parsed = parseNumber(written);
		if (parsed === null) return notANumber(written, unit);
		n = parsed;
	} else return bad('not a number', `a number${unit}`);
	if (!Number.isFinite(n)) return bad('is not a finite number', `a number${unit}`);
	if (field.type === 'integer' && !Number.isInteger(n)) return bad('not a whole number', `a whole number${unit}`);
	if (field.min !== undefined && n < field.min) {
		return bad(n < 0 ? 'is negative' : `is below ${bound(field.min)}`, `a number${unit} of at least ${bound(field.min)}`);
	}
	if (field.max !== undefined && n > field.max) {
		const why = field.maxReason ? ` (${field.maxReason})` : '';
		return bad(`is above ${bound(field.max)}`, `a number${unit} of at most ${bound(field.max)}${why}`);
	}
	return { ok: true, value: n };
}

/** A bound as a person would type it back: grouped, every decimal it has, a plain hyphen for minus. */
const bound = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 6 });

/** Why text that parseNumber refused is not a number, as precisely as the text allows. */
function notANumber(written: string, unit: string): Coerced {
	if (/\d,\d/.test(written)) {
		return bad('has a comma that is not a thousands separator (a decimal comma?)', `a number${unit} with a point for decimals (240.5) and commas only between groups of three digits (1,234)`);
	}
	if (/^[-+]?(nan|inf(inity)?)$/i.test(written)) return bad('is not a finite number', `a number${unit}`);
	if (/^[-+]?[\d.]+e\+?\d{3,}$/i.test(written)) return bad('is too large to be a number', `a number${unit}`);
	return bad('not a number', `a number${unit}`);
}

const DATE_EXPECTED = `a date as ${DATE_FORMATS}`;

function date(cell: Cell): Coerced {
	if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? bad('not a date', DATE_EXPECTED) : { ok: true, value: isoDate(cell) };
	const value = parseDate(String(cell));
	return value === null ? bad('not a date', DATE_EXPECTED) : { ok: true, value };
}

const TRUE = new Set(['yes', 'y', 'true', '1']);
const FALSE = new Set(['no', 'n', 'false', '0']);

function boolean(cell: Cell): Coerced {
	if (typeof cell === 'boolean') return { ok: true, value: cell };
	const s = String(cell).trim().toLowerCase();
	if (TRUE.has(s)) return { ok: true, value: true };
	if (FALSE.has(s)) return { ok: true, value: false };
	return bad('not yes or no', 'yes/no, true/false, y/n or 1/0');
}

function choice(cell: Cell, values: readonly string[]): Coerced {
	const s = String(cell).trim().toLowerCase();
	const match = values.find((v) => v.toLowerCase() === s);
	return match ? { ok: true, value: match } : bad('not one of the accepted values', `one of ${values.join(', ')}`);
}
