/**
 * Side-by-side comparison of two to four scenarios: each is evaluated with the engine, and the
 * results are laid out as table rows (one value per scenario), chart series and small-map fills.
 * Every number comes straight from `evaluateScenario`; this module only picks and arranges them,
 * so the screen, the printed report and the CSV/XLSX exports show the engine's figures.
 *
 * `buildComparison` is pure (engine data in, comparison out); `loadComparison` reads the database
 * on the request's thread and has the comparison built on a pool thread (`compute/`), which keeps
 * the prepared estate and the evaluations for the next request.
 */
import type { Db } from './db';
import { estateVersion, listServices, listSites, listZones, loadEngineData } from './estate';
import { compute } from './compute/pool';
import { shareJson, type SharedJson } from './compute/shared-json';
import * as scenarios from './scenarios';
import * as mitigations from './mitigations';
import { criterionCell, flaggedGroups } from '../equality/view';
import * as pilots from './pilots';
import { estimatedRefs, estimatesUsed, siteEstimates, type EstimatedRefs } from '../estimates-used';
import {
	evaluateScenario,
	GROUP_KEYS,
	GROUP_LABELS,
	prepareEstate,
	ScenarioError,
	type AccessSummary,
	type EngineData,
	type EvaluationResult,
	type GroupKey,
	type PilotCostInput,
	type PreparedEstate,
	type ScenarioAction,
	type ScenarioParameters
} from '../engine';
import { formatCoverageThreshold } from '../format';
import { projectPoint, zoneOutlines, type ZoneOutlines } from '../compare/outline';

export const MIN_SCENARIOS = 2;
export const MAX_SCENARIOS = 4;
/** The word a comparison link uses for the built-in baseline, so links work in any database. */
export const BASELINE_ID = 'baseline';

/** How a row's values are written: pounds, whole counts, a year, or text. */
export type RowFormat = 'gbp' | 'count' | 'year' | 'text';

export interface ComparisonRow {
	/** Stable key, e.g. `appraisal.npvGbp` or `access.library.0.age65`. */
	key: string;
	section: string;
	label: string;
	format: RowFormat;
	/** One per scenario, in the comparison's order; null where the figure does not apply. */
	values: (number | string | null)[];
	/** Per scenario: true when the figure rests on estimated estate facts. */
	estimated: boolean[];
	/** Indented under the row before it (group breakdowns). */
	sub?: boolean;
}

export interface ComparedScenario {
	/** `baseline` for the built-in one, else the numeric id as text. */
	linkId: string;
	id: number;
	name: string;
	description: string;
	isBaseline: boolean;
	actionCount: number;
}

export interface CoverageChart {
	service: string;
	serviceName: string;
	threshold: string;
	/** Rows: everyone, then each group the data carries; one share (0–1) per scenario. */
	bars: { key: 'all' | GroupKey; label: string; shares: (number | null)[] }[];
}

export interface ScenarioMap {
	/** Change in distance to the nearest site offering the map's service, per zone (m or min). */
	zoneChange: (number | null)[];
	closed: { ref: string; name: string; x: number; y: number }[];
	hubs: { ref: string; name: string; x: number; y: number }[];
	added: { ref: string; name: string; x: number; y: number }[];
	/** Zones and people now further away, and the largest increase. */
	zonesFurther: number;
	peopleFurther: number;
	maxIncrease: number;
	unit: 'm' | 'min';
}

export interface Comparison {
	scenarios: ComparedScenario[];
	rows: ComparisonRow[];
	/** Services whose access changes in at least one scenario (codes and names), for the chart picker. */
	affectedServices: { code: string; name: string }[];
	cashFlow: { periodYears: number; series: { year: number; cumulativeDiscountedGbp: number }[][] };
	coverage: CoverageChart | null;
	outlines: ZoneOutlines;
	maps: ScenarioMap[];
	/** Assumptions as rows with one value per scenario (they differ when parameters differ). */
	assumptions: { key: string; label: string; source: string; values: (number | string | null)[] }[];
	warnings: string[][];
	generatedAt: string;
}

