/**
 * What each kind of import can carry: one entry per field, with the unit it is read in, the type it
 * must parse as, and the header names it is recognised by. Exports write the `column` names, so an
 * exported file maps itself on the way back in.
 */
import { conditions, tenures } from '../db/schema';

export const IMPORT_KINDS = ['sites', 'services', 'zones', 'matrix'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type FieldType = 'text' | 'number' | 'integer' | 'date' | 'boolean' | 'enum';

export interface FieldSpec {
	/** Property name in TypeScript and in provenance, e.g. `giaM2`. */
	key: string;
	/** Header the exports write, e.g. `gia_m2`. */
	column: string;
	label: string;
	/** Unit the value is read in, shown next to the field ("m²", "£ per year"). */
	unit?: string;
	type: FieldType;
	required?: boolean;
	/** Inclusive bounds for numbers. */
	min?: number;
	max?: number;
	/** Accepted values for `enum` fields (matched ignoring case). */
	values?: readonly string[];
	/** Other header names it is recognised by (compared after `normaliseHeader`). */
	aliases?: string[];
	/** Estate facts get provenance when imported; identifiers and names do not. */
	fact?: boolean;
}

const money = (key: string, column: string, label: string, aliases: string[]): FieldSpec => ({
	key, column, label, unit: '£ per year', type: 'number', min: 0, aliases, fact: true
});
const count = (key: string, column: string, label: string, aliases: string[]): FieldSpec => ({
	key, column, label, type: 'integer', min: 0, aliases, fact: true
});

export const SITE_FIELDS: FieldSpec[] = [
	{ key: 'ref', column: 'ref', label: 'Site reference (stable id)', type: 'text', required: true, aliases: ['id', 'site ref', 'site id', 'site reference', 'reference', 'property ref', 'asset ref'] },
	{ key: 'name', column: 'name', label: 'Name', type: 'text', required: true, aliases: ['site name', 'building', 'building name', 'property name'] },
	{ key: 'kind', column: 'kind', label: 'Kind of site', type: 'text', required: true, aliases: ['type', 'site type', 'site kind', 'category'] },
	{ key: 'operatorName', column: 'operator', label: 'Operator', type: 'text', aliases: ['operator name', 'occupier', 'run by'] },
	{ key: 'organisationId', column: 'organisation', label: 'Partner organisation (id or name)', type: 'text', aliases: ['organisation id', 'organization', 'partner'] },
	{ key: 'address', column: 'address', label: 'Address', type: 'text', aliases: ['street address', 'address line 1'] },
	{ key: 'postcode', column: 'postcode', label: 'Postcode', type: 'text', aliases: ['post code', 'postal code'] },
	// Either lon/lat or easting/northing is needed; the sites check says so when neither is there.
	{ key: 'lon', column: 'lon', label: 'Longitude', unit: 'degrees, WGS84', type: 'number', aliases: ['longitude', 'long', 'lng', 'x'] },
	{ key: 'lat', column: 'lat', label: 'Latitude', unit: 'degrees, WGS84', type: 'number', aliases: ['latitude', 'y'] },
	{ key: 'easting', column: 'easting', label: 'Easting (instead of longitude)', unit: 'metres, British National Grid', type: 'number', min: 0, max: 700000, aliases: ['eastings', 'x coordinate', 'grid easting'] },
	{ key: 'northing', column: 'northing', label: 'Northing (instead of latitude)', unit: 'metres, British National Grid', type: 'number', min: 0, max: 1300000, aliases: ['northings', 'y coordinate', 'grid northing'] },
	{ key: 'giaM2', column: 'gia_m2', label: 'Gross internal area', unit: 'm²', type: 'number', min: 0, aliases: ['gia', 'gross internal area', 'floor area', 'area'], fact: true },
	{ key: 'occupiedM2', column: 'occupied_m2', label: 'Occupied space', unit: 'm²', type: 'number', min: 0, aliases: ['occupied', 'occupied area', 'space in use'], fact: true },
	{ key: 'vacantM2', column: 'vacant_m2', label: 'Vacant space', unit: 'm²', type: 'number', min: 0, aliases: ['vacant', 'vacant area', 'spare space', 'empty space'], fact: true },
	{ key: 'utilisationPct', column: 'utilisation_pct', label: 'Utilisation (share of floor area in use)', unit: '%', type: 'number', min: 0, max: 100, aliases: ['utilisation', 'utilization', 'occupancy', 'occupancy %'], fact: true },
	money('rentGbpPerYear', 'rent_gbp_per_year', 'Rent', ['rent', 'annual rent', 'rent pa']),
	money('ratesGbpPerYear', 'rates_gbp_per_year', 'Business rates', ['rates', 'business rates', 'annual rates']),
	money('facilitiesGbpPerYear', 'facilities_gbp_per_year', 'Facilities and utilities', ['facilities cost', 'fm cost', 'facilities management cost']),
	{ key: 'tenure', column: 'tenure', label: 'Tenure', type: 'enum', values: tenures, fact: true },
	{ key: 'leaseEnd', column: 'lease_end', label: 'Lease end', unit: 'date', type: 'date', aliases: ['lease expiry', 'lease end date', 'expiry'], fact: true },
	{ key: 'leaseBreak', column: 'lease_break', label: 'Lease break', unit: 'date', type: 'date', aliases: ['break', 'break date', 'lease break date'], fact: true },
	{ key: 'condition', column: 'condition', label: 'Condition (A–D)', type: 'enum', values: conditions, aliases: ['condition grade', 'condition category'], fact: true },
	{ key: 'backlogGbp', column: 'backlog_gbp', label: 'Maintenance backlog', unit: '£', type: 'number', min: 0, aliases: ['backlog', 'maintenance backlog'], fact: true },
	count('desks', 'desks', 'Desks', ['desk count', 'workstations']),
	count('counterPositions', 'counter_positions', 'Counter positions', ['counters']),
	count('interviewRooms', 'interview_rooms', 'Interview rooms', ['interview room count']),
	{ key: 'visitCapacityPerWeek', column: 'visit_capacity_per_week', label: 'Visit capacity', unit: 'visits per week', type: 'number', min: 0, aliases: ['visit capacity', 'weekly capacity', 'weekly visit capacity'], fact: true },
	{ key: 'openingHoursPerWeek', column: 'opening_hours_per_week', label: 'Weekly opening hours', unit: 'hours per week', type: 'number', min: 0, max: 168, aliases: ['weekly opening hours', 'hours open per week', 'hours per week'], fact: true },
	{ key: 'stepFree', column: 'step_free', label: 'Step-free access', unit: 'yes/no', type: 'boolean', aliases: ['step free access', 'accessible', 'wheelchair accessible'], fact: true }
];

export const SERVICE_FIELDS: FieldSpec[] = [
	{ key: 'siteRef', column: 'site_ref', label: 'Site reference', type: 'text', required: true, aliases: ['site', 'site id', 'ref', 'site reference'] },
	{ key: 'serviceCode', column: 'service', label: 'Service code', type: 'text', required: true, aliases: ['service code', 'service id'] },
	{ key: 'visitsPerWeek', column: 'visits_per_week', label: 'Visits', unit: 'visits per week', type: 'number', min: 0, aliases: ['visits', 'weekly visits', 'footfall'], fact: true },
	{ key: 'staffFte', column: 'staff_fte', label: 'Staff', unit: 'full-time equivalent', type: 'number', min: 0, aliases: ['staff', 'fte', 'staff fte'], fact: true },
	{ key: 'spaceM2', column: 'space_m2', label: 'Space used', unit: 'm²', type: 'number', min: 0, aliases: ['space', 'space used', 'area'], fact: true }
];

const people = (key: string, column: string, label: string, aliases: string[]): FieldSpec => ({
	key, column, label, unit: 'people', type: 'number', min: 0, aliases
});
const percent = (key: string, column: string, label: string, aliases: string[]): FieldSpec => ({
	key, column, label, unit: '%', type: 'number', min: 0, max: 100, aliases
});

/** Aliases include the open-data pack's own names (data/README.md), so its files import as they are. */
export const ZONE_FIELDS: FieldSpec[] = [
	{ key: 'code', column: 'code', label: 'ONS code', type: 'text', required: true, aliases: ['lsoa21cd', 'lsoa code', 'ons code', 'zone code', 'area code'] },
	{ key: 'name', column: 'name', label: 'Name', type: 'text', aliases: ['lsoa21nm', 'lsoa name', 'zone name'] },
	{ key: 'ladCode', column: 'lad_code', label: 'Local authority code', type: 'text', aliases: ['lad24cd', 'lad21cd'] },
	{ key: 'ladName', column: 'lad_name', label: 'Local authority name', type: 'text', aliases: ['lad24nm', 'lad21nm'] },
	{ key: 'wardCode', column: 'ward_code', label: 'Ward code', type: 'text', aliases: ['ward23_code', 'ward22_code', 'wd23cd'] },
	{ key: 'wardName', column: 'ward_name', label: 'Ward name', type: 'text', aliases: ['ward23_name', 'ward22_name', 'wd23nm'] },
	{ key: 'areaHa', column: 'area_ha', label: 'Area', unit: 'hectares', type: 'number', min: 0, aliases: ['area hectares'] },
	{ key: 'centroidLon', column: 'centroid_lon', label: 'Centroid longitude', unit: 'degrees, WGS84', type: 'number' },
	{ key: 'centroidLat', column: 'centroid_lat', label: 'Centroid latitude', unit: 'degrees, WGS84', type: 'number' },
	{ key: 'populationSource', column: 'population_source', label: 'Population source', type: 'text' },
	people('popTotal', 'pop_total', 'Population', ['population', 'mye24_pop_total', 'usual residents']),
	people('popChildren', 'pop_children', 'Children', ['mye24_pop_0_15']),
	people('popWorkingAge', 'pop_working_age', 'Working age', ['mye24_pop_16_64']),
	people('pop65Plus', 'pop_65_plus', 'Aged 65+', ['mye24_pop_65_plus']),
	people('pop75Plus', 'pop_75_plus', 'Aged 75+', ['mye24_pop_75_plus']),
	people('pop85Plus', 'pop_85_plus', 'Aged 85+', ['mye24_pop_85_plus']),
	{ key: 'imdScore', column: 'imd_score', label: 'IMD score', type: 'number', min: 0, aliases: ['imd25_score'] },
	{ key: 'imdRank', column: 'imd_rank', label: 'IMD rank', type: 'integer', min: 1, aliases: ['imd25_rank'] },
	{ key: 'imdDecile', column: 'imd_decile', label: 'IMD decile', type: 'integer', min: 1, max: 10, aliases: ['imd25_decile'] },
	people('disabled', 'disabled', 'Disabled residents', ['c21_disabled_ea']),
	percent('pctDisabled', 'pct_disabled', 'Disabled residents', ['c21_pct_disabled_ea']),
	people('badHealth', 'bad_health', 'Residents in bad health', ['c21_bad_health']),
	percent('pctBadHealth', 'pct_bad_health', 'Residents in bad health', ['c21_pct_bad_health']),
	{ key: 'households', column: 'households', label: 'Households', unit: 'households', type: 'number', min: 0, aliases: ['c21_households'] },
	{ key: 'householdsNoCar', column: 'households_no_car', label: 'Households with no car', unit: 'households', type: 'number', min: 0, aliases: ['c21_hh_no_car'] },
	percent('pctHouseholdsNoCar', 'pct_households_no_car', 'Households with no car', ['c21_pct_hh_no_car'])
];

export const MATRIX_FIELDS: FieldSpec[] = [
	{ key: 'zoneCode', column: 'zone_code', label: 'Zone (ONS code)', type: 'text', required: true, aliases: ['zone', 'lsoa', 'lsoa21cd', 'origin', 'from', 'code'] },
	{ key: 'siteRef', column: 'site_ref', label: 'Site reference', type: 'text', required: true, aliases: ['site', 'destination', 'to', 'ref'] },
	{ key: 'minutes', column: 'minutes', label: 'Travel time', unit: 'minutes', type: 'number', required: true, min: 0, aliases: ['travel time', 'time', 'mins', 'duration', 'travel time minutes'] }
];

/**
 * Columns the exports add for people to read (which figures are estimates, a site's name beside its
 * ref, a matrix's name). Re-importing an export ignores them rather than storing them as attributes.
 */
export const EXPORT_ONLY_COLUMNS = ['estimated_fields', 'source', 'as_of', 'site_name', 'service_name', 'matrix', 'mode'];

export const FIELDS_BY_KIND: Record<ImportKind, FieldSpec[]> = {
	sites: SITE_FIELDS,
	services: SERVICE_FIELDS,
	zones: ZONE_FIELDS,
	matrix: MATRIX_FIELDS
};

/** Throws with the accepted kinds when `kind` is not one of them. */
export function assertImportKind(kind: string): ImportKind {
	if ((IMPORT_KINDS as readonly string[]).includes(kind)) return kind as ImportKind;
	throw new Error(`Unknown import kind "${kind}": expected one of ${IMPORT_KINDS.join(', ')}.`);
}
