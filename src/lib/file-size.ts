/**
 * File sizes in one unit wherever Hubplan states them (import messages, the import page, the README):
 * MB means 1,000,000 bytes (SI), as browsers and most file managers count. Client-safe.
 */
import { formatCount } from './format';

export const BYTES_PER_MB = 1_000_000;

const megabytes = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/**
 * Exact bytes, then MB for reading: two sizes a byte apart never look the same.
 *
 * @example formatFileSize(20_000_001) // '20,000,001 bytes (20 MB)'
 * @example formatFileSize(527_000) // '527,000 bytes (0.5 MB)'
 */
export function formatFileSize(bytes: number): string {
	return `${formatCount(bytes)} bytes (${megabytes.format(bytes / BYTES_PER_MB)} MB)`;
}