export interface ScenarioToCompare {
	linkId: string;
	id: number;
	name: string;
	description: string;
	isBaseline: boolean;
	actions: ScenarioAction[];
	parameters: ScenarioParameters;
	/** Mitigations recorded for the option (none for a file or a link without them). */
	mitigations?: { action: string; owner: string; forWhom: string }[];
	/** The scenario's pilot costs, charged in its appraisal. */
	pilotCosts?: PilotCostInput[];
}

export interface ComparisonInput {
	data: EngineData;
	scenarios: ScenarioToCompare[];
	/** Service names by code (from the catalogue); codes are shown where a name is missing. */
	serviceNames: Record<string, string>;
	/** Buildings whose costs / floor areas, or visit counts, are estimates (from provenance). */
	estimated: EstimatedRefs;
	/** Zone polygons, aligned with `data.zones`, for the small maps. */
	zoneGeometries: GeoJSON.Geometry[];
	/** `zoneOutlines(zoneGeometries)` when the caller keeps it (the pool threads do: it is most of a comparison's time). */
	outlines?: ZoneOutlines;
	/** Service for the coverage chart and maps; default the one whose access changes most. */
	service?: string;
	now?: Date;
}

/**
 * Evaluate each scenario and arrange the results side by side. Throws CompareInputError naming a
 * scenario whose actions do not fit the estate. `results` are the scenarios' evaluations when the
 * caller has them already (the pool threads cache them).
 *
 * @example
 * const c = await buildComparison({ data, scenarios: [baseline, optionA], serviceNames, ... });
 * c.rows.find((r) => r.key === 'appraisal.npvGbp')?.values; // [0, 752338.4…]
 */
