/**
 * Exports of a partnership's data: each table in each format it supports, as a named file. The app's
 * download links and `hubplan export` both go through `exportFile`.
 */
import type { Db } from '../db';
import type { Withheld } from '../restricted-fields';
import { matricesTable, scenariosTable, servicesTable, sitesTable, zonesTable, type ExportTable } from './tables';
import { tableCsv, toGeoJson, toXlsx } from './write';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface TableEntry {
	label: string;
	/** The table as the reader may see it: restricted fields withheld from them are left out. */
	build: (db: Db, partnershipId: string, withheld: Withheld) => ExportTable | Promise<ExportTable>;
	formats: readonly ExportFormat[];
}

/** The tables on offer, in the order the page lists them. */
export const EXPORT_TABLES: Record<string, TableEntry> = {
	sites: { label: 'Sites and estate facts', build: sitesTable, formats: EXPORT_FORMATS },
	services: { label: 'Services per site', build: servicesTable, formats: ['csv', 'xlsx'] },
	zones: { label: 'Zones (small areas)', build: zonesTable, formats: EXPORT_FORMATS },
	matrices: { label: 'Travel-time matrices', build: matricesTable, formats: ['csv', 'xlsx'] },
	scenarios: { label: 'Scenarios with results', build: scenariosTable, formats: ['csv', 'xlsx'] }
};

const CONTENT_TYPES: Record<ExportFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	geojson: 'application/geo+json'
};

export interface ExportFile {
	fileName: string;
	contentType: string;
	body: string | Uint8Array;
}

/**
 * One table in one format, without the fields `withheld` from the reader (a data manager's raw
 * export keeps them, for round-trip imports); throws naming the accepted values for an unknown
 * table or format.
 */
export async function exportFile(db: Db, partnershipId: string, tableName: string, format: string, withheld: Withheld): Promise<ExportFile> {
	const entry = EXPORT_TABLES[tableName];
	if (!entry) throw new RangeError(`Unknown export "${tableName}": expected one of ${Object.keys(EXPORT_TABLES).join(', ')}.`);
	if (!(entry.formats as readonly string[]).includes(format)) {
		throw new RangeError(`"${tableName}" exports as ${entry.formats.join(', ')}, not "${format}".`);
	}
	const table = await entry.build(db, partnershipId, withheld);
	const f = format as ExportFormat;
	const body = f === 'csv' ? tableCsv(table) : f === 'xlsx' ? await toXlsx(table) : toGeoJson(table);
	return { fileName: `${tableName}.${format}`, contentType: CONTENT_TYPES[f], body };
}
