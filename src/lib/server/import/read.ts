/**
 * Reads an uploaded file into a plain table of headers and cells, whatever its format (CSV, XLSX
 * first worksheet, GeoJSON), and turns everything that stops it being read — too big, empty, not
 * UTF-8, cut short — into problems rather than exceptions, so the user sees them all at once.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { problemAt, type ImportProblem } from './problems';
import { firstInvalidUtf8Byte, lineOfByte } from './utf8';

/** Largest file accepted, bytes. Hubplan planning assumption (configurable): a county's estate fits well inside it. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export type Cell = string | number | boolean | Date | null;
export type FileFormat = 'csv' | 'xlsx' | 'geojson';

export interface SourceRow {
	/** Row number in the file: header = 1, so data starts at 2; GeoJSON: feature number from 1. */
	row: number;
	cells: Cell[];
	geometry: GeoJSON.Geometry | null;
	/** Where the row came from when two files were joined (zones GeoJSON + CSV); see `locate`. */
	sources?: ({ file: string; row: number } | null)[];
}

export interface SourceTable {
	fileName: string;
	format: FileFormat;
	headers: string[];
	rows: SourceRow[];
	/** For a joined table: which entry of `row.sources` each column came from. */
	headerSource?: number[];
}

/** File and row a cell came from, for problem messages. */
export function locate(table: SourceTable, row: SourceRow, column: number | null): { file: string; row: number } {
	const source = column === null || !table.headerSource ? null : row.sources?.[table.headerSource[column]];
	return source ?? row.sources?.find((s) => s !== null) ?? { file: table.fileName, row: row.row };
}

export interface ReadResult {
	table: SourceTable | null;
	problems: ImportProblem[];
}

/** Format from the extension, else from the first bytes (an XLSX is a zip: "PK"). */
export function detectFormat(fileName: string, bytes: Uint8Array): FileFormat {
	const ext = fileName.toLowerCase().split('.').pop();
	if (ext === 'xlsx') return 'xlsx';
	if (ext === 'geojson' || ext === 'json') return 'geojson';
	if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
	if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
	return bytes[0] === 0x7b ? 'geojson' : 'csv';
}

/** Reads `bytes` (the whole file) as a table; `table` is null when any problem stops it being read. */
export async function readTable(
	fileName: string,
	bytes: Uint8Array,
	options: { maxBytes?: number } = {}
): Promise<ReadResult> {
	const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
	const fail = (problem: string, expected: string, row: number | null = null, value: unknown = null): ReadResult => ({
		table: null,
		problems: [problemAt(fileName, row, null, value, problem, expected)]
	});
	if (bytes.length > maxBytes) {
		return fail(`the file is ${megabytes(bytes.length)}, over the limit`, `a file of at most ${megabytes(maxBytes)}`);
	}
	if (bytes.length === 0) return fail('the file is empty', 'a header row and at least one data row');
	const format = detectFormat(fileName, bytes);
	if (format === 'xlsx') return readXlsx(fileName, bytes);
	const bad = firstInvalidUtf8Byte(bytes);
	if (bad >= 0) {
		const byte = `0x${bytes[bad].toString(16).toUpperCase().padStart(2, '0')}`;
		const line = lineOfByte(bytes, bad);
		return fail(`text is not UTF-8: byte ${byte} at offset ${bad} (line ${line})`, 'UTF-8 text (in Excel: Save As "CSV UTF-8")', line, byte);
	}
	const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
	if (text.trim() === '') return fail('the file is empty', 'a header row and at least one data row');
	return format === 'geojson' ? readGeoJson(fileName, text) : readCsv(fileName, text);
}

function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function readCsv(fileName: string, text: string): ReadResult {
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
	const problems: ImportProblem[] = [];
	for (const error of parsed.errors) {
		// Papaparse numbers records from 0; the header is row 1 of the file.
		const row = error.row === undefined ? null : error.row + 1;
		if (error.code === 'MissingQuotes') {
			problems.push(problemAt(fileName, row, null, null, 'a quoted value is never closed (the file looks cut short)', 'every opening " to have a closing "'));
		} else if (error.code !== 'UndetectableDelimiter') {
			problems.push(problemAt(fileName, row, null, null, error.message, 'a well-formed CSV file'));
		}
	}
	const records = parsed.data.map((cells, i) => ({ row: i + 1, cells }));
	const nonEmpty = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
	const [header, ...body] = nonEmpty;
	if (!header) return { table: null, problems: [problemAt(fileName, null, null, null, 'the file is empty', 'a header row and at least one data row')] };
	const headers = header.cells.map((h) => h.trim());
	for (const r of body) {
		const extra = r.cells.slice(headers.length);
		if (r.cells.length < headers.length) {
			problems.push(problemAt(fileName, r.row, null, r.cells.join(','), `has ${r.cells.length} of ${headers.length} columns (the file may be cut short)`, `${headers.length} values per row, like the header`));
		} else if (extra.some((c) => c.trim() !== '')) {
			problems.push(problemAt(fileName, r.row, null, extra.join(','), `has ${r.cells.length} values but the header has ${headers.length} columns`, 'commas inside values to be quoted'));
		}
	}
	return finish(fileName, 'csv', headers, body.map((r) => ({ row: r.row, cells: r.cells, geometry: null })), problems);
}

