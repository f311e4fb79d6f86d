/**
 * Zones import: small areas by ONS code. Polygons come from GeoJSON; attributes (population, IMD …)
 * can come from the same file or a CSV joined on the ONS code. A new zone needs a polygon, a name
 * and a population; an existing zone takes whatever the files give.
 */
import { t } from '../../db';
import { eq } from 'drizzle-orm';
import * as estateWrites from '../../estate-writes';
import * as turf from '@turf/turf';
import { ZONE_FIELDS } from '../fields';
import { keyedDiff, type Existing, type FieldValue, type ImportDiff } from '../diff';
import { guessMapping } from '../mapping';
import { duplicateProblems, problemFor, type ImportContext, type KindHandler, type ParsedRecord } from '../records';
import { problemAt, type ImportProblem } from '../problems';
import type { Cell, SourceRow, SourceTable } from '../read';
import { isInUk, UK_EXPECTED } from '../../../parse';
import { POLYGON_EXPECTED, polygonProblem } from './geo';

/** England, Wales, Scotland and Northern Ireland statistical codes: a letter and eight digits. */
const ONS_CODE = /^[EWSN]\d{8}$/;
const FIELD_KEYS = ZONE_FIELDS.map((f) => f.key).filter((k) => k !== 'code');

/**
 * Joins a CSV of attributes onto a GeoJSON of polygons by ONS code. CSV columns win where both files
 * have one; CSV rows with no polygon stay as rows without geometry (they can only update stored zones).
 */
export function joinZoneAttributes(geo: SourceTable, csv: SourceTable): { table: SourceTable | null; problems: ImportProblem[] } {
	const codeField = [ZONE_FIELDS[0]];
	const geoCode = guessMapping(geo.headers, codeField).code;
	const csvCode = guessMapping(csv.headers, codeField).code;
	const problems: ImportProblem[] = [];
	const expected = 'a column of ONS codes headed code, lsoa21cd or "ONS code"';
	if (geoCode === null) problems.push(problemAt(geo.fileName, null, null, null, 'no ONS code property to join on', expected));
	if (csvCode === null) problems.push(problemAt(csv.fileName, 1, null, null, 'no ONS code column to join on', expected));
	if (geoCode === null || csvCode === null) return { table: null, problems };

	const csvOnly = csv.headers.filter((h) => !geo.headers.includes(h));
	const headers = [...geo.headers, ...csvOnly];
	const headerSource = headers.map((h) => (csv.headers.includes(h) ? 1 : 0));
	const csvByCode = new Map(csv.rows.map((r) => [String(r.cells[csvCode] ?? '').trim(), r]));
	const joined = (geoRow: SourceRow | null, csvRow: SourceRow | undefined): SourceRow => {
		const cells: Cell[] = headers.map((h, i) => {
			const c = csv.headers.indexOf(h);
			if (csvRow && c >= 0) return csvRow.cells[c] ?? null;
			return i < geo.headers.length && geoRow ? (geoRow.cells[i] ?? null) : null;
		});
		return {
			row: geoRow?.row ?? csvRow!.row,
			cells,
			geometry: geoRow?.geometry ?? null,
			sources: [geoRow ? { file: geo.fileName, row: geoRow.row } : null, csvRow ? { file: csv.fileName, row: csvRow.row } : null]
		};
	};
	const used = new Set<string>();
	const rows = geo.rows.map((g) => {
		const code = String(g.cells[geoCode] ?? '').trim();
		const match = csvByCode.get(code);
		if (match) used.add(code);
		return joined(g, match);
	});
	for (const [code, r] of csvByCode) if (!used.has(code)) rows.push(joined(null, r));
	return { table: { ...geo, headers, rows, headerSource }, problems };
}

async function storedZones(ctx: ImportContext) {
	return ctx.db.select().from(t.zone).where(eq(t.zone.partnershipId, ctx.partnershipId));
}