export async function buildComparison(
	input: ComparisonInput,
	results: EvaluationResult[] = evaluateAll(input.data, input.scenarios)
): Promise<Comparison> {
	const { data } = input;
	const used = results.map((r) => estimatesUsed(r, input.estimated));
	const estimatedMoney = used.map((u) => u.money);
	const estimatedVisits = used.map((u) => u.visits);
	const none = results.map(() => false);
	const rows: ComparisonRow[] = [];
	const add = (row: Omit<ComparisonRow, 'estimated'>, estimated: boolean[]) => rows.push({ ...row, estimated });

	const money = 'Costs and savings';
	const gbp = (key: string, label: string, pick: (r: EvaluationResult) => number) =>
		add({ key, section: money, label, format: 'gbp', values: results.map(pick) }, estimatedMoney);
	// Cashable first: what budgets see. Non-cashable value sits beside it, never mixed in unlabelled.
	gbp('appraisal.annualCashableSavingGbp', 'Annual cashable saving (running costs, rent, fees)', (r) => r.appraisal.annualCashableSavingGbp);
	gbp('appraisal.annualNonCashableSavingGbp', 'Annual non-cashable saving (channel shift, staff time)', (r) => r.appraisal.annualNonCashableSavingGbp);
	gbp('appraisal.annualNetSavingGbp', 'Annual net saving (both)', (r) => r.appraisal.annualNetSavingGbp);
	gbp('appraisal.oneOff.totalGbp', 'One-off cost (with optimism bias and pilot)', (r) => r.appraisal.oneOff.totalGbp);
	gbp('appraisal.npvCashableGbp', 'Net present value (NPV), cashable', (r) => r.appraisal.npvCashableGbp);
	gbp('appraisal.npvGbp', 'NPV with non-cashable savings', (r) => r.appraisal.npvGbp);
	add({ key: 'appraisal.paybackYearCashable', section: money, label: 'Payback year, cashable', format: 'year', values: results.map((r) => r.appraisal.paybackYearCashable) }, estimatedMoney);
	add({ key: 'appraisal.paybackYear', section: money, label: 'Payback year with non-cashable savings', format: 'year', values: results.map((r) => r.appraisal.paybackYear) }, estimatedMoney);
	// Pilot costs are the partnership's own entries, not estimates.
	add({ key: 'appraisal.oneOff.pilotGbp', section: money, label: 'Pilot costs, one-off', format: 'gbp', values: results.map((r) => r.appraisal.oneOff.pilotGbp), sub: true }, none);
	add({ key: 'appraisal.pilotRunningCostGbp', section: money, label: 'Pilot running costs a year', format: 'gbp', values: results.map((r) => r.appraisal.pilotRunningCostGbp), sub: true }, none);
	// Receipts are estimates where a sold building has no receipt entered.
	add(
		{ key: 'appraisal.capitalReceiptsGbp', section: money, label: 'Capital receipts', format: 'gbp', values: results.map((r) => r.appraisal.capitalReceiptsGbp) },
		results.map((r) => r.appraisal.vacatedSites.some((v) => v.receiptBasis === 'estimated'))
	);
	add({ key: 'parameters.periodYears', section: money, label: 'Appraisal period (years)', format: 'count', values: results.map((r) => r.parameters.appraisal.periodYears) }, none);

	const visits = 'Visits (per week)';
	const count = (key: string, label: string, pick: (r: EvaluationResult) => number) =>
		add({ key, section: visits, label, format: 'count', values: results.map(pick) }, estimatedVisits);
	count('footfall.displacedVisitsPerWeek', 'Visits displaced', (r) => r.footfall.displacedVisitsPerWeek);
	count('footfall.reassignedVisitsPerWeek', 'Going to another building', (r) => r.footfall.reassignedVisitsPerWeek);
	count('footfall.shiftedToPhoneVisitsPerWeek', 'Moving to phone', (r) => r.footfall.shiftedToPhoneVisitsPerWeek);
	count('footfall.shiftedToWebVisitsPerWeek', 'Moving online', (r) => r.footfall.shiftedToWebVisitsPerWeek);
	count('footfall.lostVisitsPerWeek', 'Lost (no building left offers the service)', (r) => r.footfall.lostVisitsPerWeek);
	const over = results.map((r) => r.footfall.loads.filter((l) => l.overCapacity));
	add({ key: 'footfall.overCapacityCount', section: visits, label: 'Buildings over capacity', format: 'count', values: over.map((o) => o.length) }, estimatedVisits);
	add({ key: 'footfall.overCapacityNames', section: visits, label: 'Which buildings', format: 'text', values: over.map((o) => o.map((l) => l.name).join('; ') || null), sub: true }, estimatedVisits);

	const hubs = 'Hubs';
	add({ key: 'colocation.count', section: hubs, label: 'Hubs', format: 'count', values: results.map((r) => r.colocation.length) }, none);
	add({ key: 'colocation.shortCount', section: hubs, label: 'Hubs short of space', format: 'count', values: results.map((r) => r.colocation.filter((h) => !h.fits).length) }, estimatedMoney);
	add(
		{
			key: 'colocation.fit',
			section: hubs,
			label: 'Hub fit',
			format: 'text',
			values: results.map((r) => r.colocation.map((h) => (h.fits ? `${h.name}: fits` : `${h.name}: ${Math.round(h.shortfallM2)} m² short`)).join('; ') || null),
			sub: true
		},
		estimatedMoney
	);

	const affected = affectedServices(results);
	for (const service of affected) {
		const section = `Access: ${input.serviceNames[service] ?? service}`;
		const access = results.map((r) => r.services.find((s) => s.service === service));
		const thresholds = access.find(Boolean)?.coverage ?? [];
		thresholds.forEach((threshold, t) => {
			const within = formatCoverageThreshold(threshold);
			const lost = (pick: (a: NonNullable<(typeof access)[number]>) => [AccessSummary | undefined, AccessSummary | undefined]) =>
				access.map((a) => {
					if (!a) return null;
					const [before, after] = pick(a);
					const b = before?.coverage[t];
					const x = after?.coverage[t];
					return b && x ? b.population - x.population : null;
				});
			add({ key: `access.${service}.${t}.all`, section, label: `People no longer within ${within}`, format: 'count', values: lost((a) => [a.baseline, a]) }, none);
			for (const group of GROUP_KEYS) {
				const values = lost((a) => [a.baseline.groups[group], a.groups[group]]);
				if (values.every((v) => v === null)) continue;
				const label = group === 'noCar' ? `${GROUP_LABELS[group]} (households)` : GROUP_LABELS[group];
				add({ key: `access.${service}.${t}.${group}`, section, label, format: 'count', values, sub: true }, none);
			}
		});
		add(
			{ key: `access.${service}.meanDistanceM`, section, label: 'Average distance to the nearest (m)', format: 'count', values: access.map((a) => a?.meanDistanceM ?? a?.meanMinutes ?? null) },
			none
		);
	}

	addEqualityRows(add, results, input, none);

	const partners = 'By partner';
	const orgs = partnerList(results);
	for (const org of orgs) {
		const share = (r: EvaluationResult) => r.appraisal.partnerShares.find((p) => p.organisationId === org.id);
		add({ key: `partner.${org.id}.annualSavingGbp`, section: partners, label: `${org.name}: annual saving`, format: 'gbp', values: results.map((r) => share(r)?.annualSavingGbp ?? 0) }, estimatedMoney);
		add({ key: `partner.${org.id}.oneOffCostGbp`, section: partners, label: `${org.name}: one-off cost`, format: 'gbp', values: results.map((r) => share(r)?.oneOffCostGbp ?? 0), sub: true }, estimatedMoney);
		add({ key: `partner.${org.id}.npvGbp`, section: partners, label: `${org.name}: NPV`, format: 'gbp', values: results.map((r) => share(r)?.npvGbp ?? 0), sub: true }, estimatedMoney);
	}

	const mapService = input.service && results.some((r) => r.services.some((s) => s.service === input.service)) ? input.service : (affected[0] ?? null);
	const outlines = input.outlines ?? zoneOutlines(input.zoneGeometries);
	return {
		scenarios: input.scenarios.map((s) => ({
			linkId: s.linkId,
			id: s.id,
			name: s.name,
			description: s.description,
			isBaseline: s.isBaseline,
			actionCount: s.actions.length
		})),
		rows,
		affectedServices: affected.map((code) => ({ code, name: input.serviceNames[code] ?? code })),
		cashFlow: {
			periodYears: Math.max(...results.map((r) => r.parameters.appraisal.periodYears)),
			series: results.map((r) => r.appraisal.cashFlows.map((c) => ({ year: c.year, cumulativeDiscountedGbp: c.cumulativeDiscountedGbp })))
		},
		coverage: mapService ? coverageChart(results, mapService, input.serviceNames[mapService] ?? mapService) : null,
		outlines,
		maps: results.map((r) => scenarioMap(r, data, mapService, outlines)),
		assumptions: assumptionRows(results),
		warnings: results.map((r) => r.warnings),
		generatedAt: (input.now ?? new Date()).toISOString()
	};
}