function finish(
	fileName: string,
	format: FileFormat,
	headers: string[],
	rows: SourceRow[],
	problems: ImportProblem[]
): ReadResult {
	if (!problems.length && rows.length === 0) {
		problems.push(problemAt(fileName, null, null, null, 'there are no data rows below the header', 'at least one data row'));
	}
	const blank = headers.findIndex((h) => h === '');
	if (blank >= 0 && rows.some((r) => r.cells[blank] !== null && r.cells[blank] !== '')) {
		problems.push(problemAt(fileName, 1, `column ${blank + 1}`, null, 'a column with values has no header', 'a header for every column'));
	}
	return { table: problems.length ? null : { fileName, format, headers, rows }, problems };
}

async function readXlsx(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
	const workbook = new ExcelJS.Workbook();
	try {
		// exceljs's types predate Node's generic Buffer; the bytes are a plain zip either way.
		await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return {
			table: null,
			problems: [problemAt(fileName, null, null, null, `the XLSX file is damaged or incomplete (${reason})`, 'a complete .xlsx file saved by Excel, LibreOffice or Numbers')]
		};
	}
	const sheet = workbook.worksheets[0];
	if (!sheet || sheet.actualRowCount === 0) {
		return { table: null, problems: [problemAt(fileName, null, null, null, 'the first worksheet is empty', 'a header row and at least one data row on the first worksheet')] };
	}
	const width = sheet.columnCount;
	const rows: SourceRow[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: Cell[] = [];
		for (let c = 1; c <= width; c++) cells.push(xlsxCell(row.getCell(c).value));
		if (cells.some((v) => v !== null && v !== '')) rows.push({ row: rowNumber, cells, geometry: null });
	});
	const [header, ...body] = rows;
	const headers = header.cells.map((h) => (h === null ? '' : String(h).trim()));
	return finish(fileName, 'xlsx', headers, body, []);
}

/** An exceljs cell value as a plain value: formulas give their cached result, rich text its text. */
function xlsxCell(value: ExcelJS.CellValue): Cell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (value instanceof Date) return value;
	if ('richText' in value) return value.richText.map((r) => r.text).join('');
	if ('result' in value) return xlsxCell((value.result ?? null) as ExcelJS.CellValue);
	if ('text' in value) return String(value.text);
	if ('error' in value) return String(value.error);
	return null;
}

function readGeoJson(fileName: string, text: string): ReadResult {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		// A cut-short file fails where the text runs out: "Unexpected end of JSON input", or a position at the very end.
		const position = Number(/position (\d+)/.exec(reason)?.[1] ?? NaN);
		const cut = /end of (JSON|data)|Unterminated/i.test(reason) || position >= text.trimEnd().length;
		return {
			table: null,
			problems: [problemAt(fileName, null, null, null, cut ? `the GeoJSON ends early (${reason}): the file looks cut short` : `not valid JSON (${reason})`, 'a complete GeoJSON FeatureCollection')]
		};
	}
	const collection = json as { type?: unknown; features?: unknown };
	const features = collection.type === 'Feature' ? [json] : collection.features;
	if (!Array.isArray(features)) {
		return { table: null, problems: [problemAt(fileName, null, 'type', collection.type, 'not a GeoJSON FeatureCollection', 'a FeatureCollection with a "features" array')] };
	}
	const headers: string[] = [];
	const seen = new Set<string>();
	for (const f of features as GeoJSON.Feature[]) {
		for (const key of Object.keys(f?.properties ?? {})) if (!seen.has(key)) (seen.add(key), headers.push(key));
	}
	// A point's coordinates become two columns, so a sites layer needs no lon/lat properties.
	const points = features.some((f: GeoJSON.Feature) => f?.geometry?.type === 'Point');
	const pointColumns = points && !seen.has('lon') && !seen.has('lat');
	if (pointColumns) headers.push('(point) lon', '(point) lat');
	const rows = (features as GeoJSON.Feature[]).map((f, i) => {
		const props = f?.properties ?? {};
		const cells: Cell[] = headers.map((h) => geoJsonCell(props[h]));
		const geometry = f?.geometry ?? null;
		if (pointColumns) {
			const [lon, lat] = geometry?.type === 'Point' ? geometry.coordinates : [null, null];
			cells.splice(cells.length - 2, 2, lon ?? null, lat ?? null);
		}
		return { row: i + 1, cells, geometry };
	});
	return finish(fileName, 'geojson', headers, rows, []);
}

function geoJsonCell(value: unknown): Cell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	return JSON.stringify(value);
}
