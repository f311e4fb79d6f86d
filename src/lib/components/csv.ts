/**
 * CSV text (RFC 4180) for the tables' "Download CSV": one header row, fields quoted where they hold a
 * comma, quote or line break, quotes doubled, CRLF line ends. Text cells that a spreadsheet would run
 * as a formula (starting = + - @, tab or CR) get a leading apostrophe, as OWASP advises against CSV
 * injection; numbers are written as they are.
 */
export type CsvValue = string | number | boolean | null | undefined;

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
	for (const [i, row] of rows.entries()) {
		if (row.length !== header.length) {
			throw new Error(`CSV row ${i + 1} has ${row.length} fields; the header has ${header.length}.`);
		}
	}
	return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
