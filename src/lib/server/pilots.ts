/**
 * Pilots for a scenario: milestones with dates, owner and status, and pilot cost lines split between
 * partners. Input arrives as form text, so this module parses it too (dates, pounds) and answers
 * with field issues naming the bad value; each change is one transaction, so a refused change
 * writes nothing and a cost line never exists without its contributions.
 *
 * Import as a namespace: `import * as pilots from '$lib/server/pilots'`.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { t, transaction, type Db } from './db';
import { milestoneStatuses, pilotCostKinds, type MilestoneStatus, type PilotCostKind } from './db/schema';
import type { PilotCostInput as EnginePilotCost } from '../engine/types';
import * as scenarios from './scenarios';
import type { FieldIssue } from '../components/form-errors';
import { formatGbp } from '../format';
import { DATE_FORMATS, parseDate, parseNumber } from '../parse';
import { STATUS_LABELS } from '../pilots/milestones';
import { MAX_NAME_CHARS } from '../limits';
import { InputError } from '../validation';
import { COST_KIND_LABELS } from '../pilots/cost-kinds';
import type { Actor } from './auth/actor';
import * as audit from './audit/log';

export { STATUS_LABELS, isOverdue } from '../pilots/milestones';

export type Milestone = typeof t.milestone.$inferSelect;

/** Bad input: nothing was written. `issues` name the form field (`title`, `contribution.nhs` …). */
export class PilotInputError extends InputError {}

export class PilotNotFoundError extends Error {}

/** The edit was based on an old version of the row; `current` is what is stored now. Nothing was written. */
export class PilotConflictError<Row extends { version: number }> extends Error {
	constructor(readonly current: Row, readonly baseVersion: number) {
		super(`This row was changed elsewhere (now version ${current.version}, your edit was based on version ${baseVersion}).`);
	}
}

function checkVersion<Row extends { version: number }>(current: Row, baseVersion: number): void {
	if (current.version !== baseVersion) throw new PilotConflictError(current, baseVersion);
}

/** Milestone fields as a form sends them (all text). */
export interface MilestoneInput {
	title: string;
	owner?: string;
	startDate: string;
	endDate: string;
	status?: string;
	notes?: string;
	/** A building of the estate (or added by the scenario) the milestone belongs to; '' for none. */
	hubSiteRef?: string;
}

/** Milestones of a scenario, earliest start first. */
export async function listMilestones(db: Db, partnershipId: string, scenarioId: number): Promise<Milestone[]> {
	return db
		.select()
		.from(t.milestone)
		.where(and(eq(t.milestone.partnershipId, partnershipId), eq(t.milestone.scenarioId, scenarioId)))
		.orderBy(asc(t.milestone.startDate), asc(t.milestone.endDate), asc(t.milestone.id));
}

export async function createMilestone(db: Db, actor: Actor, partnershipId: string, scenarioId: number, input: MilestoneInput): Promise<Milestone> {
	return transaction(db, async (tx) => {
		const scenario = await editable(tx, partnershipId, scenarioId);
		const values = await checkMilestone(tx, partnershipId, scenario, input);
		const [created] = await tx
			.insert(t.milestone)
			.values({ ...values, partnershipId, scenarioId })
			.returning();
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'milestone',
			entityId: created.id,
			action: 'created',
			after: audit.rowSnapshot(created),
			summary: `Pilot milestone "${created.title}" added to scenario "${scenario.name}"`
		});
		return created;
	});
}

/** Save an edit made to version `baseVersion`; a stale one throws PilotConflictError, writing nothing. */
export async function updateMilestone(
	db: Db,
	actor: Actor,
	partnershipId: string,
	scenarioId: number,
	id: number,
	baseVersion: number,
	input: MilestoneInput
): Promise<Milestone> {
	return transaction(db, async (tx) => {
		const scenario = await editable(tx, partnershipId, scenarioId);
		const current = await getMilestone(tx, partnershipId, scenarioId, id);
		checkVersion(current, baseVersion);
		const values = await checkMilestone(tx, partnershipId, scenario, input);
		const [saved] = await tx
			.update(t.milestone)
			.set({ ...values, version: current.version + 1 })
			.where(eq(t.milestone.id, id))
			.returning();
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'milestone',
			entityId: id,
			action: 'changed',
			before: audit.rowSnapshot(current),
			after: audit.rowSnapshot(saved),
			summary: `Pilot milestone "${saved.title}" of scenario "${scenario.name}" changed`
		});
		return saved;
	});
}

