/**
 * Checks an XLSX before the spreadsheet parser sees it, so a small file cannot make it use gigabytes:
 * the zip's central directory (entry count, declared sizes), then every entry really inflated under a
 * hard cap (a zip may lie about its sizes), then the worksheets' cell counts. The parser (exceljs)
 * inflates and parses everything at once, so these bounds are what bound its memory.
 * Zip layout: PKWARE APPNOTE.TXT 6.3, sections 4.3.7 (local header), 4.3.12 (central directory),
 * 4.3.16 (end of central directory).
 */
import { inflateRawSync } from 'node:zlib';
import { formatCount } from '../../format';

/**
 * Hubplan planning assumptions: an estate workbook has a handful of parts and a few hundred
 * thousand cells; exceljs takes about 800 MB for a million cells, so half that leaves room for the checks.
 */
export const XLSX_LIMITS = {
	entries: 1000,
	inflatedBytes: 100_000_000,
	cells: 500_000,
	/**
	 * Cells the parser walks: each row up to its last cell (exceljs visits every column before it).
	 * The file with a header cell in column XFD and 20,000 rows of five spans 116,384.
	 */
	spannedCells: 10_000_000
} as const;

/** Why the workbook is refused, in the import problem's words, or null when it may be parsed. */
export interface XlsxRefusal {
	problem: string;
	expected: string;
}

