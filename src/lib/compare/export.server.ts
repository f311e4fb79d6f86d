/**
 * The comparison table as CSV and XLSX for people who take the figures further. Numbers stay
 * numbers (the engine's values, unrounded; Excel shows them with £ and thousands formats), so a
 * spreadsheet can total them; text cells stay text. CSV starts with a UTF-8 byte order mark so Excel
 * reads "£" and "–" correctly.
 */
import { loadExcel } from '$lib/server/export/excel';
import { ATTRIBUTION_LINES } from '../attribution';
import { toCsv, type CsvValue } from '../csv';
import type { Comparison, ComparisonRow } from '../server/comparison';
import { withUnit } from '../report/indicators';

const NUMBER_FORMATS: Record<ComparisonRow['format'], string | undefined> = {
	gbp: '"£"#,##0;[Red]-"£"#,##0',
	count: '#,##0',
	distance: '#,##0',
	year: '0',
	text: undefined
};

/** The row's label with its unit (the registry's), since a spreadsheet cell holds a bare number. */
function measure(row: ComparisonRow): string {
	return withUnit(row.label, row.unit);
}

/** File name stem for a comparison's downloads: `hubplan-comparison-baseline-4-7`. */
export function exportFileName(c: Comparison): string {
	return `hubplan-comparison-${c.scenarios.map((s) => s.linkId).join('-')}`;
}

function header(c: Comparison): string[] {
	return ['Section', 'Measure', ...c.scenarios.map((s) => s.name), 'Estimated for'];
}

/** A cell's export value: the number itself, "Not within the period" for a missing payback year. */
function cellValue(row: ComparisonRow, value: number | string | null): CsvValue {
	if (row.format === 'year' && value === null) return 'Not within the period';
	return value;
}

function estimatedFor(c: Comparison, row: ComparisonRow): string {
	return c.scenarios.filter((_, i) => row.estimated[i] && row.values[i] !== null).map((s) => s.name).join('; ');
}

/** CSV text with a BOM: one row per table row, one column per scenario. */
export function comparisonCsv(c: Comparison): string {
	const rows = c.rows.map((r) => [r.section, measure(r), ...r.values.map((v) => cellValue(r, v)), estimatedFor(c, r)]);
	return toCsv(header(c), rows, { bom: true });
}

/**
 * An XLSX workbook: sheet "Comparison" (title, the table with £ formats, the estimates note and
 * the attribution) and sheet "Assumptions" (each assumption, its values and source).
 */
export async function comparisonXlsx(c: Comparison): Promise<Buffer> {
	const ExcelJS = await loadExcel();
	const book = new ExcelJS.Workbook();
	book.creator = 'Hubplan';
	book.created = new Date(c.generatedAt);
	const sheet = book.addWorksheet('Comparison', { views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }] });
	sheet.addRow(['Hubplan: scenarios compared']).font = { bold: true, size: 14 };
	sheet.addRow([`Produced ${c.generatedAt.slice(0, 16).replace('T', ' ')} UTC. Figures listed under "Estimated for" are estimates for those scenarios.`]);
	sheet.addRow([]);
	const head = sheet.addRow(header(c));
	head.font = { bold: true };
	for (const r of c.rows) {
		const row = sheet.addRow([r.section, measure(r), ...r.values.map((v) => cellValue(r, v)), estimatedFor(c, r)]);
		const format = NUMBER_FORMATS[r.format];
		if (format) r.values.forEach((v, i) => typeof v === 'number' && (row.getCell(3 + i).numFmt = format));
	}
	sheet.addRow([]);
	for (const line of ATTRIBUTION_LINES) sheet.addRow([line]);
	sheet.getColumn(1).width = 26;
	sheet.getColumn(2).width = 44;
	c.scenarios.forEach((_, i) => (sheet.getColumn(3 + i).width = 22));
	sheet.getColumn(3 + c.scenarios.length).width = 30;

	const assumptions = book.addWorksheet('Assumptions');
	assumptions.addRow(['Assumption', ...c.scenarios.map((s) => s.name), 'Source']).font = { bold: true };
	for (const a of c.assumptions) assumptions.addRow([a.label, ...a.values, a.source]);
	assumptions.getColumn(1).width = 48;
	assumptions.getColumn(2 + c.scenarios.length).width = 80;

	return Buffer.from(await book.xlsx.writeBuffer());
}
