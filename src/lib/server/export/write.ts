/**
 * Writers for exported tables: CSV that Excel opens as UTF-8 (byte-order mark, CRLF), XLSX with a
 * frozen bold header, and GeoJSON FeatureCollections in WGS84 for QGIS.
 */
import { loadExcel } from './excel';
import { toCsv } from '../../csv';
import type { ExportTable, ExportValue } from './tables';

function cellsOf(table: ExportTable): ExportValue[][] {
	return table.rows.map((row) => table.columns.map((c) => row[c] ?? null));
}

/** CSV with a byte-order mark, formula-like text defused by the shared writer. */
export function tableCsv(table: ExportTable): string {
	return toCsv(table.columns, cellsOf(table), { bom: true });
}

/**
 * XLSX with a frozen bold header. Text goes in as-is: ExcelJS writes strings as string cells, which
 * Excel never runs as formulas, so the CSV's defusing apostrophe would only show as literal text.
 */
export async function toXlsx(table: ExportTable): Promise<Uint8Array> {
	const ExcelJS = await loadExcel();
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
