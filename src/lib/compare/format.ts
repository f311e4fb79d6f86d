/**
 * Number formats shared by the comparison table, charts, pilot page and exports, so a figure reads
 * the same on screen, on paper and in the spreadsheet.
 */
import { METRES_PER_MILE } from '../engine/parameters';

/**
 * Pounds: whole pounds unless there are pence; a minus sign for negatives.
 *
 * @example formatGbp(60000) // '£60,000'
 * @example formatGbp(-1234.5) // '−£1,234.50'
 */
export function formatGbp(gbp: number): string {
	const pence = Math.round(Math.abs(gbp) * 100) % 100 !== 0;
	const text = Math.abs(gbp).toLocaleString('en-GB', {
		style: 'currency',
		currency: 'GBP',
		minimumFractionDigits: pence ? 2 : 0,
		maximumFractionDigits: pence ? 2 : 0
	});
	return gbp < 0 ? `−${text}` : text;
}

/** Whole number with thousands separators; a real minus sign for negatives. */
export function formatCount(value: number): string {
	const text = Math.round(Math.abs(value)).toLocaleString('en-GB');
	return value < 0 && Math.round(value) !== 0 ? `−${text}` : text;
}

/** Compact pounds for chart axes: £1.2m, £350k, £900. */
export function formatGbpShort(gbp: number): string {
	const sign = gbp < 0 ? '−' : '';
	const abs = Math.abs(gbp);
	if (abs >= 1e6) return `${sign}£${trim(abs / 1e6)}m`;
	if (abs >= 1e3) return `${sign}£${trim(abs / 1e3)}k`;
	return `${sign}£${Math.round(abs)}`;
}

function trim(value: number): string {
	return value.toFixed(value < 10 ? 1 : 0).replace(/\.0$/, '');
}

/** Percentage from a 0–1 share, one decimal. */
export function formatShare(share: number): string {
	return `${(share * 100).toFixed(1)}%`;
}

/**
 * An access threshold as people say it: whole miles as miles, otherwise metres or km; minutes in
 * matrix mode.
 *
 * @example formatThreshold({ thresholdM: 1609.344 }) // '1 mile'
 */
export function formatThreshold(t: { thresholdM?: number; thresholdMin?: number }): string {
	if (t.thresholdMin !== undefined) return `${t.thresholdMin} min`;
	const m = t.thresholdM ?? 0;
	const miles = m / METRES_PER_MILE;
	const whole = Math.round(miles);
	if (whole >= 1 && Math.abs(miles - whole) < 1e-6) return `${whole} mile${whole === 1 ? '' : 's'}`;
	return m >= 1000 ? `${trim(m / 1000)} km` : `${Math.round(m)} m`;
}

/**
 * One comparison cell as text: pounds, whole counts, "Year 5", or the text itself; a dash where the
 * figure does not apply. A payback year of null means the costs are not paid back in the period.
 */
export function formatCell(format: 'gbp' | 'count' | 'year' | 'text', value: number | string | null): string {
	if (format === 'year') return value === null ? 'Not within the period' : `Year ${value}`;
	if (value === null) return '—';
	if (typeof value === 'string') return value;
	// Whole pounds: pence in an options appraisal are false precision.
	return format === 'gbp' ? formatGbp(Math.round(value)) : formatCount(value);
}
