/**
 * An import from start to finish: read the file(s), map columns, parse and check every row, diff
 * against the database — all without writing — then, on confirmation, commit the diff in ONE
 * transaction with an import_run row. Any problem means nothing is written.
 */
import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { t, transaction, type Db } from '../db';
import { isoDate } from '../../parse';
import { renewEstateVersion } from '../estate';
import type { FieldSpec, ImportKind } from './fields';
import { guessMapping, mappingErrors, type ColumnMapping } from './mapping';
import { InvalidImportError, problemAt, ProblemList, type ImportProblem } from './problems';
import type { SourceTable } from './read';
import { compute } from '../compute/pool';
import { parseRecords, type ImportContext, type ImportOptions, type KindHandler, type ParsedRecord } from './records';
import { sitesImport } from './kinds/sites';
import { servicesImport } from './kinds/services';
import { joinZoneAttributes, zonesImport } from './kinds/zones';
import { longFromWide, matrixImport } from './kinds/matrix';
import type { Actor } from '../auth/actor';
import * as audit from '../audit/log';
import type { AuditEntityKind } from '../../audit/kinds';
import type { FieldValue, ImportDiff } from './diff';

const PREVIEW_ROWS = 5;

/**
 * Test hook: milliseconds to stall inside the commit transaction after the rows are written, so a
 * test can kill the process there and prove the database is left as it was.
 */
export const PAUSE_ENV = 'HUBPLAN_TEST_IMPORT_PAUSE_MS';

const HANDLERS: Record<ImportKind, KindHandler> = {
	sites: sitesImport,
	services: servicesImport,
	zones: zonesImport,
	matrix: matrixImport
};

export interface ImportFile {
	name: string;
	bytes: Uint8Array;
}

export interface ImportRequest {
	kind: ImportKind;
	file: ImportFile;
	/** Zones only: attributes joined onto the GeoJSON by ONS code. */
	zonesCsv?: ImportFile;
	/** The user's mapping, by header index or header text; fields left out are guessed from the headers. */
	mapping?: Record<string, number | string | null>;
	options?: ImportOptions;
}

/** Everything the preview screen shows; plain data, safe to send as JSON. */
export interface ImportPlan {
	kind: ImportKind;
	fileNames: string[];
	sha256: string;
	rowLabel: 'row' | 'feature';
	headers: string[];
	/** First rows as text, for the mapping screen. */
	preview: string[][];
	rowCount: number;
	fields: FieldSpec[];
	mapping: ColumnMapping;
	problems: ImportProblem[];
	/** All problems found; `problems` lists at most MAX_PROBLEMS_LISTED of them. */
	problemCount: number;
	/** Null while there are problems. */
	diff: ImportDiff | null;
}

export interface ImportRunSummary {
	importRunId: number;
	added: number;
	changed: number;
	removed: number;
}

export interface PreparedImport {
	plan: ImportPlan;
	/** Writes the import in one transaction, recorded against `actor`; throws (writing nothing) if it is not valid. */
	commit(actor: Actor): Promise<ImportRunSummary>;
}

export { InvalidImportError };

/** Reads, checks and diffs an import. Reads the database only. */
export async function prepareImport(db: Db, partnershipId: string, request: ImportRequest): Promise<PreparedImport> {
	const handler = HANDLERS[request.kind];
	const files = [request.file, ...(request.zonesCsv ? [request.zonesCsv] : [])];
	const hash = createHash('sha256');
	for (const f of files) hash.update(f.bytes);
	const plan: ImportPlan = {
		kind: request.kind,
		fileNames: files.map((f) => f.name),
		sha256: hash.digest('hex'),
		rowLabel: 'row',
		headers: [],
		preview: [],
		rowCount: 0,
		fields: handler.fields,
		mapping: {},
		problems: [],
		problemCount: 0,
		diff: null
	};
	const invalid = (problems: ProblemList): PreparedImport => {
		plan.problems = problems.list();
		plan.problemCount = problems.count;
		return { plan, commit: () => Promise.reject(new InvalidImportError(plan.problems, plan.problemCount)) };
	};
	const listOf = (problems: ImportProblem[], count = problems.length) => {
		const list = new ProblemList();
		list.addAll(problems);
		// A reader lists at most MAX_PROBLEMS_LISTED; the ones it only counted still count.
		list.addUncounted(count - problems.length);
		return list;
	};

	// Parsing a big file takes seconds: a pool thread does it, so other requests are not held up.
	const read = await Promise.all(files.map((f) => compute('readTable', [f.name, f.bytes])));
	if (read.some((r) => r.problemCount)) {
		return invalid(listOf(read.flatMap((r) => r.problems), read.reduce((n, r) => n + r.problemCount, 0)));
	}
	let table = read[0].table!;
	if (request.kind === 'zones' && read[1]) {
		const joined = joinZoneAttributes(table, read[1].table!);
		if (!joined.table) return invalid(listOf(joined.problems));
		table = joined.table;
	}
	if (request.kind === 'matrix') table = longFromWide(table, await siteRefs(db, partnershipId));
	plan.rowLabel = table.format === 'geojson' ? 'feature' : 'row';
	plan.headers = table.headers;
	plan.rowCount = table.rows.length;
	plan.preview = table.rows.slice(0, PREVIEW_ROWS).map((r) => r.cells.map(cellText));

	const mapping: ColumnMapping = guessMapping(table.headers, handler.fields, table.rows.map((r) => r.cells));
	const mappingProblems: ImportProblem[] = [];
	for (const [key, choice] of Object.entries(request.mapping ?? {})) {
		const index = typeof choice === 'string' ? table.headers.indexOf(choice) : choice;
		if (index === -1) {
			mappingProblems.push(problemAt(table.fileName, 1, choice as string, choice, `no column has this header (mapped to ${key})`, `one of the headers: ${table.headers.join(', ')}`));
		}
		mapping[key] = index;
	}
	plan.mapping = mapping;
	mappingProblems.push(
		...mappingErrors(mapping, table.headers, handler.fields).map((e) =>
			problemAt(table.fileName, 1, null, null, e, 'each column mapped to at most one field')
		)
	);
	if (mappingProblems.length) return invalid(listOf(mappingProblems));

	const today = isoDate(request.options?.now ?? new Date());
	const ctx: ImportContext = {
		db,
		partnershipId,
		table,
		fields: handler.fields,
		mapping,
		source: `${plan.fileNames.join(' + ')} (imported ${today})`,
		fileName: request.file.name,
		options: request.options ?? {}
	};
	const { records, problems } = parseRecords(table, handler.fields, mapping);
	problems.addAll(await handler.check(ctx, records));
	if (problems.count) return invalid(problems);
	plan.diff = await handler.diff(ctx, records);
	return { plan, commit: (actor) => commitImport({ ...ctx, actor }, handler, records, plan) };
}

