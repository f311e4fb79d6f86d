/**
 * Reads an uploaded file into a plain table of headers and cells, whatever its format (CSV, XLSX
 * first worksheet, GeoJSON), and turns everything that stops it being read — too big, too many
 * rows, too deep, empty, not UTF-8, cut short, duplicated headers — into problems rather than
 * exceptions, so the user sees them all at once. Pure: bytes in, plain serialisable data out, so it
 * can run in a worker thread.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { BYTES_PER_MB, formatFileSize } from '../../file-size';
import { formatCount } from '../../format';
import { MAX_NAME_CHARS } from '../../limits';
import { deepestNesting } from './json-depth';
import { normaliseHeader } from './mapping';
import { problemAt, ProblemList, type ImportProblem } from './problems';
import { firstInvalidUtf8Byte, lineOfByte } from './utf8';
import { xlsxRefusal } from './xlsx-limits';

/** Largest file accepted: 20 MB (MB = 1,000,000 bytes). Hubplan planning assumption (configurable): a county's estate fits well inside it. */
export const MAX_IMPORT_BYTES = 20 * BYTES_PER_MB;

/**
 * Most data rows (GeoJSON: features) in one file. Hubplan planning assumption (configurable): the
 * largest table a partnership imports is a travel-time matrix in long form — Greater Manchester's
 * 1,702 LSOAs × 343 post offices is 583,786 rows — and a million-row file needs more than 1 GB to check.
 */
export const MAX_IMPORT_ROWS = 600_000;

/**
 * Most cells in the table a file becomes (rows × columns, empty ones included). A workbook's cells
 * on a diagonal, or GeoJSON features each with its own property name, would otherwise make a
 * small file a table of billions of cells. Hubplan planning assumption: Greater Manchester's wide
 * travel-time matrix, 1,702 zones × 1,762 sites, is 3 million.
 */
export const MAX_TABLE_CELLS = 10_000_000;

/** Deepest GeoJSON nesting accepted: a FeatureCollection of MultiPolygons nests 7 deep; 64 leaves room for nested properties. */
export const MAX_JSON_DEPTH = 64;

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
	/** The first MAX_PROBLEMS_LISTED problems. */
	problems: ImportProblem[];
	/** All problems found. */
	problemCount: number;
}

