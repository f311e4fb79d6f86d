/**
 * Compact chart-axis pounds. Table cells are written by the indicator registry
 * ($lib/report/indicators), so a figure reads the same here as on every other page.
 */

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
