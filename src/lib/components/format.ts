/** Number formats shared by the panels and tables (British English, units in the text). */
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

/** "1,634"; an em dash for a missing value. */
export function formatCount(value: number | null | undefined): string {
	return value === null || value === undefined ? '—' : whole.format(value);
}

/** "£60,000"; an em dash for a missing value. */
export function formatGbp(value: number | null | undefined): string {
	return value === null || value === undefined ? '—' : gbp.format(value);
}

/** "20.5%"; an em dash for a missing value. */
export function formatPercent(value: number | null | undefined): string {
	return value === null || value === undefined ? '—' : `${value.toFixed(1)}%`;
}
