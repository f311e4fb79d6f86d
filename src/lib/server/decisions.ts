/**
 * Saved comparisons (options, service and the author's recommendation, edited against the version
 * the form was opened on) and decision records: a saved comparison frozen "as presented to cabinet
 * on DATE", with every input and every output as JSON text and its SHA-256. A record is written once
 * and only read afterwards; nothing here updates or deletes one, so it reopens exactly as frozen
 * whatever happens to the scenarios or the estate.
 *
 * Import as a namespace: `import * as decisions from '$lib/server/decisions'`.
 */
import type { Actor } from './auth/actor';
import * as audit from './audit/log';
import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { t, transaction, type Db } from './db';
import * as scenarios from './scenarios';
import {
	loadComparisonWithInputs,
	MAX_SCENARIOS,
	MIN_SCENARIOS,
	type Comparison,
	type ComparisonEstate,
	type ScenarioToCompare
} from './comparison';
import { readSharedJson } from './compute/shared-json';
import { buildReport } from '../report/build';
import type { ReportDocument } from '../report/document';
import type { FieldIssue } from '../components/form-errors';
import { InputError } from '../validation';

export type SavedComparison = typeof t.savedComparison.$inferSelect;

export interface Recommendation {
	text: string;
	rationale: string;
	author: string;
}

export interface RecommendationInput {
	title: string;
	recommendation: string;
	rationale: string;
	author: string;
}

export interface SaveComparisonInput extends RecommendationInput {
	/** `baseline` or scenario ids, in order. */
	ids: string[];
	service: string;
}

/** Bad input: nothing was written. */
export class DecisionInputError extends InputError {}

export class DecisionNotFoundError extends Error {}

/** The edit was based on an old version; `current` is what is stored now. Nothing was written. */
export class ComparisonConflictError extends Error {
	constructor(
		readonly current: SavedComparison,
		readonly baseVersion: number
	) {
		super(`Saved comparison "${current.title}" was changed elsewhere (now version ${current.version}, your edit was based on version ${baseVersion}).`);
	}
}

// ---------------------------------------------------------------------------------------------
// Saved comparisons

/** A partnership's saved comparisons, the most recently changed first. */
export async function listComparisons(db: Db, partnershipId: string): Promise<SavedComparison[]> {
	return await db
		.select()
		.from(t.savedComparison)
		.where(eq(t.savedComparison.partnershipId, partnershipId))
		.orderBy(desc(t.savedComparison.updatedAt), desc(t.savedComparison.id));
}

export async function getComparison(db: Db, partnershipId: string, id: number): Promise<SavedComparison> {
	const [row] = await db
		.select()
		.from(t.savedComparison)
		.where(and(eq(t.savedComparison.partnershipId, partnershipId), eq(t.savedComparison.id, id)));
	if (!row) throw new DecisionNotFoundError(`No saved comparison with id ${id}.`);
	return row;
}

/** Save a comparison with its recommendation. The options must be 2 to 4 scenarios that exist. */
export async function saveComparison(db: Db, actor: Actor, partnershipId: string, input: SaveComparisonInput): Promise<SavedComparison> {
	const issues = [...recommendationIssues(input), ...(await optionIssues(db, partnershipId, input.ids))];
	if (issues.length) throw new DecisionInputError(issues);
	return transaction(db, async (tx) => {
		const [row] = await tx
			.insert(t.savedComparison)
			.values({ partnershipId, linkIds: input.ids, serviceCode: input.service.trim() || null, ...recommendationValues(input) })
			.returning();
		await audit.record(tx, actor, partnershipId, { entityKind: 'comparison', entityId: row.id, action: 'created', after: audit.rowSnapshot(row), summary: `Comparison "${row.title}" saved` });
		return row;
	});
}

/**
 * Change the title and recommendation if the stored version is still `baseVersion`. Throws
 * ComparisonConflictError (stale), DecisionInputError or DecisionNotFoundError, writing nothing.
 */
