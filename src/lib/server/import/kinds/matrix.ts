/**
 * Travel-time matrix import: minutes from each zone to each site, as a long table (zone, site,
 * minutes) or a wide one (a zone column, then one column per site ref). Stored as one named
 * travel_matrix with its travel_time cells; re-importing the same name updates cells.
 */
import { t } from '../../db';
import { and, asc, eq } from 'drizzle-orm';
import { MATRIX_FIELDS } from '../fields';
import { keyedDiff, type Existing, type ImportDiff } from '../diff';
import { guessMapping } from '../mapping';
import { duplicateProblems, unknownValueProblems, type ImportContext, type KindHandler, type ParsedRecord } from '../records';
import { problemAt, type ImportProblem } from '../problems';
import { MAX_NAME_CHARS } from '../../../limits';
import { formatCount } from '../../../format';
import type { SourceTable } from '../read';
import { siteIds } from './site-ids';

/** Hubplan planning assumption (configurable): supplied matrices are usually public transport. */
export const DEFAULT_MATRIX_MODE = 'public_transport';
const INSERT_BATCH_ROWS = 500;

const idOf = (zone: string, site: string) => `${zone} → ${site}`;

/** The matrix name: given, or the file name without its extension. */
export function matrixName(ctx: ImportContext): string {
	return ctx.options.matrixName?.trim() || ctx.fileName.replace(/\.[^.]+$/, '');
}

/**
 * A wide matrix (one column per site ref) as a long one. Tables already long, or whose headers are
 * not site refs, come back unchanged.
 */
export function longFromWide(table: SourceTable, siteRefs: Set<string>): SourceTable {
	const siteColumns = table.headers.map((h, i) => (siteRefs.has(h) ? i : -1)).filter((i) => i >= 0);
	if (siteColumns.length < 2 || guessMapping(table.headers, MATRIX_FIELDS).minutes !== null) return table;
	const zoneColumn = table.headers.findIndex((h) => !siteRefs.has(h));
	if (zoneColumn < 0) return table;
	const rows = table.rows.flatMap((r) =>
		siteColumns
			.filter((c) => r.cells[c] !== null && r.cells[c] !== '')
			.map((c) => ({ row: r.row, cells: [r.cells[zoneColumn], table.headers[c], r.cells[c]], geometry: null }))
	);
	return { ...table, headers: [table.headers[zoneColumn], 'site_ref', 'minutes'], rows };
}

async function check(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportProblem[]> {
	const name = matrixName(ctx);
	if (name.length > MAX_NAME_CHARS) {
		return [problemAt(ctx.fileName, null, null, name, `the matrix name is ${formatCount(name.length)} characters long`, `a matrix name (--matrix-name) of at most ${MAX_NAME_CHARS} characters`)];
	}
	const zones = new Set(
		(await ctx.db.select({ code: t.zone.code }).from(t.zone).where(eq(t.zone.partnershipId, ctx.partnershipId))).map((z) => z.code)
	);
	return [
		...duplicateProblems(
			ctx,
			records,
			(r) => (r.values.zoneCode && r.values.siteRef ? idOf(r.values.zoneCode as string, r.values.siteRef as string) : null),
			'siteRef',
			'zone and site pair'
		),
		...unknownValueProblems(ctx, records, 'zoneCode', zones, 'ONS code matches no zone', 'the ONS code of a loaded zone (import zones first)'),
		...unknownValueProblems(ctx, records, 'siteRef', await siteIds(ctx), 'matches no site', 'the ref of a loaded site (import sites first)')
	];
}

async function storedMatrix(ctx: ImportContext) {
	return ctx.db
		.select()
		.from(t.travelMatrix)
		.where(and(eq(t.travelMatrix.partnershipId, ctx.partnershipId), eq(t.travelMatrix.name, matrixName(ctx))))
		.orderBy(asc(t.travelMatrix.id))
		.limit(1)
		.then(([matrix]) => matrix);
}

async function diff(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportDiff> {
	const matrix = await storedMatrix(ctx);
	const cells = matrix ? await ctx.db.select().from(t.travelTime).where(eq(t.travelTime.matrixId, matrix.id)) : [];
	const existing = new Map<string, Existing>(
		cells.map((c) => [idOf(c.zoneCode, c.siteRef), { label: idOf(c.zoneCode, c.siteRef), values: { minutes: c.minutes } }])
	);
	const incoming = records.map((r) => {
		const id = idOf(r.values.zoneCode as string, r.values.siteRef as string);
		return { id, label: id, values: { minutes: r.values.minutes } };
	});
	return keyedDiff(existing, incoming, ctx.options.removeMissing ?? false);
}

async function commit(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportDiff> {
	const plan = await diff(ctx, records);
	const matrixId =
		(await storedMatrix(ctx))?.id ??
		(
			await ctx.db
				.insert(t.travelMatrix)
				.values({ partnershipId: ctx.partnershipId, name: matrixName(ctx), mode: ctx.options.matrixMode || DEFAULT_MATRIX_MODE, source: ctx.source })
				.returning({ id: t.travelMatrix.id })
		)[0].id;
	const byId = new Map(records.map((r) => [idOf(r.values.zoneCode as string, r.values.siteRef as string), r.values]));
	// Rows built a batch at a time, not all at once: a county's matrix is over half a million cells.
	for (let i = 0; i < plan.added.length; i += INSERT_BATCH_ROWS) {
		const batch = plan.added.slice(i, i + INSERT_BATCH_ROWS).map(({ id }) => {
			const v = byId.get(id)!;
			return { matrixId, zoneCode: v.zoneCode as string, siteRef: v.siteRef as string, minutes: v.minutes as number };
		});
		await ctx.db.insert(t.travelTime).values(batch);
	}
	const cell = (id: string) => {
		const [zoneCode, siteRef] = id.split(' → ');
		return and(eq(t.travelTime.matrixId, matrixId), eq(t.travelTime.zoneCode, zoneCode), eq(t.travelTime.siteRef, siteRef));
	};
	for (const entry of plan.changed) {
		await ctx.db.update(t.travelTime).set({ minutes: byId.get(entry.id)!.minutes as number }).where(cell(entry.id));
	}
	if (plan.removeMissing) for (const { id } of plan.removed) await ctx.db.delete(t.travelTime).where(cell(id));
	return plan;
}

export const matrixImport: KindHandler = { fields: MATRIX_FIELDS, check, diff, commit };