async function check(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportProblem[]> {
	const stored = new Set((await storedZones(ctx)).map((z) => z.code));
	const problems = duplicateProblems(ctx, records, (r) => r.values.code as string | null, 'code', 'ONS code');
	for (const r of records) {
		const code = r.values.code as string | null;
		if (code === null) continue;
		if (!ONS_CODE.test(code)) {
			problems.push(problemFor(ctx, r, 'code', 'not an ONS code', 'a letter E, W, S or N and eight digits, e.g. E01006074'));
			continue;
		}
		const geometry = r.source.geometry;
		if (geometry && geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
			problems.push(problemFor(ctx, r, 'code', `has a ${geometry.type} geometry`, 'a Polygon or MultiPolygon'));
		} else if (geometry) {
			const wrong = polygonProblem(geometry);
			if (wrong) {
				problems.push(problemFor(ctx, r, 'code', `polygon: ${wrong}`, POLYGON_EXPECTED));
				continue;
			}
			const [w, s, e, n] = turf.bbox(geometry);
			if (!isInUk(w, s) || !isInUk(e, n)) problems.push(problemFor(ctx, r, 'code', 'polygon lies outside the UK (or is not in WGS84)', UK_EXPECTED));
		}
		if (stored.has(code)) continue;
		if (!geometry) {
			problems.push(problemFor(ctx, r, 'code', 'ONS code matches no zone', 'the code of a zone in the GeoJSON or one already loaded'));
			continue;
		}
		// A cell that failed to parse has its own problem already.
		if (r.values.name === null && !r.invalid.has('name')) problems.push(problemFor(ctx, r, 'name', 'a new zone has no name', 'a name for every new zone'));
		if (r.values.popTotal === null && !r.invalid.has('popTotal')) problems.push(problemFor(ctx, r, 'popTotal', 'a new zone has no population', 'the number of residents of every new zone'));
	}
	return problems;
}

function incomingValues(r: ParsedRecord): Record<string, FieldValue> {
	const values: Record<string, FieldValue> = Object.fromEntries(FIELD_KEYS.map((k) => [k, r.values[k]]));
	values.geometry = r.source.geometry;
	return values;
}

async function diff(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportDiff> {
	const existing = new Map<string, Existing>(
		(await storedZones(ctx)).map((z) => [z.code, { label: z.name, values: z as unknown as Record<string, FieldValue> }])
	);
	const incoming = records.map((r) => ({
		id: r.values.code as string,
		label: (r.values.name as string | null) ?? (r.values.code as string),
		values: incomingValues(r)
	}));
	return keyedDiff(existing, incoming, ctx.options.removeMissing ?? false);
}

async function commit(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportDiff> {
	const plan = await diff(ctx, records);
	const byCode = new Map(records.map((r) => [r.values.code as string, r]));
	const ids = new Map((await storedZones(ctx)).map((z) => [z.code, z.id]));
	await estateWrites.insertZones(
		ctx.db,
		plan.added.map(({ id }) => {
			const r = byCode.get(id)!;
			const v = r.values;
			const geometry = r.source.geometry!;
			// Without a supplied centroid, the polygon's own centroid stands in for the population-weighted one.
			const [centroidLon, centroidLat] = turf.centroid(geometry).geometry.coordinates;
			return {
				...(Object.fromEntries(FIELD_KEYS.map((k) => [k, v[k]])) as Partial<estateWrites.ZoneInsert>),
				partnershipId: ctx.partnershipId,
				code: id,
				name: v.name as string,
				areaHa: (v.areaHa as number | null) ?? Math.round(turf.area(geometry) / 100) / 100,
				geometry,
				centroidLon: (v.centroidLon as number | null) ?? centroidLon,
				centroidLat: (v.centroidLat as number | null) ?? centroidLat,
				populationSource: (v.populationSource as string | null) ?? ctx.source,
				popTotal: v.popTotal as number,
				attributes: r.extras
			};
		})
	);
	for (const entry of plan.changed) {
		const set = Object.fromEntries((entry.changes ?? []).map((c) => [c.field, c.to]));
		await estateWrites.updateZone(ctx.db, ids.get(entry.id)!, set);
	}
	if (plan.removeMissing) await estateWrites.deleteZones(ctx.db, ctx.partnershipId, plan.removed.map((r) => r.id));
	return plan;
}

export const zonesImport: KindHandler = { fields: ZONE_FIELDS, check, diff, commit };