export interface ReadOptions {
	/** Default MAX_IMPORT_BYTES. */
	maxBytes?: number;
	/** Default MAX_IMPORT_ROWS. */
	maxRows?: number;
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

/** The refusal of a file of `sizeBytes`, or null when it is within `maxBytes`; the CLI asks before reading a file. */
export function sizeProblem(fileName: string, sizeBytes: number, maxBytes = MAX_IMPORT_BYTES): ImportProblem | null {
	if (sizeBytes <= maxBytes) return null;
	return problemAt(fileName, null, null, null, `the file is ${formatFileSize(sizeBytes)}, over the limit`, `a file of at most ${formatFileSize(maxBytes)}`);
}

const refused = (problems: ImportProblem[]): ReadResult => ({ table: null, problems, problemCount: problems.length });

/** The refusal of a table of `rows` × `columns` over MAX_TABLE_CELLS, asked before the table is built; else null. */
function tableSizeRefusal(fileName: string, rows: number, columns: number): ReadResult | null {
	if (rows * columns <= MAX_TABLE_CELLS) return null;
	const size = `${formatCount(rows)} rows × ${formatCount(columns)} columns (${formatCount(rows * columns)} cells)`;
	return refused([problemAt(fileName, null, null, null, `the table is ${size}, over the limit`, `at most ${formatCount(MAX_TABLE_CELLS)} cells, counting empty ones`)]);
}

/** Reads `bytes` (the whole file) as a table; `table` is null when any problem stops it being read. */
export async function readTable(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
	const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
	const fail = (problem: string, expected: string, row: number | null = null, value: unknown = null): ReadResult =>
		refused([problemAt(fileName, row, null, value, problem, expected)]);
	const tooBig = sizeProblem(fileName, bytes.length, options.maxBytes);
	if (tooBig) return refused([tooBig]);
	if (bytes.length === 0) return fail('the file is empty', 'a header row and at least one data row');
	const format = detectFormat(fileName, bytes);
	if (format === 'xlsx') return readXlsx(fileName, bytes, maxRows);
	const bad = firstInvalidUtf8Byte(bytes);
	if (bad >= 0) {
		const byte = `0x${bytes[bad].toString(16).toUpperCase().padStart(2, '0')}`;
		const line = lineOfByte(bytes, bad);
		return fail(`text is not UTF-8: byte ${byte} at offset ${bad} (line ${line})`, 'UTF-8 text (in Excel: Save As "CSV UTF-8")', line, byte);
	}
	if (format === 'geojson') {
		const nesting = deepestNesting(bytes);
		if (nesting.depth > MAX_JSON_DEPTH) {
			return fail(`the JSON nests ${formatCount(nesting.depth)} levels deep (first at byte ${formatCount(nesting.offset)})`, `GeoJSON nested at most ${MAX_JSON_DEPTH} levels deep`);
		}
	}
	const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
	if (text.trim() === '') return fail('the file is empty', 'a header row and at least one data row');
	return format === 'geojson' ? readGeoJson(fileName, text, maxRows) : readCsv(fileName, text, maxRows);
}

/**
 * Parsed a record at a time (papaparse's step mode), so rows past the limit are counted but never
 * kept, and the refusal can give the file's real row count. A file with more lines than the limit
 * allows is counted first, keeping nothing, so a million-row file is refused without holding
 * 600,000 of its rows.
 */
function readCsv(fileName: string, text: string, maxRows: number): ReadResult {
	const counted = lineCount(text) > maxRows + 1 ? parseCsv(fileName, text, 0) : null;
	const parsed = counted && counted.dataRows > maxRows ? counted : parseCsv(fileName, text, maxRows);
	if (!parsed.headers) return refused([problemAt(fileName, null, null, null, 'the file is empty', 'a header row and at least one data row')]);
	return finish(fileName, 'csv', parsed.headers, parsed.rows, parsed.problems, { dataRows: parsed.dataRows, maxRows });
}

/** Headers, the first `keepRows` data rows and their problems, and how many data rows there are in all. */
function parseCsv(fileName: string, text: string, keepRows: number) {
	const problems = new ProblemList();
	let headers: string[] | null = null;
	const rows: SourceRow[] = [];
	let record = 0;
	let dataRows = 0;
	Papa.parse<string[]>(text, {
		skipEmptyLines: false,
		step: ({ data: cells, errors }) => {
			record++;
			for (const error of errors) {
				if (error.code === 'MissingQuotes') {
					problems.add(problemAt(fileName, record, null, null, 'a quoted value is never closed (the file looks cut short)', 'every opening " to have a closing "'));
				} else if (error.code !== 'UndetectableDelimiter') {
					problems.add(problemAt(fileName, record, null, null, error.message, 'a well-formed CSV file'));
				}
			}
			if (!cells.some((c) => c.trim() !== '')) return;
			if (!headers) {
				headers = cells.map((h) => h.trim());
				return;
			}
			if (++dataRows > keepRows) return;
			const extra = cells.slice(headers.length);
			if (cells.length < headers.length) {
				problems.add(problemAt(fileName, record, null, cells.join(','), `has ${cells.length} of ${headers.length} columns (the file may be cut short)`, `${headers.length} values per row, like the header`));
			} else if (extra.some((c) => c.trim() !== '')) {
				problems.add(problemAt(fileName, record, null, extra.join(','), `has ${cells.length} values but the header has ${headers.length} columns`, 'commas inside values to be quoted'));
			}
			rows.push({ row: record, cells, geometry: null });
		}
	});
	return { headers: headers as string[] | null, rows, problems, dataRows };
}

/** Lines in `text` (an upper bound on its records: a quoted value may span lines). */
function lineCount(text: string): number {
	let lines = 1;
	for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
	return lines;
}

/** Where a column is, for messages: its letters in a workbook (A, XFD), its number elsewhere. */
function columnLabel(format: FileFormat, position: number): string {
	if (format !== 'xlsx') return `column ${position}`;
	let letters = '';
	for (let c = position; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
	return `column ${letters}`;
}

/**
 * The checks every format shares: row count, empty body, headers. `positions` gives each header's
 * 1-based column in the file when empty columns were skipped (XLSX).
 */
function finish(
	fileName: string,
	format: FileFormat,
	headers: string[],
	rows: SourceRow[],
	problems: ProblemList,
	counts: { dataRows: number; maxRows: number },
	positions: number[] = headers.map((_, i) => i + 1)
): ReadResult {
	const what = format === 'geojson' ? 'features' : 'data rows';
	if (counts.dataRows > counts.maxRows) {
		return refused([problemAt(fileName, null, null, null, `the file has ${formatCount(counts.dataRows)} ${what}, over the limit`, `at most ${formatCount(counts.maxRows)} ${what} per file: split it into several files`)]);
	}
	if (!problems.count && rows.length === 0) {
		problems.add(problemAt(fileName, null, null, null, `there are no ${what} below the header`, 'at least one data row'));
	}
	const firstWith = new Map<string, number>();
	headers.forEach((header, i) => {
		const where = columnLabel(format, positions[i]);
		if (header === '') {
			if (rows.some((r) => r.cells[i] !== null && r.cells[i] !== '')) problems.add(problemAt(fileName, 1, where, null, 'a column with values has no header', 'a header for every column'));
			return;
		}
		if (header.length > MAX_NAME_CHARS) {
			problems.add(problemAt(fileName, 1, where, header, `the header is ${formatCount(header.length)} characters long`, `a header of at most ${MAX_NAME_CHARS} characters`));
		}
		// Headers that read the same to the column mapping would leave it to chance which one is imported.
		const key = normaliseHeader(header);
		const first = firstWith.get(key);
		if (first === undefined) firstWith.set(key, i);
		else {
			const other = columnLabel(format, positions[first]);
			problems.add(problemAt(fileName, 1, header, header, `${other} ("${headers[first]}") and ${where} ("${header}") have the same header`, 'each header once, so it is clear which column to import'));
		}
	});
	if (problems.count) return { table: null, problems: problems.list(), problemCount: problems.count };
	return { table: { fileName, format, headers, rows }, problems: [], problemCount: 0 };
}

async function readXlsx(fileName: string, bytes: Uint8Array, maxRows: number): Promise<ReadResult> {
	const damaged = (problem: string, expected: string) => refused([problemAt(fileName, null, null, null, problem, expected)]);
	// Bounds the parser's memory: it inflates and parses the whole workbook at once.
	const refusal = xlsxRefusal(bytes);
	if (refusal) return damaged(refusal.problem, refusal.expected);
	const workbook = new ExcelJS.Workbook();
	try {
		// exceljs's types predate Node's generic Buffer; the bytes are a plain zip either way.
		await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return damaged(`the XLSX file is damaged or incomplete (${reason})`, 'a complete .xlsx file saved by Excel, LibreOffice or Numbers');
	}
	const sheet = workbook.worksheets[0];
	if (!sheet || sheet.actualRowCount === 0) {
		return damaged('the first worksheet is empty', 'a header row and at least one data row on the first worksheet');
	}
	// Only the cells that are there, and only the columns that hold one: a stray cell in column XFD
	// must not make every row 16,384 cells wide.
	const sparse: { row: number; cells: Map<number, Cell> }[] = [];
	const used = new Set<number>();
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells = new Map<number, Cell>();
		row.eachCell({ includeEmpty: false }, (cell, column) => {
			const value = xlsxCell(cell.value);
			if (value === null || value === '') return;
			cells.set(column, value);
			used.add(column);
		});
		if (cells.size) sparse.push({ row: rowNumber, cells });
	});
	const columns = [...used].sort((a, b) => a - b);
	const oversize = tableSizeRefusal(fileName, sparse.length, columns.length);
	if (oversize) return oversize;
	const [header, ...body] = sparse;
	const headers = columns.map((c) => {
		const h = header.cells.get(c);
		return h === undefined || h === null ? '' : String(h).trim();
	});
	const rows = body.slice(0, maxRows).map((r) => ({ row: r.row, cells: columns.map((c) => r.cells.get(c) ?? null), geometry: null }));
	return finish(fileName, 'xlsx', headers, rows, new ProblemList(), { dataRows: body.length, maxRows }, columns);
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

function readGeoJson(fileName: string, text: string, maxRows: number): ReadResult {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		// A cut-short file fails where the text runs out: "Unexpected end of JSON input", or a position at the very end.
		const position = Number(/position (\d+)/.exec(reason)?.[1] ?? NaN);
		const cut = /end of (JSON|data)|Unterminated/i.test(reason) || position >= text.trimEnd().length;
		return refused([problemAt(fileName, null, null, null, cut ? `the GeoJSON ends early (${reason}): the file looks cut short` : `not valid JSON (${reason})`, 'a complete GeoJSON FeatureCollection')]);
	}
	const collection = isObject(json) ? json : {};
	const features = collection.type === 'Feature' ? [json] : collection.features;
	if (!Array.isArray(features)) {
		return refused([problemAt(fileName, null, 'type', isObject(json) ? collection.type : json, 'not a GeoJSON FeatureCollection', 'a FeatureCollection with a "features" array')]);
	}
	// Anything may stand where a feature, its properties or its geometry should: read what is there, crash on nothing.
	const kept = features.slice(0, maxRows).map((f: unknown) => {
		const feature = isObject(f) ? f : {};
		const geometry = isObject(feature.geometry) && typeof feature.geometry.type === 'string' ? (feature.geometry as unknown as GeoJSON.Geometry) : null;
		return { properties: isObject(feature.properties) ? feature.properties : {}, geometry };
	});
	const headers: string[] = [];
	const seen = new Set<string>();
	for (const f of kept) for (const key of Object.keys(f.properties)) if (!seen.has(key)) (seen.add(key), headers.push(key));
	// A point's coordinates become two columns, so a sites layer needs no lon/lat properties.
	const points = kept.some((f) => f.geometry?.type === 'Point');
	const pointColumns = points && !seen.has('lon') && !seen.has('lat');
	if (pointColumns) headers.push('(point) lon', '(point) lat');
	const oversize = tableSizeRefusal(fileName, kept.length, headers.length);
	if (oversize) return oversize;
	const rows = kept.map((f, i) => {
		const cells: Cell[] = headers.map((h) => geoJsonCell(f.properties[h]));
		if (pointColumns) {
			const coordinates = f.geometry?.type === 'Point' && Array.isArray(f.geometry.coordinates) ? f.geometry.coordinates : [];
			cells.splice(cells.length - 2, 2, geoJsonCell(coordinates[0]), geoJsonCell(coordinates[1]));
		}
		return { row: i + 1, cells, geometry: f.geometry };
	});
	return finish(fileName, 'geojson', headers, rows, new ProblemList(), { dataRows: features.length, maxRows });
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function geoJsonCell(value: unknown): Cell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	return JSON.stringify(value);
}