/** Delete a milestone; with `baseVersion`, only if nobody changed it since (PilotConflictError otherwise). */
export async function deleteMilestone(db: Db, actor: Actor, partnershipId: string, scenarioId: number, id: number, baseVersion?: number): Promise<void> {
	await transaction(db, async (tx) => {
		const scenario = await editable(tx, partnershipId, scenarioId);
		const current = await getMilestone(tx, partnershipId, scenarioId, id);
		if (baseVersion !== undefined) checkVersion(current, baseVersion);
		await tx.delete(t.milestone).where(eq(t.milestone.id, id));
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'milestone',
			entityId: id,
			action: 'deleted',
			before: audit.rowSnapshot(current),
			summary: `Pilot milestone "${current.title}" removed from scenario "${scenario.name}"`
		});
	});
}

/** The scenario, when its pilot may be changed: not a worked example (duplicate it to edit). */
async function editable(db: Db, partnershipId: string, scenarioId: number): Promise<scenarios.Scenario> {
	const scenario = await scenarios.get(db, partnershipId, scenarioId);
	if (scenario.example) {
		throw new PilotInputError([{ path: 'scenario', message: `"${scenario.name}" is a worked example and stays as shipped; duplicate it to change its pilot.` }]);
	}
	return scenario;
}

/**
 * Copies a scenario with its pilot (milestones and cost lines with their shares), in one
 * transaction: how a worked example, or any scenario, becomes an editable copy.
 */
export async function duplicateScenario(db: Db, actor: Actor, partnershipId: string, id: number, name?: string): Promise<scenarios.Scenario> {
	return transaction(db, async (tx) => {
		const copy = await scenarios.duplicate(tx, actor, partnershipId, id, name);
		const copied: audit.AuditChange[] = [];
		for (const m of await listMilestones(tx, partnershipId, id)) {
			const { id: _id, scenarioId: _from, ...rest } = m;
			const [row] = await tx.insert(t.milestone).values({ ...rest, scenarioId: copy.id }).returning();
			copied.push({ entityKind: 'milestone', entityId: row.id, action: 'created', after: audit.rowSnapshot(row), summary: `Pilot milestone "${row.title}" copied into scenario "${copy.name}"` });
		}
		for (const c of await listCosts(tx, partnershipId, id)) {
			const [row] = await tx.insert(t.pilotCost).values({ partnershipId, scenarioId: copy.id, label: c.label, kind: c.kind, amountGbp: c.amountGbp }).returning();
			await insertContributions(tx, row.id, new Map(c.contributions.map((x) => [x.organisationId, x.amountGbp])));
			copied.push({ entityKind: 'pilot_cost', entityId: row.id, action: 'created', after: costSnapshot(c), summary: `Pilot cost "${c.label}" copied into scenario "${copy.name}"` });
		}
		await audit.recordAll(tx, actor, partnershipId, copied);
		return copy;
	});
}

export async function getMilestone(db: Db, partnershipId: string, scenarioId: number, id: number): Promise<Milestone> {
	const [row] = await db
		.select()
		.from(t.milestone)
		.where(
			and(eq(t.milestone.partnershipId, partnershipId), eq(t.milestone.scenarioId, scenarioId), eq(t.milestone.id, id))
		);
	if (!row) throw new PilotNotFoundError(`No milestone with id ${id} in scenario ${scenarioId}.`);
	return row;
}

/** Today as yyyy-mm-dd in UTC, the form dates' calendar. */
export function todayIso(now: Date = new Date()): string {
	return now.toISOString().slice(0, 10);
}