function evaluateAll(data: EngineData, scenarios: ScenarioToCompare[]): EvaluationResult[] {
	const estate = prepareEstate(data);
	return scenarios.map((s) => evaluateForComparison(estate, s));
}

/**
 * The access criteria (share and verdict per option), the groups flagged as disproportionately
 * affected with the people losing reach in each, what the data cannot count, and the mitigations.
 */
function addEqualityRows(
	add: (row: Omit<ComparisonRow, 'estimated'>, estimated: boolean[]) => void,
	results: EvaluationResult[],
	input: ComparisonInput,
	none: boolean[]
): void {
	const criteria = 'Access criteria (share within reach, pass or fail)';
	for (const c of results[0]?.criteria ?? []) {
		const values = results.map((r) => {
			const x = r.criteria.find((y) => y.id === c.id);
			return x ? criterionCell(x.after, x.passAfter) : null;
		});
		add({ key: `criteria.${c.id}`, section: criteria, label: `${c.name} (${serviceLabel(input, c.service)})`, format: 'text', values }, none);
	}

	const equality = 'Equality impact';
	const flags = results.map((r) => flaggedGroups(r.equality));
	add(
		{
			key: 'equality.flagged',
			section: equality,
			label: 'Groups disproportionately affected',
			format: 'text',
			values: flags.map((f) => f.map((x) => `${x.label} (${serviceLabel(input, x.service).toLowerCase()}, ${x.thresholdLabel})`).join('; ') || 'None')
		},
		none
	);
	const flaggedKeys = new Map<string, { service: string; threshold: string; characteristic: string; group: string; label: string }>();
	for (const f of flags.flat()) {
		const key = `${f.service}.${f.thresholdLabel}.${f.characteristic}.${f.group}`;
		flaggedKeys.set(key, { service: f.service, threshold: f.thresholdLabel, characteristic: f.characteristic, group: f.group, label: f.label });
	}
	for (const [key, f] of flaggedKeys) {
		const values = results.map((r) => {
			const figure = r.equality.find((e) => e.service === f.service && e.characteristic === f.characteristic && e.group === f.group);
			return figure?.lost.find((l) => l.thresholdLabel === f.threshold)?.people ?? 0;
		});
		add(
			{ key: `equality.${key}`, section: equality, label: `${f.label}: no longer within ${f.threshold} of ${serviceLabel(input, f.service).toLowerCase()}`, format: 'count', values, sub: true },
			none
		);
	}
	add({ key: 'equality.notCounted', section: equality, label: 'Not counted', format: 'text', values: results.map((r) => r.equalityGaps.map((g) => g.label).join('; ') || null) }, none);
	add(
		{
			key: 'mitigations',
			section: equality,
			label: 'Mitigations recorded',
			format: 'text',
			values: input.scenarios.map((s) => (s.mitigations ?? []).map((m) => `${m.action} (owner: ${m.owner}; for ${m.forWhom})`).join('; ') || null)
		},
		none
	);
}