interface ZipEntry {
	name: string;
	method: number;
	compressedBytes: number;
	declaredBytes: number;
	localHeaderOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_MARK = 0xffffffff;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

const damaged = (why: string): XlsxRefusal => ({
	problem: `the XLSX file is damaged or incomplete (${why})`,
	expected: 'a complete .xlsx file saved by Excel, LibreOffice or Numbers'
});

/** Null when the workbook is within every limit; otherwise what is over, with the numbers. */
export function xlsxRefusal(bytes: Uint8Array, limits: typeof XLSX_LIMITS = XLSX_LIMITS): XlsxRefusal | null {
	const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const entries = readDirectory(view);
	if (typeof entries === 'string') return damaged(entries);
	if (entries.length > limits.entries) {
		return { problem: `the XLSX zip holds ${formatCount(entries.length)} parts`, expected: `a workbook of at most ${formatCount(limits.entries)} parts` };
	}
	if (entries.some((e) => e.declaredBytes === ZIP64_MARK || e.compressedBytes === ZIP64_MARK)) {
		return { problem: 'the XLSX zip uses 4 GB (ZIP64) entries', expected: `a workbook that inflates to at most ${formatCount(limits.inflatedBytes)} bytes` };
	}
	const declared = entries.reduce((n, e) => n + e.declaredBytes, 0);
	const overLimit = (bytesInflated: string): XlsxRefusal => ({
		problem: `the XLSX file (${formatCount(bytes.length)} bytes) inflates to ${bytesInflated} bytes, over the limit`,
		expected: `a workbook that inflates to at most ${formatCount(limits.inflatedBytes)} bytes; save large tables as CSV`
	});
	if (declared > limits.inflatedBytes) return overLimit(formatCount(declared));
	let cells = 0;
	let spanned = 0;
	let inflatedTotal = 0;
	const dimensions: string[] = [];
	for (const entry of entries) {
		const data = inflate(view, entry);
		if (data === TOO_BIG) {
			// The zip declared less than it holds: a bomb in disguise, stopped at the declared size.
			return {
				problem: `part ${entry.name} inflates to more than the ${formatCount(entry.declaredBytes)} bytes its zip directory declares`,
				expected: 'an XLSX file whose zip tells its true sizes, as Excel, LibreOffice and Numbers write'
			};
		}
		if (typeof data === 'string') return damaged(data);
		inflatedTotal += data.length;
		if (inflatedTotal > limits.inflatedBytes) return overLimit(`more than ${formatCount(inflatedTotal)}`);
		if (!WORKSHEET.test(entry.name)) continue;
		const sheet = countCells(data);
		cells += sheet.cells;
		spanned += sheet.spanned;
		if (sheet.dimension) dimensions.push(sheet.dimension);
	}
	if (cells > limits.cells) {
		const range = dimensions.length ? ` (its sheets claim the range ${dimensions.join(', ')})` : '';
		return { problem: `the workbook holds ${formatCount(cells)} cells${range}, over the limit`, expected: `at most ${formatCount(limits.cells)} cells; save large tables as CSV` };
	}
	if (spanned > limits.spannedCells) {
		return {
			problem: `the workbook's rows span ${formatCount(spanned)} cells, counting the empty ones before each row's last cell, over the limit`,
			expected: `at most ${formatCount(limits.spannedCells)} (a stray cell far to the right counts on its own row only)`
		};
	}
	return null;
}

/** The central directory's entries, or what is wrong with it. */
function readDirectory(view: Buffer): ZipEntry[] | string {
	// The end record is 22 bytes plus a comment of up to 65,535: search backwards for its signature.
	let end = -1;
	for (let i = view.length - 22; i >= Math.max(0, view.length - 22 - 65535); i--) {
		if (view.readUInt32LE(i) === END_OF_DIRECTORY) {
			end = i;
			break;
		}
	}
	if (end < 0) return 'no zip directory at its end; the file may be cut short';
	const count = view.readUInt16LE(end + 10);
	let at = view.readUInt32LE(end + 16);
	const entries: ZipEntry[] = [];
	for (let i = 0; i < count; i++) {
		if (at + 46 > view.length || view.readUInt32LE(at) !== DIRECTORY_ENTRY) return `zip directory entry ${i + 1} is missing`;
		const nameBytes = view.readUInt16LE(at + 28);
		entries.push({
			method: view.readUInt16LE(at + 10),
			compressedBytes: view.readUInt32LE(at + 20),
			declaredBytes: view.readUInt32LE(at + 24),
			localHeaderOffset: view.readUInt32LE(at + 42),
			name: view.toString('utf8', at + 46, at + 46 + nameBytes)
		});
		at += 46 + nameBytes + view.readUInt16LE(at + 30) + view.readUInt16LE(at + 32);
	}
	return entries;
}

const TOO_BIG = Symbol('inflates beyond its declared size');

/** The entry's bytes, inflated to at most its declared size; TOO_BIG when it holds more; else what is wrong. */
function inflate(view: Buffer, entry: ZipEntry): Buffer | string | typeof TOO_BIG {
	const local = entry.localHeaderOffset;
	if (local + 30 > view.length || view.readUInt32LE(local) !== LOCAL_HEADER) return `part ${entry.name} is missing`;
	const start = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
	const packed = view.subarray(start, start + entry.compressedBytes);
	if (packed.length < entry.compressedBytes) return `part ${entry.name} is cut short`;
	if (entry.method === 0) return packed.length > entry.declaredBytes ? TOO_BIG : packed;
	if (entry.method !== 8) return `part ${entry.name} uses compression method ${entry.method}`;
	try {
		// One byte more than declared, so an entry that holds more than it claims is caught, not cut.
		const data = inflateRawSync(packed, { maxOutputLength: entry.declaredBytes + 1 });
		return data.length > entry.declaredBytes ? TOO_BIG : data;
	} catch (error) {
		if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return TOO_BIG;
		return `part ${entry.name} cannot be inflated: ${(error as Error).message}`;
	}
}

/**
 * Cells in a worksheet's XML (`<c …>` elements, with or without a namespace prefix), the cells its
 * rows span (each row counted up to its last cell: what the parser walks), and its `<dimension ref>`:
 * a byte scan, no parsing. A cell without an `r` reference is the one after the previous cell.
 */
function countCells(xml: Buffer): { cells: number; spanned: number; dimension: string | null } {
	let cells = 0;
	let spanned = 0;
	let column = 0;
	let rowEnd = 0;
	let dimension: string | null = null;
	for (let i = xml.indexOf(0x3c); i >= 0 && i < xml.length; i = xml.indexOf(0x3c, i + 1)) {
		let j = i + 1;
		let nameStart = j;
		for (; j < xml.length && isNameByte(xml[j]); j++) if (xml[j] === 0x3a) nameStart = j + 1;
		const length = j - nameStart;
		if (length === 1 && xml[nameStart] === 0x63) {
			cells++;
			column = referencedColumn(xml, j) ?? column + 1;
			rowEnd = Math.max(rowEnd, column);
		} else if (length === 3 && xml.toString('latin1', nameStart, j) === 'row') {
			spanned += rowEnd;
			column = rowEnd = 0;
		} else if (dimension === null && length === 9 && xml.toString('latin1', nameStart, j) === 'dimension') {
			dimension = /ref="([^"]*)"/.exec(xml.toString('latin1', j, j + 64))?.[1] ?? null;
		}
	}
	return { cells, spanned: spanned + rowEnd, dimension };
}

/** The column number of a cell tag's `r="XFD7"` attribute (the tag's attributes start at `from`), or null. */
function referencedColumn(xml: Buffer, from: number): number | null {
	for (let k = from; k < xml.length && xml[k] !== 0x3e; k++) {
		// ` r="`: a space, r, =, quote (either kind).
		if (xml[k] !== 0x72 || xml[k - 1] !== 0x20 || xml[k + 1] !== 0x3d || (xml[k + 2] !== 0x22 && xml[k + 2] !== 0x27)) continue;
		let column = 0;
		for (let m = k + 3; xml[m] >= 0x41 && xml[m] <= 0x5a; m++) column = column * 26 + (xml[m] - 0x40);
		return column || null;
	}
	return null;
}

/** Letters, digits, and the ':' '_' '-' '.' of XML names. */
function isNameByte(b: number): boolean {
	return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x3a || b === 0x5f || b === 0x2d || b === 0x2e;
}