async function checkMilestone(db: Db, partnershipId: string, scenario: scenarios.Scenario, input: MilestoneInput) {
	const issues: FieldIssue[] = [];
	const title = (input.title ?? '').trim();
	if (!title) issues.push({ path: 'title', message: 'Enter a title for the milestone.' });
	else if (title.length > MAX_NAME_CHARS)
		issues.push({ path: 'title', message: `Title must be ${MAX_NAME_CHARS} characters or fewer (it has ${title.length}).` });
	const startDate = dateField(input.startDate, 'startDate', 'Start date', issues);
	const endDate = dateField(input.endDate, 'endDate', 'End date', issues);
	if (startDate && endDate && endDate < startDate)
		issues.push({ path: 'endDate', message: `End date (${endDate}) must be the same as or after the start date (${startDate}).` });
	const status = (input.status || 'not_started') as MilestoneStatus;
	if (!milestoneStatuses.includes(status))
		issues.push({ path: 'status', message: `Unknown status "${input.status}"; choose one of ${Object.values(STATUS_LABELS).join(', ')}.` });
	const hubSiteRef = (input.hubSiteRef ?? '').trim() || null;
	if (hubSiteRef && !await siteRefExists(db, partnershipId, scenario, hubSiteRef))
		issues.push({ path: 'hubSiteRef', message: `No building with id "${hubSiteRef}" in this estate or scenario.` });
	if (issues.length) throw new PilotInputError(issues);
	return {
		title,
		owner: (input.owner ?? '').trim(),
		startDate: startDate!,
		endDate: endDate!,
		status,
		notes: (input.notes ?? '').trim(),
		hubSiteRef
	};
}

async function siteRefExists(db: Db, partnershipId: string, scenario: scenarios.Scenario, ref: string): Promise<boolean> {
	if (scenario.actions.some((a) => a.type === 'add' && a.site.ref === ref)) return true;
	const rows = await db
		.select({ id: t.site.id })
		.from(t.site)
		.where(and(eq(t.site.partnershipId, partnershipId), eq(t.site.ref, ref)));
	return rows.length > 0;
}

/**
 * A calendar date field (yyyy-mm-dd, as `<input type="date">` sends, or dd/mm/yyyy), checked to
 * exist (2011-02-30 does not). Pushes an issue and returns null otherwise.
 */
function dateField(text: string | undefined, path: string, label: string, issues: FieldIssue[]): string | null {
	const value = (text ?? '').trim();
	if (!value) {
		issues.push({ path, message: `Enter the ${label.toLowerCase()}.` });
		return null;
	}
	const date = parseDate(value);
	if (date === null) issues.push({ path, message: `${label} "${value}" is not a real date; write it as ${DATE_FORMATS}, e.g. 2011-10-01.` });
	return date;
}

// ---------------------------------------------------------------------------------------------
// Pilot costs

export interface Contribution {
	organisationId: string;
	name: string;
	amountGbp: number;
}

export interface PilotCost {
	id: number;
	label: string;
	kind: PilotCostKind;
	amountGbp: number;
	contributions: Contribution[];
	version: number;
}


/** Cost line as a form sends it: amounts as text ("60000", "£60,000"); blank contributions are 0. */
export interface PilotCostInput {
	label: string;
	/** `one_off` (the default) or `annual`. */
	kind?: string;
	amountGbp: string;
	/** Organisation id → amount text. */
	contributions: Record<string, string>;
}

export async function listCosts(db: Db, partnershipId: string, scenarioId: number): Promise<PilotCost[]> {
	const costs = await db
		.select()
		.from(t.pilotCost)
		.where(and(eq(t.pilotCost.partnershipId, partnershipId), eq(t.pilotCost.scenarioId, scenarioId)))
		.orderBy(asc(t.pilotCost.id));
	if (costs.length === 0) return [];
	const rows = await db
		.select({ row: t.pilotContribution, name: t.organisation.name })
		.from(t.pilotContribution)
		.innerJoin(t.organisation, eq(t.organisation.id, t.pilotContribution.organisationId))
		.where(inArray(t.pilotContribution.pilotCostId, costs.map((c) => c.id)))
		.orderBy(asc(t.organisation.name));
	return costs.map((c) => ({
		id: c.id,
		label: c.label,
		kind: c.kind,
		amountGbp: c.amountGbp,
		version: c.version,
		contributions: rows
			.filter((r) => r.row.pilotCostId === c.id)
			.map((r) => ({ organisationId: r.row.organisationId, name: r.name, amountGbp: r.row.amountGbp }))
	}));
}