export async function updateRecommendation(
	db: Db,
	actor: Actor,
	partnershipId: string,
	id: number,
	baseVersion: number,
	input: RecommendationInput
): Promise<SavedComparison> {
	const issues = recommendationIssues(input);
	if (issues.length) throw new DecisionInputError(issues);
	// One conditional UPDATE: the version check and the write cannot be split by another save.
	const saved = await transaction(db, async (tx) => {
		const before = await getComparison(tx, partnershipId, id);
		const [row] = await tx
			.update(t.savedComparison)
			.set({ ...recommendationValues(input), version: baseVersion + 1, updatedAt: new Date().toISOString() })
			.where(and(eq(t.savedComparison.partnershipId, partnershipId), eq(t.savedComparison.id, id), eq(t.savedComparison.version, baseVersion)))
			.returning();
		if (row) {
			await audit.record(tx, actor, partnershipId, {
				entityKind: 'comparison',
				entityId: id,
				action: 'changed',
				before: audit.rowSnapshot(before),
				after: audit.rowSnapshot(row),
				summary: `Comparison "${row.title}": recommendation changed`
			});
		}
		return row;
	});
	if (saved) return saved;
	throw new ComparisonConflictError(await getComparison(db, partnershipId, id), baseVersion);
}

/** The recommendation a report carries, or null while none is written. */
export function recommendationOf(saved: SavedComparison): Recommendation | null {
	return saved.recommendation ? { text: saved.recommendation, rationale: saved.rationale, author: saved.author } : null;
}

/** Where the live comparison of a saved one opens. */
export function comparisonQuery(saved: Pick<SavedComparison, 'linkIds' | 'serviceCode'>): { linkIds: string[]; service?: string } {
	return { linkIds: saved.linkIds, service: saved.serviceCode ?? undefined };
}

/** The options' names as they are now, in order; a deleted one says so. */
export async function optionNames(db: Db, partnershipId: string, linkIds: string[]): Promise<string[]> {
	const byLink = new Map((await scenarios.list(db, partnershipId)).map((s) => [scenarios.linkIdOf(s), s.name]));
	return linkIds.map((id) => byLink.get(id) ?? `Scenario ${id} (deleted)`);
}

function recommendationValues(input: RecommendationInput) {
	return { title: input.title.trim(), recommendation: input.recommendation.trim(), rationale: input.rationale.trim(), author: input.author.trim() };
}

function recommendationIssues(input: RecommendationInput): FieldIssue[] {
	const issues: FieldIssue[] = [];
	if (!input.title.trim()) issues.push({ path: 'title', message: 'Enter a title, for example “Library options for cabinet, January”.' });
	if (!input.recommendation.trim() && input.rationale.trim())
		issues.push({ path: 'recommendation', message: 'Enter the recommendation the rationale explains, or clear the rationale.' });
	if (input.recommendation.trim() && !input.author.trim())
		issues.push({ path: 'author', message: 'Enter the name of the person making the recommendation.' });
	return issues;
}

async function optionIssues(db: Db, partnershipId: string, ids: string[]): Promise<FieldIssue[]> {
	if (ids.length < MIN_SCENARIOS || ids.length > MAX_SCENARIOS || new Set(ids).size !== ids.length)
		return [{ path: 'ids', message: `Choose between ${MIN_SCENARIOS} and ${MAX_SCENARIOS} different scenarios; got ${ids.length === 0 ? 'none' : `"${ids.join(',')}"`}.` }];
	const known = new Set((await scenarios.list(db, partnershipId)).map(scenarios.linkIdOf));
	const unknown = ids.filter((id) => !known.has(id));
	return unknown.length ? [{ path: 'ids', message: `There is no scenario with id ${unknown.map((id) => `"${id}"`).join(', ')}; it may have been deleted.` }] : [];
}

// ---------------------------------------------------------------------------------------------
// Decision records

/** Version of the snapshot's layout, so a later Hubplan can read older records. */
export const SNAPSHOT_FORMAT = 'hubplan-decision-record/1';

/** Everything a decision record keeps: what went in, and what came out, as it was shown. */
export interface DecisionSnapshot {
	format: typeof SNAPSHOT_FORMAT;
	title: string;
	presentedOn: string;
	frozenAt: string;
	inputs: {
		linkIds: string[];
		service: string | null;
		recommendation: Recommendation | null;
		/** Each option as evaluated: actions, parameters, pilot costs and mitigations. */
		scenarios: ScenarioToCompare[];
		/** The estate version the figures were computed on. */
		estateVersion: string;
		/**
		 * The estate facts the engine read (sites, services, zones and their people, criteria,
		 * matrices), which buildings' figures are estimates, and service names. Zone outlines are
		 * kept once, in the comparison.
		 */
		estate: Omit<ComparisonEstate, 'zoneGeometries'>;
	};
	outputs: { comparison: Comparison; report: ReportDocument };
}

