/**
 * Every figure Hubplan shows a person, formatted one way so it reads the same in the workspace, the
 * comparison, the pilot page, the exports and error messages. British English; negatives carry the
 * typographic minus "−" (U+2212), which screen readers announce as "minus" and which does not break
 * from its number; missing figures are an em dash. Client-safe: no server or node imports.
 */
import { METRES_PER_MILE } from './engine/parameters';
import type { CoverageFigure } from './engine/types';

/** What a missing figure shows as. */
export const MISSING = '—';

const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const upToTwoDecimals = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const penceNumber = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const upToOneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** The text of |value| with a typographic minus in front when the shown figure is below zero. */
function signed(value: number, text: (abs: number) => string): string {
	const body = text(Math.abs(value));
	// "−0" would claim a loss where the rounded figure shows none.
	return value < 0 && /[1-9]/.test(body) ? `−${body}` : body;
}

/**
 * Pounds with thousands separators, whole pounds by default: pence in an options appraisal are false
 * precision. With `pence: true` an amount that has pence shows them (real payments, such as pilot
 * costs).
 *
 * @example formatGbp(60000) // '£60,000'
 * @example formatGbp(-1234.5) // '−£1,235'
 * @example formatGbp(250.5, { pence: true }) // '£250.50'
 * @example formatGbp(null) // '—'
 */
export function formatGbp(gbp: number | null | undefined, options: { pence?: boolean } = {}): string {
	if (gbp === null || gbp === undefined) return MISSING;
	const hasPence = options.pence === true && Math.round(Math.abs(gbp) * 100) % 100 !== 0;
	return signed(gbp, (abs) => `£${(hasPence ? penceNumber : wholeNumber).format(abs)}`);
}

/**
 * A count, rounded to a whole number, with thousands separators.
 *
 * @example formatCount(1436.79) // '1,437'
 * @example formatCount(-12) // '−12'
 * @example formatCount(undefined) // '—'
 */
export function formatCount(value: number | null | undefined): string {
	if (value === null || value === undefined) return MISSING;
	return signed(value, (abs) => wholeNumber.format(abs));
}

/**
 * A plain number with up to two decimals and no trailing zeros (timings, ratios).
 *
 * @example formatNumber(12.3456) // '12.35'
 * @example formatNumber(4000) // '4,000'
 */
export function formatNumber(value: number): string {
	return signed(value, (abs) => upToTwoDecimals.format(abs));
}

/**
 * A percentage already on the 0–100 scale, one decimal unless told otherwise.
 *
 * @example formatPercent(20.46) // '20.5%'
 * @example formatPercent(58.33, 0) // '58%'
 */
export function formatPercent(percent: number | null | undefined, fractionDigits = 1): string {
	if (percent === null || percent === undefined) return MISSING;
	return signed(percent, (abs) => `${abs.toFixed(fractionDigits)}%`);
}

/**
 * A 0–1 share as a percentage, one decimal unless told otherwise.
 *
 * @example formatShare(0.2046) // '20.5%'
 * @example formatShare(7 / 12, 0) // '58%'
 */
export function formatShare(share: number | null | undefined, fractionDigits = 1): string {
	return formatPercent(share === null || share === undefined ? share : share * 100, fractionDigits);
}

/**
 * An access threshold as people say it: a whole number of miles as miles, otherwise km to one
 * decimal from 1 km up, whole metres below; minutes when distances are travel times.
 *
 * @example formatThreshold(1609.344, 'm') // '1 mile'
 * @example formatThreshold(4828.032, 'm') // '3 miles'
 * @example formatThreshold(1.5 * 1609.344, 'm') // '2.4 km'
 * @example formatThreshold(800, 'm') // '800 m'
 * @example formatThreshold(15, 'min') // '15 min'
 */
export function formatThreshold(value: number, unit: 'm' | 'min'): string {
	if (unit === 'min') return `${formatNumber(value)} min`;
	const miles = value / METRES_PER_MILE;
	const wholeMiles = Math.round(miles);
	// Thresholds entered in miles come back as metres with float noise: 3 × 1609.344 is not exact.
	if (wholeMiles >= 1 && Math.abs(miles - wholeMiles) < 1e-6) return `${wholeMiles} mile${wholeMiles === 1 ? '' : 's'}`;
	return value >= 1000 ? `${upToOneDecimal.format(value / 1000)} km` : `${Math.round(value)} m`;
}

/**
 * The threshold an engine coverage figure was counted within (metres, or minutes in matrix mode).
 *
 * @example formatCoverageThreshold({ thresholdM: 1609.344 }) // '1 mile'
 * @example formatCoverageThreshold({ thresholdMin: 15 }) // '15 min'
 */
export function formatCoverageThreshold(figure: Pick<CoverageFigure, 'thresholdM' | 'thresholdMin'>): string {
	return figure.thresholdMin !== undefined ? formatThreshold(figure.thresholdMin, 'min') : formatThreshold(figure.thresholdM ?? 0, 'm');
}

/**
 * A measured trip (a distance in metres or a travel time in minutes), whole units.
 *
 * @example formatDistance(1234.4, 'm') // '1,234 m'
 * @example formatDistance(12, 'min') // '12 min'
 * @example formatDistance(null, 'm') // '—'
 */
export function formatDistance(value: number | null | undefined, unit: 'm' | 'min'): string {
	return value === null || value === undefined ? MISSING : `${formatCount(value)} ${unit}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A month as "Oct 2011", or "Oct" without the year (a timeline's tick labels), read in UTC.
 *
 * @example formatMonth(new Date(Date.UTC(2011, 9, 1))) // 'Oct 2011'
 */
export function formatMonth(date: Date, withYear = true): string {
	const month = MONTHS[date.getUTCMonth()];
	return withYear ? `${month} ${date.getUTCFullYear()}` : month;
}

/**
 * A calendar date (yyyy-mm-dd, or a full ISO timestamp, read in UTC) as "1 Oct 2011". Text that is
 * not a date is returned unchanged rather than shown as "NaN".
 *
 * @example formatDate('2011-10-01') // '1 Oct 2011'
 */
export function formatDate(iso: string): string {
	const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
	if (Number.isNaN(d.getTime())) return iso;
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * A stored ISO timestamp as "25 Nov 2026, 23:04 UTC": UTC so the server and the browser render it
 * alike. Text that is not a timestamp is returned unchanged.
 *
 * @example formatDateTime('2026-11-25T23:04:59.123Z') // '25 Nov 2026, 23:04 UTC'
 */
export function formatDateTime(iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	const hh = String(d.getUTCHours()).padStart(2, '0');
	const mm = String(d.getUTCMinutes()).padStart(2, '0');
	return `${formatDate(iso)}, ${hh}:${mm} UTC`;
}