export async function createCost(db: Db, actor: Actor, partnershipId: string, scenarioId: number, input: PilotCostInput): Promise<PilotCost> {
	return transaction(db, async (tx) => {
		const scenario = await editable(tx, partnershipId, scenarioId);
		const checked = await checkCost(tx, partnershipId, input);
		const [row] = await tx
			.insert(t.pilotCost)
			.values({ partnershipId, scenarioId, label: checked.label, kind: checked.kind, amountGbp: checked.amountGbp })
			.returning();
		await insertContributions(tx, row.id, checked.contributions);
		const created = await costById(tx, partnershipId, scenarioId, row.id);
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'pilot_cost',
			entityId: row.id,
			action: 'created',
			after: costSnapshot(created),
			summary: `Pilot cost "${created.label}" added to scenario "${scenario.name}"`
		});
		return created;
	});
}

/** Save an edit made to version `baseVersion`; a stale one throws PilotConflictError, writing nothing. */
export async function updateCost(
	db: Db,
	actor: Actor,
	partnershipId: string,
	scenarioId: number,
	id: number,
	baseVersion: number,
	input: PilotCostInput
): Promise<PilotCost> {
	return transaction(db, async (tx) => {
		const scenario = await editable(tx, partnershipId, scenarioId);
		const current = await costById(tx, partnershipId, scenarioId, id);
		checkVersion(current, baseVersion);
		const checked = await checkCost(tx, partnershipId, input);
		await tx.update(t.pilotCost)
			.set({ label: checked.label, kind: checked.kind, amountGbp: checked.amountGbp, version: current.version + 1 })
			.where(eq(t.pilotCost.id, id));
		await tx.delete(t.pilotContribution).where(eq(t.pilotContribution.pilotCostId, id));
		await insertContributions(tx, id, checked.contributions);
		const saved = await costById(tx, partnershipId, scenarioId, id);
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'pilot_cost',
			entityId: id,
			action: 'changed',
			before: costSnapshot(current),
			after: costSnapshot(saved),
			summary: `Pilot cost "${saved.label}" of scenario "${scenario.name}" changed`
		});
		return saved;
	});
}

/** Delete a cost line and its split; with `baseVersion`, only if nobody changed it since. */
export async function deleteCost(db: Db, actor: Actor, partnershipId: string, scenarioId: number, id: number, baseVersion?: number): Promise<void> {
	await transaction(db, async (tx) => {
		const scenario = await editable(tx, partnershipId, scenarioId);
		const current = await costById(tx, partnershipId, scenarioId, id);
		if (baseVersion !== undefined) checkVersion(current, baseVersion);
		await tx.delete(t.pilotCost).where(eq(t.pilotCost.id, id));
		await audit.record(tx, actor, partnershipId, {
			entityKind: 'pilot_cost',
			entityId: id,
			action: 'deleted',
			before: costSnapshot(current),
			summary: `Pilot cost "${current.label}" removed from scenario "${scenario.name}"`
		});
	});
}

/** A scenario's pilot costs as the engine charges them in the appraisal. */
export async function costsForAppraisal(db: Db, partnershipId: string, scenarioId: number): Promise<EnginePilotCost[]> {
	return (await listCosts(db, partnershipId, scenarioId)).map((c) => ({
		label: c.label,
		kind: c.kind,
		amountGbp: c.amountGbp,
		contributions: c.contributions.map(({ organisationId, amountGbp }) => ({ organisationId, amountGbp }))
	}));
}

export interface PartnerTotal {
	organisationId: string;
	name: string;
	amountGbp: number;
}

/** What each partner puts into the pilot over all cost lines, largest first. */
export function partnerTotals(costs: PilotCost[]): PartnerTotal[] {
	const totals = new Map<string, PartnerTotal>();
	for (const c of costs) {
		for (const x of c.contributions) {
			const total = totals.get(x.organisationId) ?? { organisationId: x.organisationId, name: x.name, amountGbp: 0 };
			total.amountGbp += x.amountGbp;
			totals.set(x.organisationId, total);
		}
	}
	return [...totals.values()].sort((a, b) => b.amountGbp - a.amountGbp || a.name.localeCompare(b.name));
}

