/** The zones table (/zones) and its CSV download: the map's indicators as columns, defined once. */
import type { CsvValue } from '$lib/csv';
import { formatCount } from '$lib/format';
import type { TableColumn, TableSpec } from '$lib/tables/view';
import { ZONE_INDICATORS, type MapZone } from './indicators';

export interface ZoneColumn extends TableColumn<MapZone> {
	format?: (value: number) => string;
}

/** The map's indicators, computed the same way, as columns. */
const indicatorColumns: ZoneColumn[] = ZONE_INDICATORS.map((i) => ({
	key: i.id,
	label: `${i.label} (${i.id === 'imd' ? 'decile' : i.unit})`,
	numeric: true,
	value: (z) => i.value(z),
	format: i.format
}));

export const ZONE_COLUMNS: ZoneColumn[] = [
	{ key: 'code', label: 'Zone', value: (z) => z.code },
	{ key: 'name', label: 'Name', value: (z) => z.name },
	{ key: 'ward', label: 'Ward', value: (z) => z.wardName },
	{ key: 'population', label: 'Residents (mid-2024)', numeric: true, value: (z) => z.popTotal, format: formatCount },
	...indicatorColumns,
	{ key: 'map', label: 'Map', sortable: false, value: () => null }
];

export const ZONE_TABLE: TableSpec<MapZone> = {
	columns: ZONE_COLUMNS,
	defaultSort: { key: 'code', direction: 'ascending' },
	filters: {},
	searchText: (z) => [z.code, z.name, z.wardName]
};

const dataColumns = ZONE_COLUMNS.filter((c) => c.sortable !== false);

export const ZONE_CSV_HEADER = dataColumns.map((c) => c.label);

/** Shares and densities to two decimals; counts and deciles as they are. */
export function zoneCsvRow(z: MapZone): CsvValue[] {
	return dataColumns.map((c) => {
		const v = c.value(z);
		return typeof v === 'number' && c.key !== 'population' && c.key !== 'imd' ? Math.round(v * 100) / 100 : (v ?? null);
	});
}

/** A cell as the table shows it. */
export function zoneCell(column: ZoneColumn, z: MapZone): string {
	const v = column.value(z);
	if (v === null || v === undefined) return '—';
	return typeof v === 'number' && column.format ? column.format(v) : String(v);
}
