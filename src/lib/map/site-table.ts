/** The buildings table (/sites) and its CSV download: columns, filters, search and CSV rows, defined once. */
import type { CsvValue } from '$lib/csv';
import type { TableSpec } from '$lib/tables/view';
import { kindLabel } from './siteKinds';
import { RESTRICTED_TEXT } from '$lib/restricted-fields';
import type { SiteSummary } from './types';

export const SITE_TABLE: TableSpec<SiteSummary> = {
	columns: [
		{ key: 'name', label: 'Name', value: (s) => s.name },
		{ key: 'kind', label: 'Kind', value: (s) => kindLabel(s.kind) },
		{ key: 'operator', label: 'Operator', value: (s) => s.operatorName },
		{ key: 'partner', label: 'Partner', value: (s) => s.organisationName },
		{ key: 'postcode', label: 'Postcode', value: (s) => s.postcode },
		{ key: 'zone', label: 'Zone', value: (s) => s.lsoaCode },
		{ key: 'gia', label: 'Floor area (m²)', numeric: true, value: (s) => s.giaM2 },
		{ key: 'cost', label: 'Running cost (£ a year)', numeric: true, value: (s) => s.annualRunningCostGbp },
		{ key: 'visits', label: 'Visits a week', numeric: true, value: (s) => s.visitsPerWeek },
		{ key: 'map', label: 'Map', sortable: false, value: () => null }
	],
	defaultSort: { key: 'name', direction: 'ascending' },
	filters: { kind: (s) => s.kind, partner: (s) => s.organisationId },
	searchText: (s) => [s.name, s.address, s.postcode, s.operatorName, s.lsoaCode, s.ref, kindLabel(s.kind)]
};

export const SITE_CSV_HEADER = [
	'ref', 'name', 'kind', 'operator', 'partner', 'address', 'postcode', 'lsoa_code', 'lon', 'lat',
	'gia_m2', 'gia_m2_estimated', 'annual_running_cost_gbp', 'running_cost_estimated', 'visits_per_week', 'visits_estimated'
];

export function siteCsvRow(s: SiteSummary): CsvValue[] {
	return [
		s.ref, s.name, kindLabel(s.kind), s.operatorName, s.organisationName, s.address, s.postcode, s.lsoaCode, s.lon, s.lat,
		s.giaM2, s.giaM2 === null ? null : s.giaEstimated,
		...(s.restrictedFields.includes('annualRunningCostGbp') ? [RESTRICTED_TEXT, null] : [s.annualRunningCostGbp, s.annualRunningCostGbp === null ? null : s.runningCostEstimated]),
		s.visitsPerWeek, s.visitsPerWeek === null ? null : s.visitsEstimated
	];
}