function serviceLabel(input: ComparisonInput, code: string): string {
	return input.serviceNames[code] ?? code;
}

/**
 * One scenario's result. A scenario whose actions no longer fit the estate (say an import removed a
 * building it closes) is the reader's to fix, so it becomes a CompareInputError naming the scenario.
 */
export function evaluateForComparison(estate: PreparedEstate, s: ScenarioToCompare): EvaluationResult {
	try {
		return evaluateScenario(estate, s.actions, s.parameters, { pilotCosts: s.pilotCosts });
	} catch (error) {
		if (!(error instanceof ScenarioError)) throw error;
		// Each engine message is a sentence of its own.
		const problems = error.issues.map((i) => `Change ${i.index + 1}: ${i.message}`).join(' ');
		const which = error.issues.length === 1 ? 'that change' : 'those changes';
		throw new CompareInputError(
			`Scenario "${s.name}" cannot be evaluated against the current estate. ${problems} Open the scenario to undo or fix ${which}, or leave it out of the comparison.`
		);
	}
}

/** Services whose coverage or average distance differs from today in at least one scenario, by name order of code. */
function affectedServices(results: EvaluationResult[]): string[] {
	const changed = new Set<string>();
	for (const r of results) {
		for (const s of r.services) {
			const moved = s.meanDistanceM !== s.baseline.meanDistanceM || s.meanMinutes !== s.baseline.meanMinutes;
			const lost = s.coverage.some((c, i) => c.population !== s.baseline.coverage[i]?.population);
			if (moved || lost) changed.add(s.service);
		}
	}
	// Most people losing the first threshold first: that is what a reader looks for.
	const loss = (service: string) =>
		Math.max(
			...results.map((r) => {
				const s = r.services.find((x) => x.service === service);
				return s ? Math.abs((s.baseline.coverage[0]?.population ?? 0) - (s.coverage[0]?.population ?? 0)) : 0;
			})
		);
	return [...changed].sort((a, b) => loss(b) - loss(a) || a.localeCompare(b));
}

