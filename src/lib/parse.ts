/**
 * Reading what people type or paste: numbers, calendar dates and UK locations, one way for every
 * form, importer and API, so "£60,000" means the same as a pilot cost, a capital receipt or a rent
 * cell. Client-safe: the browser forms answer with the same rules the server enforces.
 */

/**
 * A number as people write it: an optional sign (a hyphen or the "−" Hubplan itself prints), an
 * optional "£", thousands separators, decimals with a point, and exponents. A comma or space
 * counts as a thousands separator only between groups of three digits, so "240,5" (a decimal comma)
 * is refused rather than read as 2405. Blank text, anything else, and numbers too large for a double
 * give null; the caller says what it expected.
 *
 * @example parseNumber('£60,000') // 60000
 * @example parseNumber('1,234.5') // 1234.5
 * @example parseNumber('12 345 678') // 12345678
 * @example parseNumber('−£1,234') // -1234
 * @example parseNumber('240,5') // null
 * @example parseNumber('sixty') // null
 */
export function parseNumber(text: string): number | null {
	const cleaned = text
		.trim()
		.replace(/^([-+−]?)£\s*/, '$1')
		.replace(/^−/, '-');
	if (!NUMBER.test(cleaned)) return null;
	const n = Number(cleaned.replace(/[,\s]/g, ''));
	return Number.isFinite(n) ? n : null;
}

/**
 * Digits, or groups of three after the first one to three joined by commas or by (thin, no-break)
 * spaces, one kind per number; then decimals after a point and an exponent.
 */
const NUMBER = /^[-+]?(?:(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;

/** What parseDate accepts, for messages. */
export const DATE_FORMATS = 'yyyy-mm-dd or dd/mm/yyyy';

/**
 * A calendar date written yyyy-mm-dd (what `<input type="date">` sends) or dd/mm/yyyy (what a UK
 * spreadsheet shows), as yyyy-mm-dd; null when it is neither or the day does not exist
 * (2011-02-30, 31/04/2026).
 *
 * @example parseDate('2011-10-01') // '2011-10-01'
 * @example parseDate('1/10/2011') // '2011-10-01'
 * @example parseDate('2011-02-30') // null
 */
export function parseDate(text: string): string | null {
	const s = text.trim();
	const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
	if (!iso && !uk) return null;
	const [y, m, d] = iso ? [+iso[1], +iso[2], +iso[3]] : [+uk![3], +uk![2], +uk![1]];
	const date = new Date(Date.UTC(y, m - 1, d));
	// Date.UTC rolls 31/02 over into March; a real date survives the round trip unchanged.
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
	return isoDate(date);
}

/**
 * yyyy-mm-dd of a moment, in UTC (spreadsheet dates arrive as UTC midnight).
 *
 * @example isoDate(new Date('2026-11-25T23:04:00Z')) // '2026-11-25'
 */
export function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** The UK's extent in WGS84 degrees, with a margin for the islands; catches bad or swapped coordinates. */
export const UK_BOUNDS = { lonMin: -8.7, lonMax: 1.9, latMin: 49.8, latMax: 60.9 } as const;

/** The UK bounds in words, for messages. */
export const UK_EXPECTED = `longitude ${UK_BOUNDS.lonMin}…${UK_BOUNDS.lonMax} and latitude ${UK_BOUNDS.latMin}…${UK_BOUNDS.latMax} (WGS84 degrees)`;

/**
 * Whether a WGS84 point lies in the UK box.
 *
 * @example isInUk(-2.35, 53.42) // true (Trafford)
 * @example isInUk(53.42, -2.35) // false (swapped)
 */
export function isInUk(lon: number, lat: number): boolean {
	return lon >= UK_BOUNDS.lonMin && lon <= UK_BOUNDS.lonMax && lat >= UK_BOUNDS.latMin && lat <= UK_BOUNDS.latMax;
}
