/**
 * Formats the workspace needs beyond the shared ones in $lib/components/format (pounds, counts):
 * access thresholds and timestamps.
 */

import { METRES_PER_MILE } from '../engine/parameters';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A distance threshold as people read it: whole miles when it is one, otherwise km or m. */
export function formatThreshold(value: number, unit: 'm' | 'min'): string {
	if (unit === 'min') return `${formatNumber(value)} min`;
	const miles = value / METRES_PER_MILE;
	if (Math.abs(miles - Math.round(miles)) < 1e-9) return `${Math.round(miles)} mile${Math.round(miles) === 1 ? '' : 's'}`;
	return value >= 1000 ? `${formatNumber(value / 1000)} km` : `${Math.round(value)} m`;
}

/** Up to two decimals, no trailing zeros. */
export function formatNumber(n: number): string {
	return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n);
}

/** A stored ISO timestamp as '25 Nov 2026, 23:04 UTC' (UTC so server and browser render alike). */
export function formatDateTime(iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	const hh = String(d.getUTCHours()).padStart(2, '0');
	const mm = String(d.getUTCMinutes()).padStart(2, '0');
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}
