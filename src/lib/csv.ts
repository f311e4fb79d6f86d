/**
 * The one CSV writer (RFC 4180), for the tables' "Download CSV" in the browser and the server's
 * exports alike: one header row, fields quoted where they hold a comma, quote or line break, quotes
 * doubled, CRLF line ends. Text cells that a spreadsheet would run as a formula (starting = + - @,
 * tab or CR) get a leading apostrophe, as OWASP advises against CSV injection; the importer strips
 * it again (src/lib/server/import/coerce.ts). Numbers are written as they are. Client-safe.
 */
export type CsvValue = string | number | boolean | null | undefined;

/** UTF-8 byte-order mark: without it Excel reads "£" and "–" in a CSV as Windows-1252. */
export const CSV_BOM = '\uFEFF';

/**
 * CSV text for a header and rows of the same length.
 *
 * @param options.bom start with a UTF-8 byte-order mark so Excel reads the file as UTF-8 (default false)
 * @example toCsv(['name', 'n'], [['Pott Street, "old"', 600]]) // 'name,n\r\n"Pott Street, ""old""",600\r\n'
 * @example toCsv(['x'], [['=SUM(A1)']]) // "x\r\n'=SUM(A1)\r\n"
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], options: { bom?: boolean } = {}): string {
	for (const [i, row] of rows.entries()) {
		if (row.length !== header.length) {
			throw new Error(`CSV row ${i + 1} has ${row.length} fields; the header has ${header.length}.`);
		}
	}
	const text = [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
	return options.bom ? CSV_BOM + text : text;
}

function field(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