/** A cost line as the log keeps it: the split between partners by partner name. */
function costSnapshot(cost: PilotCost): audit.AuditChange['after'] {
	return {
		label: cost.label,
		kind: cost.kind,
		amountGbp: cost.amountGbp,
		split: Object.fromEntries(cost.contributions.map((c) => [c.name, c.amountGbp]))
	};
}

async function costById(db: Db, partnershipId: string, scenarioId: number, id: number): Promise<PilotCost> {
	const cost = (await listCosts(db, partnershipId, scenarioId)).find((c) => c.id === id);
	if (!cost) throw new PilotNotFoundError(`No pilot cost with id ${id} in scenario ${scenarioId}.`);
	return cost;
}

async function insertContributions(db: Db, pilotCostId: number, contributions: Map<string, number>): Promise<void> {
	const values = [...contributions].map(([organisationId, amountGbp]) => ({ pilotCostId, organisationId, amountGbp }));
	if (values.length) await db.insert(t.pilotContribution).values(values);
}

/** Pence are the smallest unit anyone pays in, so sums are compared to the penny. */
const PENNY = 0.005;

/** Pilot costs are real payments, not estimates: show their pence. */
const PENCE = { pence: true };

async function checkCost(db: Db, partnershipId: string, input: PilotCostInput) {
	const issues: FieldIssue[] = [];
	const label = (input.label ?? '').trim();
	if (!label) issues.push({ path: 'label', message: 'Enter what the cost is for, e.g. "First-year running cost".' });
	const amountGbp = gbpField(input.amountGbp, 'amountGbp', 'Cost', issues, { required: true });
	const kind = (input.kind || 'one_off') as PilotCostKind;
	if (!pilotCostKinds.includes(kind))
		issues.push({ path: 'kind', message: `Unknown kind of cost "${input.kind}"; choose ${Object.values(COST_KIND_LABELS).join(' or ')}.` });
	const known = new Set(
		(await db.select({ id: t.organisation.id }).from(t.organisation).where(eq(t.organisation.partnershipId, partnershipId))).map((o) => o.id)
	);
	const contributions = new Map<string, number>();
	for (const [organisationId, text] of Object.entries(input.contributions ?? {})) {
		const path = `contribution.${organisationId}`;
		if (!known.has(organisationId)) {
			issues.push({ path, message: `No partner with id "${organisationId}".` });
			continue;
		}
		const gbp = gbpField(text, path, 'Contribution', issues, { required: false });
		if (gbp) contributions.set(organisationId, gbp);
	}
	if (amountGbp !== null && issues.length === 0) {
		const sum = [...contributions.values()].reduce((a, b) => a + b, 0);
		const gap = amountGbp - sum;
		if (Math.abs(gap) > PENNY) {
			issues.push({
				path: 'contributions',
				message: `Partners' contributions add up to ${formatGbp(sum, PENCE)}, which is ${formatGbp(Math.abs(gap), PENCE)} ${gap > 0 ? 'short of' : 'more than'} the cost of ${formatGbp(amountGbp, PENCE)}.`
			});
		}
	}
	if (issues.length) throw new PilotInputError(issues);
	return { label, kind, amountGbp: amountGbp!, contributions };
}

/**
 * Pounds from form text, read by parseNumber ("£60,000", "250.50"), to the penny. Negative amounts
 * are refused. Blank is 0 unless `required`.
 */
function gbpField(
	text: string | undefined,
	path: string,
	label: string,
	issues: FieldIssue[],
	options: { required: boolean }
): number | null {
	const value = (text ?? '').trim();
	if (!value) {
		if (options.required) issues.push({ path, message: `Enter the ${label.toLowerCase()} in pounds, e.g. 60000.` });
		return options.required ? null : 0;
	}
	const gbp = parseNumber(value);
	if (gbp === null || Math.abs(gbp * 100 - Math.round(gbp * 100)) > 1e-6) {
		issues.push({ path, message: `${label} "${value}" is not an amount in pounds; write it like 60000 or £60,000.00.` });
		return null;
	}
	if (gbp < 0) {
		issues.push({ path, message: `${label} cannot be negative, got ${value}.` });
		return null;
	}
	return gbp;
}