async function commitImport(ctx: ImportContext & { actor: Actor }, handler: KindHandler, records: ParsedRecord[], plan: ImportPlan): Promise<ImportRunSummary> {
	return transaction(ctx.db, async (tx) => {
		const inTx = { ...ctx, db: tx };
		// The database may have changed since the preview (another import, an edit): check again.
		const problems = new ProblemList();
		problems.addAll(await handler.check(inTx, records));
		if (problems.count) throw new InvalidImportError(problems.list(), problems.count);
		const diff = await handler.commit(inTx, records);
		await renewEstateVersion(inTx.db, ctx.partnershipId);
		pauseForTests();
		const removed = diff.removeMissing ? diff.removed.length : 0;
		const [run] = await inTx.db
			.insert(t.importRun)
			.values({
				partnershipId: ctx.partnershipId,
				kind: plan.kind,
				fileName: plan.fileNames.join(' + '),
				sha256: plan.sha256,
				added: diff.added.length,
				changed: diff.changed.length,
				removed
			})
			.returning({ id: t.importRun.id });
		await recordImport(inTx, handler, plan, diff, run.id);
		return { importRunId: run.id, added: diff.added.length, changed: diff.changed.length, removed };
	});
}

/** What each kind's rows are in the audit log; a matrix's cells are not logged one by one. */
const ROW_ENTITY: Record<ImportKind, AuditEntityKind | null> = { sites: 'site', services: 'service', zones: 'zone', matrix: null };

/**
 * The import's audit entries, in its transaction: one for the run, and one per building, service
 * or zone it added, changed or removed, with the changed fields before and after (from the diff
 * already computed, so nothing is read again), written in batches.
 */
async function recordImport(ctx: ImportContext & { actor: Actor }, handler: KindHandler, plan: ImportPlan, diff: ImportDiff, runId: number): Promise<void> {
	const files = plan.fileNames.join(' + ');
	const removed = diff.removeMissing ? diff.removed : [];
	const entity = ROW_ENTITY[plan.kind];
	const label = new Map(handler.fields.map((f) => [f.key, f.label]));
	const shown = (value: FieldValue | undefined) => (typeof value === 'object' && value !== null ? audit.SHAPE : (value ?? null));
	const rows: audit.AuditChange[] = entity
		? [
				...diff.added.map((e) => ({ entityKind: entity, entityId: e.id, action: 'created' as const, summary: `"${e.label}" added by the import of ${files}` })),
				...diff.changed.map((e) => ({
					entityKind: entity,
					entityId: e.id,
					action: 'changed' as const,
					before: Object.fromEntries((e.changes ?? []).map((c) => [c.field, shown(c.from)])),
					after: Object.fromEntries((e.changes ?? []).map((c) => [c.field, shown(c.to)])),
					summary: `"${e.label}" changed by the import of ${files}: ${(e.changes ?? []).map((c) => label.get(c.field) ?? c.field).join(', ')}`
				})),
				...removed.map((e) => ({
					entityKind: entity,
					entityId: e.id,
					action: 'deleted' as const,
					before: e.stored ? audit.rowSnapshot(e.stored) : null,
					summary: `"${e.label}" removed by the import of ${files} (not in the file)`
				}))
			]
		: [];
	await audit.recordAll(ctx.db, ctx.actor, ctx.partnershipId, [
		{
			entityKind: 'import',
			entityId: runId,
			action: 'imported',
			after: { kind: plan.kind, files, sha256: plan.sha256, added: diff.added.length, changed: diff.changed.length, removed: removed.length },
			summary: `Imported ${plan.kind} from ${files}: ${diff.added.length} added, ${diff.changed.length} changed, ${removed.length} removed`
		},
		...rows
	]);
}

function pauseForTests(): void {
	const ms = Number(process.env[PAUSE_ENV]);
	if (!(ms > 0)) return;
	fs.writeSync(2, `hubplan: paused inside the import transaction for ${ms} ms\n`);
	// A synchronous stall: nothing else runs while the transaction is held open, as in a crash mid-write.
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function siteRefs(db: Db, partnershipId: string): Promise<Set<string>> {
	return new Set((await db.select({ ref: t.site.ref }).from(t.site).where(eq(t.site.partnershipId, partnershipId))).map((s) => s.ref));
}

function cellText(cell: SourceTable['rows'][number]['cells'][number]): string {
	if (cell === null) return '';
	return cell instanceof Date ? isoDate(cell) : String(cell);
}