export interface DecisionRecordSummary {
	id: number;
	savedComparisonId: number | null;
	title: string;
	presentedOn: string;
	frozenAt: string;
	contentSha256: string;
}

export interface DecisionRecord extends DecisionRecordSummary {
	snapshot: DecisionSnapshot;
	/** The stored JSON still hashes to the stored SHA-256 (nothing has altered it in the database). */
	intact: boolean;
	/** Size of the stored JSON, bytes. */
	snapshotBytes: number;
}

/**
 * Freeze a saved comparison as presented to cabinet on `presentedOn` (yyyy-mm-dd): evaluate it on
 * the estate as it is now, build its report, and store inputs and outputs with their hash.
 * Refuses (DecisionInputError) a comparison with no recommendation, or one that no longer evaluates.
 */
export async function freeze(
	db: Db,
	actor: Actor,
	partnershipId: string,
	savedId: number,
	presentedOn: string,
	now: Date = new Date()
): Promise<DecisionRecordSummary> {
	const saved = await getComparison(db, partnershipId, savedId);
	const recommendation = recommendationOf(saved);
	if (!recommendation)
		throw new DecisionInputError([{ path: 'presentedOn', message: 'Write the recommendation and its rationale before freezing: cabinet decides from it.' }]);
	const live = await loadComparisonWithInputs(db, partnershipId, { ...comparisonQuery(saved), now });
	const { zoneGeometries: _outlinesAreInTheComparison, ...estate } = readSharedJson<ComparisonEstate>(live.estate);
	const snapshot: DecisionSnapshot = {
		format: SNAPSHOT_FORMAT,
		title: saved.title,
		presentedOn,
		frozenAt: now.toISOString(),
		inputs: {
			linkIds: saved.linkIds,
			service: saved.serviceCode,
			recommendation,
			scenarios: live.scenarios,
			estateVersion: live.estate.key,
			estate
		},
		outputs: { comparison: live.comparison, report: buildReport(live.comparison, { recommendation, presented: { date: presentedOn } }) }
	};
	const text = JSON.stringify(snapshot);
	return transaction(db, async (tx) => {
		const [row] = await tx
			.insert(t.decisionRecord)
			.values({ partnershipId, savedComparisonId: saved.id, title: saved.title, presentedOn, snapshot: text, contentSha256: sha256(text), frozenAt: snapshot.frozenAt })
			.returning(summaryColumns);
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'decision',
			entityId: row.id,
			action: 'frozen',
			after: { title: row.title, presentedOn, contentSha256: row.contentSha256 },
			summary: `Comparison "${saved.title}" frozen as presented to cabinet on ${presentedOn}`
		});
		return row;
	});
}

const summaryColumns = {
	id: t.decisionRecord.id,
	savedComparisonId: t.decisionRecord.savedComparisonId,
	title: t.decisionRecord.title,
	presentedOn: t.decisionRecord.presentedOn,
	frozenAt: t.decisionRecord.frozenAt,
	contentSha256: t.decisionRecord.contentSha256
};

/** A partnership's decision records (without their snapshots), the latest presented first. */
export async function listRecords(db: Db, partnershipId: string, savedComparisonId?: number): Promise<DecisionRecordSummary[]> {
	return await db
		.select(summaryColumns)
		.from(t.decisionRecord)
		.where(
			and(
				eq(t.decisionRecord.partnershipId, partnershipId),
				savedComparisonId === undefined ? undefined : eq(t.decisionRecord.savedComparisonId, savedComparisonId)
			)
		)
		.orderBy(desc(t.decisionRecord.presentedOn), desc(t.decisionRecord.id));
}

/** One record as frozen, with a check that its stored JSON is unaltered. */
export async function getRecord(db: Db, partnershipId: string, id: number): Promise<DecisionRecord> {
	const [row] = await db
		.select({ ...summaryColumns, snapshot: t.decisionRecord.snapshot })
		.from(t.decisionRecord)
		.where(and(eq(t.decisionRecord.partnershipId, partnershipId), eq(t.decisionRecord.id, id)));
	if (!row) throw new DecisionNotFoundError(`No decision record with id ${id}.`);
	const { snapshot, ...summary } = row;
	return {
		...summary,
		snapshot: JSON.parse(snapshot) as DecisionSnapshot,
		intact: sha256(snapshot) === row.contentSha256,
		snapshotBytes: Buffer.byteLength(snapshot)
	};
}

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}
