/**
 * Formats only the comparison needs: compact chart-axis pounds and one table cell. Everything else
 * comes from $lib/format, so a figure reads the same here as on every other page.
 */
import { formatCount, formatGbp, MISSING } from '../format';

/**
 * Compact pounds for chart axes, with the same minus sign as formatGbp.
 *
 * @example formatGbpShort(1_500_000) // '£1.5m'
 * @example formatGbpShort(-500000) // '−£500k'
 */
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

/**
 * One comparison cell as text: pounds, whole counts, "Year 5", or the text itself; a dash where the
 * figure does not apply. A payback year of null means the costs are not paid back in the period.
 *
 * @example formatCell('gbp', 894115.97) // '£894,116'
 * @example formatCell('year', null) // 'Not within the period'
 */
export function formatCell(format: 'gbp' | 'count' | 'year' | 'text', value: number | string | null): string {
	if (format === 'year') return value === null ? 'Not within the period' : `Year ${value}`;
	if (value === null) return MISSING;
	if (typeof value === 'string') return value;
	return format === 'gbp' ? formatGbp(value) : formatCount(value);
}
