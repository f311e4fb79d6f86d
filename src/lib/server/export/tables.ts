/**
 * The partnership's data as flat tables for export: one row per site, service, zone, matrix cell or
 * scenario, headed with the same column names the importer recognises, so an export re-imports as is.
 */
import { asc, eq } from 'drizzle-orm';
import { t, type Db } from '../db';
import { listSites, listZones } from '../estate';
import { withholdFields, type Withheld } from '../restricted-fields';
import { SERVICE_FIELDS, SITE_FIELDS, ZONE_FIELDS, type FieldSpec } from '../import/fields';
import type { EvaluationResult } from '../../engine';
import { sharedComparisonEstate } from '../comparison';
import { compute } from '../compute/pool';
import type { Provenance } from '../../provenance';

export type ExportValue = string | number | boolean | null;

export interface ExportTable {
	name: string;
	columns: string[];
	rows: Record<string, ExportValue>[];
	/** One geometry per row, for GeoJSON; absent for tables with no geography. */
	geometries?: (GeoJSON.Geometry | null)[];
}

const columnsOf = (fields: FieldSpec[]) => fields.map((f) => f.column);

/** Fields whose value is an estimate, so a spreadsheet reader can tell them apart. */
function estimatedFields(provenance: Provenance): string {
	return Object.entries(provenance)
		.filter(([, p]) => p.basis === 'estimated')
		.map(([key]) => key)
		.join(' ');
}

function fieldRow(fields: FieldSpec[], row: object): Record<string, ExportValue> {
	const values = row as Record<string, unknown>;
	return Object.fromEntries(fields.map((f) => [f.column, (values[f.key] ?? null) as ExportValue]));
}

/** Sites with their estate facts; the fields withheld from the reader are left out, columns and all. */
export async function sitesTable(db: Db, partnershipId: string, withheld: Withheld): Promise<ExportTable> {
	const sites = (await listSites(db, partnershipId)).map((s) => withholdFields(s, withheld));
	const fields = SITE_FIELDS.filter((f) => !withheld.has(f.key));
	return {
		name: 'sites',
		columns: [...columnsOf(fields), 'estimated_fields', 'source', 'as_of'],
		rows: sites.map((s) => ({
			...fieldRow(fields, s),
			estimated_fields: estimatedFields(s.provenance),
			source: s.source,
			as_of: s.asOf
		})),
		geometries: sites.map((s) => ({ type: 'Point', coordinates: [s.lon, s.lat] }))
	};
}

export async function servicesTable(db: Db, partnershipId: string): Promise<ExportTable> {
	const rows = (await listSites(db, partnershipId)).flatMap((s) =>
		s.services.map((x) => ({
			...fieldRow(SERVICE_FIELDS, { ...x, siteRef: s.ref }),
			site_name: s.name,
			service_name: x.serviceName,
			estimated_fields: estimatedFields(x.provenance)
		}))
	);
	return { name: 'services', columns: [...columnsOf(SERVICE_FIELDS), 'site_name', 'service_name', 'estimated_fields'], rows };
}

export async function zonesTable(db: Db, partnershipId: string): Promise<ExportTable> {
	const zones = await listZones(db, partnershipId, { geometry: true });
	return {
		name: 'zones',
		columns: columnsOf(ZONE_FIELDS),
		rows: zones.map((z) => fieldRow(ZONE_FIELDS, z)),
		geometries: zones.map((z) => z.geometry)
	};
}

/** Every supplied travel-time matrix, long format: one row per zone and site. */
export async function matricesTable(db: Db, partnershipId: string): Promise<ExportTable> {
	const rows = await db
		.select({ matrix: t.travelMatrix.name, mode: t.travelMatrix.mode, cell: t.travelTime })
		.from(t.travelTime)
		.innerJoin(t.travelMatrix, eq(t.travelMatrix.id, t.travelTime.matrixId))
		.where(eq(t.travelMatrix.partnershipId, partnershipId))
		.orderBy(asc(t.travelMatrix.name), asc(t.travelTime.zoneCode), asc(t.travelTime.siteRef));
	return {
		name: 'matrices',
		columns: ['matrix', 'mode', 'zone_code', 'site_ref', 'minutes'],
		rows: rows.map((r) => ({ matrix: r.matrix, mode: r.mode, zone_code: r.cell.zoneCode, site_ref: r.cell.siteRef, minutes: r.cell.minutes }))
	};
}

const RESULT_COLUMNS = [
	'sites_vacated',
	'annual_net_saving_gbp',
	'one_off_cost_gbp',
	'npv_gbp',
	'payback_year',
	'displaced_visits_per_week',
	'lost_visits_per_week',
	'result_error'
];

/**
 * Scenarios with their actions and parameters (as JSON text) and headline results from the engine,
 * evaluated against the current estate on a pool thread. A scenario the engine cannot evaluate (say,
 * it closes a site an import has since removed) gets the reason in `result_error` instead of figures.
 */
export async function scenariosTable(db: Db, partnershipId: string): Promise<ExportTable> {
	const scenarios = await db.select().from(t.scenario).where(eq(t.scenario.partnershipId, partnershipId)).orderBy(asc(t.scenario.id));
	const results = scenarios.length
		? await compute('scenarioResults', { estate: await sharedComparisonEstate(db, partnershipId), scenarios: scenarios.map(({ actions, parameters }) => ({ actions, parameters })) })
		: [];
	const rows = scenarios.map((s, i) => ({
		id: s.id,
		name: s.name,
		description: s.description,
		is_baseline: s.isBaseline,
		version: s.version,
		updated_at: s.updatedAt,
		actions: JSON.stringify(s.actions),
		parameters: JSON.stringify(s.parameters),
		...results[i]
	}));
	return {
		name: 'scenarios',
		columns: ['id', 'name', 'description', 'is_baseline', 'version', 'updated_at', 'actions', 'parameters', ...RESULT_COLUMNS],
		rows
	};
}

/** A scenario's headline figures as export columns, or the reason it cannot be evaluated. */
export function resultColumns(evaluate: () => Pick<EvaluationResult, 'appraisal' | 'footfall'>): Record<string, ExportValue> {
	try {
		const { appraisal, footfall } = evaluate();
		return {
			sites_vacated: appraisal.vacatedSites.length,
			annual_net_saving_gbp: appraisal.annualNetSavingGbp,
			one_off_cost_gbp: appraisal.oneOff.totalGbp,
			npv_gbp: appraisal.npvGbp,
			payback_year: appraisal.paybackYear,
			displaced_visits_per_week: footfall.displacedVisitsPerWeek,
			lost_visits_per_week: footfall.lostVisitsPerWeek,
			result_error: null
		};
	} catch (error) {
		return { ...Object.fromEntries(RESULT_COLUMNS.map((c) => [c, null])), result_error: (error as Error).message };
	}
}
