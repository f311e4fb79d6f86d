/**
 * Writers for exported tables: CSV that Excel opens as UTF-8 (byte-order mark, CRLF), XLSX with a
 * frozen bold header, and GeoJSON FeatureCollections in WGS84 for QGIS.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { ExportTable, ExportValue } from './tables';

const BOM = '\uFEFF';

/**
 * Text that Excel would run as a formula (= + - @ first) gets a leading apostrophe: OWASP's advice
 * against CSV injection. Numbers are left alone; the importer strips the apostrophe again.
 */
function safeText(value: ExportValue): ExportValue {
	return typeof value === 'string' && /^[=+\-@]/.test(value) ? `'${value}` : value;
}

function cellsOf(table: ExportTable): ExportValue[][] {
	return table.rows.map((row) => table.columns.map((c) => safeText(row[c] ?? null)));
}

export function toCsv(table: ExportTable): string {
	return BOM + Papa.unparse({ fields: table.columns, data: cellsOf(table) }, { newline: '\r\n' }) + '\r\n';
}

export async function toXlsx(table: ExportTable): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Hubplan';
	const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.addRow(table.columns).font = { bold: true };
	for (const row of cellsOf(table)) sheet.addRow(row);
	sheet.columns.forEach((column, i) => {
		const longest = Math.max(table.columns[i].length, ...table.rows.slice(0, 200).map((r) => String(r[table.columns[i]] ?? '').length));
		column.width = Math.min(60, Math.max(8, longest + 2));
	});
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function toGeoJson(table: ExportTable): string {
	if (!table.geometries) throw new Error(`The ${table.name} table has no geometry; export it as CSV or XLSX.`);
	const features = table.rows.map((properties, i) => ({ type: 'Feature', properties, geometry: table.geometries![i] }));
	return JSON.stringify({ type: 'FeatureCollection', name: table.name, features });
}