/** Partners with a non-zero figure in some scenario, by name. */
function partnerList(results: EvaluationResult[]): { id: string; name: string }[] {
	const orgs = new Map<string, string>();
	for (const r of results)
		for (const p of r.appraisal.partnerShares)
			if (p.annualSavingGbp !== 0 || p.oneOffCostGbp !== 0 || p.npvGbp !== 0) orgs.set(p.organisationId, p.name);
	return [...orgs].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

function coverageChart(results: EvaluationResult[], service: string, serviceName: string): CoverageChart {
	const access = results.map((r) => r.services.find((s) => s.service === service));
	const first = access.find(Boolean)?.coverage[0];
	const bars: CoverageChart['bars'] = [{ key: 'all', label: 'Everyone', shares: access.map((a) => a?.coverage[0]?.share ?? null) }];
	for (const group of GROUP_KEYS) {
		const shares = access.map((a) => a?.groups[group]?.coverage[0]?.share ?? null);
		if (shares.some((s) => s !== null)) bars.push({ key: group, label: GROUP_LABELS[group], shares });
	}
	return { service, serviceName, threshold: first ? formatCoverageThreshold(first) : '', bars };
}

function scenarioMap(r: EvaluationResult, data: EngineData, service: string | null, outlines: ZoneOutlines): ScenarioMap {
	const delta = service ? r.zoneAccess.find((z) => z.service === service) : undefined;
	const zoneChange = data.zones.map((_, i) => {
		const before = delta?.before[i] ?? null;
		const after = delta?.after[i] ?? null;
		return before === null || after === null ? null : after - before;
	});
	let zonesFurther = 0;
	let peopleFurther = 0;
	let maxIncrease = 0;
	zoneChange.forEach((change, i) => {
		// Below a metre is rounding, not a change anyone would notice.
		if (change !== null && change > 1) {
			zonesFurther++;
			peopleFurther += data.zones[i].population;
			maxIncrease = Math.max(maxIncrease, change);
		}
	});
	const sites = new Map(data.sites.map((s) => [s.ref, s]));
	const point = (ref: string, name: string, lon: number, lat: number) => ({ ref, name, ...projectPoint(outlines, lon, lat) });
	const closed = r.actions.flatMap((a) => (a.type === 'close' && sites.has(a.siteRef) ? [a.siteRef] : []));
	const hubRefs = new Set(r.colocation.map((h) => h.hubRef));
	const added = r.actions.flatMap((a) => (a.type === 'add' ? [point(a.site.ref, a.site.name, a.site.lon, a.site.lat)] : []));
	return {
		zoneChange,
		closed: closed.map((ref) => point(ref, sites.get(ref)!.name, sites.get(ref)!.lon, sites.get(ref)!.lat)),
		hubs: [...hubRefs].filter((ref) => sites.has(ref)).map((ref) => point(ref, sites.get(ref)!.name, sites.get(ref)!.lon, sites.get(ref)!.lat)),
		added,
		zonesFurther,
		peopleFurther,
		maxIncrease,
		unit: delta?.unit ?? 'm'
	};
}

function assumptionRows(results: EvaluationResult[]): Comparison['assumptions'] {
	const rows = new Map<string, Comparison['assumptions'][number]>();
	results.forEach((r, i) => {
		for (const a of r.assumptions) {
			const row = rows.get(a.key) ?? { key: a.key, label: a.label, source: a.source, values: results.map(() => null) };
			row.values[i] = a.value;
			rows.set(a.key, row);
		}
	});
	return [...rows.values()];
}

// ---------------------------------------------------------------------------------------------
// Reading the request and the database

export interface CompareRequest {
	/** The ids as given, in order: `baseline` or scenario ids. */
	linkIds: string[];
	service?: string;
}

/**
 * The scenario ids of a comparison link: `?ids=baseline,4,7` (or repeated `ids` from the checkbox
 * form), in order, without repeats.
 */
export function parseIds(values: string[]): string[] {
	const ids = values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean);
	return [...new Set(ids)];
}

export class CompareInputError extends Error {}

/** What a comparison reads from the estate: the same for every comparison until the estate changes. */
export interface ComparisonEstate extends Omit<ComparisonInput, 'scenarios' | 'service' | 'now' | 'estimated' | 'outlines'> {
	/** EstimatedRefs as lists, so the estate travels as JSON. */
	estimated: { cost: string[]; visits: string[] };
}

/** A comparison for a pool thread: the estate as shared JSON (keyed by its version) and the scenarios. */
export interface CompareTask {
	estate: SharedJson;
	scenarios: ScenarioToCompare[];
	service?: string;
	/** ISO time the comparison is generated at. */
	now: string;
}

/**
 * Load and evaluate the scenarios a link names. Rejects with CompareInputError (with a message for
 * the error summary) for too few or too many, ids that are not scenarios, or a scenario whose
 * actions no longer fit the estate.
 */
