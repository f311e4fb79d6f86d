/**
 * Builders for hostile import files, generated in the test rather than stored: hand-made XLSX zips
 * (a stray cell in column XFD, zip bombs that lie about or tell the truth about their size), deep
 * GeoJSON, huge CSVs. `tests/bench/import-hostile.ts` writes the full-size ones for measurement.
 */
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
	name: string;
	data: Uint8Array | string;
	/** Declare this uncompressed size in the central directory instead of the real one (a lying zip). */
	declaredSize?: number;
	/** Store the bytes already deflated (a pre-built bomb), with this real uncompressed size and CRC. */
	deflated?: { bytes: Uint8Array; size: number; crc: number };
}

const encoder = new TextEncoder();

/** A zip (PKWARE APPNOTE 6.3: local headers, data, central directory, end record), deflated. */
export function zip(entries: ZipEntry[]): Uint8Array {
	const parts: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = encoder.encode(entry.name);
		const raw = typeof entry.data === 'string' ? encoder.encode(entry.data) : entry.data;
		const packed = entry.deflated?.bytes ?? deflateRawSync(raw);
		const size = entry.deflated?.size ?? raw.length;
		const crc = entry.deflated?.crc ?? crc32(raw);
		const declared = entry.declaredSize ?? size;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(packed.length, 18);
		local.writeUInt32LE(declared, 22);
		local.writeUInt16LE(name.length, 26);
		const header = Buffer.alloc(46);
		header.writeUInt32LE(0x02014b50, 0);
		header.writeUInt16LE(20, 4);
		header.writeUInt16LE(20, 6);
		header.writeUInt16LE(8, 10);
		header.writeUInt32LE(crc, 16);
		header.writeUInt32LE(packed.length, 20);
		header.writeUInt32LE(declared, 24);
		header.writeUInt16LE(name.length, 28);
		header.writeUInt32LE(offset, 42);
		parts.push(local, name, packed);
		central.push(header, name);
		offset += local.length + name.length + packed.length;
	}
	const centralSize = central.reduce((n, p) => n + p.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** Column letters of a 1-based column number: 1 → A, 16384 → XFD. */
export function columnLetters(column: number): string {
	let letters = '';
	for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
	return letters;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A worksheet's XML from rows of cells; a row may be sparse: `{ 16384: 'note' }` sets XFD only. */
export function sheetXml(rows: (Record<number, string | number> | (string | number | null)[])[], dimension?: string): string {
	const body = rows.map((row, r) => {
		const entries = Array.isArray(row) ? row.map((v, i) => [i + 1, v] as const) : Object.entries(row).map(([c, v]) => [Number(c), v] as const);
		const cells = entries
			.filter(([, v]) => v !== null)
			.map(([c, v]) => {
				const ref = `${columnLetters(c)}${r + 1}`;
				return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(String(v))}</t></is></c>`;
			});
		return `<row r="${r + 1}">${cells.join('')}</row>`;
	});
	const dim = dimension ? `<dimension ref="${dimension}"/>` : '';
	return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${dim}<sheetData>${body.join('')}</sheetData></worksheet>`;
}

/** A minimal XLSX whose first sheet is `sheet` (XML); `patch` alters the sheet's zip entry. */
export function xlsx(sheet: string, patch: Partial<ZipEntry> = {}, extra: ZipEntry[] = []): Uint8Array {
	return zip([
		{ name: '[Content_Types].xml', data: CONTENT_TYPES },
		{ name: '_rels/.rels', data: ROOT_RELS },
		{ name: 'xl/workbook.xml', data: WORKBOOK },
		{ name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
		{ name: 'xl/worksheets/sheet1.xml', data: sheet, ...patch },
		...extra
	]);
}

/** Sites in Trafford, one per row, with a header cell in column XFD (the file that ran the heap out). */
export function xfdSitesXlsx(rowCount: number): Uint8Array {
	const rows: (Record<number, string | number> | (string | number)[])[] = [{ 1: 'ref', 2: 'name', 3: 'kind', 4: 'lon', 5: 'lat', 16384: 'note' }];
	for (let i = 0; i < rowCount; i++) rows.push([`xfd-${i}`, `Hub ${i}`, 'community_hub', -2.35 + (i % 100) / 1000, 53.42 + (i % 97) / 1000]);
	return xlsx(sheetXml(rows));
}

/**
 * An honest zip bomb: a sheet of `inflatedBytes` spaces inside a valid XLSX. Deflate packs a run of
 * one byte about 1,000 to 1, so 1 GB is about 1 MB on disk. Deflated as a stream of 16 MB pieces,
 * so building it never holds the inflated sheet.
 */
export async function zipBombXlsx(inflatedBytes: number): Promise<Uint8Array> {
	const head = encoder.encode('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
	const tail = encoder.encode('</sheetData></worksheet>');
	const piece = new Uint8Array(16 * 1024 * 1024).fill(0x20);
	const pieces = [head];
	for (let left = inflatedBytes; left > 0; left -= piece.length) pieces.push(left >= piece.length ? piece : piece.subarray(0, left));
	pieces.push(tail);
	const deflate = createDeflateRaw();
	const out: Buffer[] = [];
	deflate.on('data', (c: Buffer) => out.push(c));
	const done = new Promise((resolve) => deflate.on('end', resolve));
	let crc = 0;
	for (const p of pieces) {
		crc = crc32(p, crc);
		if (!deflate.write(p)) await new Promise((resolve) => deflate.once('drain', resolve));
	}
	deflate.end();
	await done;
	const size = pieces.reduce((n, p) => n + p.length, 0);
	return xlsx('', { deflated: { bytes: Buffer.concat(out), size, crc } });
}

/** A FeatureCollection whose one feature's properties nest `depth` arrays deep. */
export function deepGeoJson(depth: number): Uint8Array {
	const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"E01006074","deep":${'['.repeat(depth)}${']'.repeat(depth)}},"geometry":null}]}`;
	return encoder.encode(text);
}

/** A services CSV of `rowCount` rows naming `siteRefs` in turn (most of them repeat a pair). */
export function servicesCsv(rowCount: number, siteRefs: string[]): Uint8Array {
	const lines = ['site_ref,service,visits_per_week'];
	for (let i = 0; i < rowCount; i++) lines.push(`${siteRefs[i % siteRefs.length]},advice,${i % 50}`);
	return encoder.encode(`${lines.join('\n')}\n`);
}