export async function loadComparison(db: Db, partnershipId: string, request: CompareRequest & { now?: Date }): Promise<Comparison> {
	const { linkIds } = request;
	if (linkIds.length < MIN_SCENARIOS || linkIds.length > MAX_SCENARIOS) {
		throw new CompareInputError(
			`Choose between ${MIN_SCENARIOS} and ${MAX_SCENARIOS} scenarios to compare; ${linkIds.length === 0 ? 'none were' : linkIds.length === 1 ? 'only 1 was' : `${linkIds.length} were`} chosen.`
		);
	}
	const all = await scenarios.list(db, partnershipId);
	const picked = linkIds.map((linkId) => {
		const s = linkId === BASELINE_ID ? all.find((x) => x.isBaseline) : all.find((x) => String(x.id) === linkId);
		if (!s) throw new CompareInputError(`There is no scenario with id "${linkId}"; it may have been deleted. Choose again below.`);
		return s;
	});
	const chosen: ScenarioToCompare[] = [];
	for (const s of picked) {
		chosen.push({
			linkId: s.isBaseline ? BASELINE_ID : String(s.id),
			id: s.id,
			name: s.name,
			description: s.description,
			isBaseline: s.isBaseline,
			actions: s.actions,
			parameters: s.parameters,
			pilotCosts: await pilots.costsForAppraisal(db, partnershipId, s.id)
		});
	}
	const recorded = await mitigations.listFor(db, partnershipId, chosen.map((s) => s.id));
	for (const s of chosen) s.mitigations = recorded.get(s.id) ?? [];
	const answer = await compute('compare', {
		estate: await sharedComparisonEstate(db, partnershipId),
		scenarios: chosen,
		service: request.service,
		now: (request.now ?? new Date()).toISOString()
	});
	if ('inputError' in answer) throw new CompareInputError(answer.inputError);
	return answer;
}

/** The latest estate read for comparisons, per partnership: read once per estate version. */
const sharedEstates = new Map<string, SharedJson>();

/** The estate as the pool threads take it (comparisons and scenario results), read once per estate version. */
export async function sharedComparisonEstate(db: Db, partnershipId: string): Promise<SharedJson> {
	// The version is random per change (and per seeding), so the key also tells two databases apart.
	const key = `${partnershipId}@${await estateVersion(db, partnershipId)}`;
	const cached = sharedEstates.get(partnershipId);
	if (cached?.key === key) return cached;
	const sites = await listSites(db, partnershipId);
	const estimated = estimatedRefs(sites.map(siteEstimates));
	const zones = await listZones(db, partnershipId, { geometry: true });
	const data = await loadEngineData(db, partnershipId);
	// loadEngineData and listZones both order zones by code; check rather than assume.
	if (zones.some((z, i) => z.code !== data.zones[i]?.code)) throw new Error('Zone order differs between the engine data and the zone list.');
	const estate: ComparisonEstate = {
		data,
		serviceNames: Object.fromEntries((await listServices(db)).map((s) => [s.code, s.name])),
		estimated: { cost: [...estimated.cost], visits: [...estimated.visits] },
		zoneGeometries: zones.map((z) => z.geometry)
	};
	const shared = shareJson(key, estate);
	sharedEstates.set(partnershipId, shared);
	return shared;
}

/** The link that reopens a comparison: `/compare?ids=baseline,4,7` (plus the chosen service). */
export function comparisonHref(path: string, linkIds: string[], service?: string | null): string {
	const params = new URLSearchParams({ ids: linkIds.join(',') });
	if (service) params.set('service', service);
	return `${path}?${params.toString().replace(/%2C/g, ',')}`;
}

export interface ComparisonFromUrl {
	linkIds: string[];
	service: string | null;
	comparison: Comparison | null;
	/** Why there is no comparison, for the error summary; null when none was asked for yet. */
	error: string | null;
}

/**
 * The comparison a page or download URL asks for: `ids` (comma-separated or repeated) and an
 * optional `service`. `asked` says whether an empty choice is an error (the form was sent) or just a
 * first visit.
 */
export async function comparisonFromUrl(db: Db, partnershipId: string, url: URL, asked = url.searchParams.has('ids')): Promise<ComparisonFromUrl> {
	const linkIds = parseIds(url.searchParams.getAll('ids'));
	const service = url.searchParams.get('service') || null;
	if (!asked && linkIds.length === 0) return { linkIds, service, comparison: null, error: null };
	try {
		return { linkIds, service, comparison: await loadComparison(db, partnershipId, { linkIds, service: service ?? undefined }), error: null };
	} catch (error) {
		if (error instanceof CompareInputError) return { linkIds, service, comparison: null, error: error.message };
		throw error;
	}
}
