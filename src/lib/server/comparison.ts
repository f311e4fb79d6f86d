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
import { createHash } from 'node:crypto';
import type { Db } from './db';
import { LruCache } from './compute/lru';
import { contextLayerJson, estateVersion, listServices, listSites, listZones, loadEngineData, partnershipById } from './estate';
import { compute } from './compute/pool';
import { shareJson, type SharedJson } from './compute/shared-json';
import * as scenarios from './scenarios';
import * as mitigations from './mitigations';
import { criterionCell, flaggedGroups, ruleText } from '../equality/view';
import * as pilots from './pilots';
import { describeEstimatesUsed, estimatedRefs, estimatesUsed, siteEstimates, type EstimatedRefs } from '../estimates-used';
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
import { formatCount, formatCoverageThreshold, formatThreshold } from '../format';
import { projectPoint, zoneOutlines, type ZoneOutlines } from '../compare/outline';
import { placeLabels, type PlaceLabel } from '../compare/places';
import { accessChanges, type ServiceAccessChange } from '../workspace/impact';
import { assumptionLabel, assumptionSource, assumptionValue, type AssumptionNames } from '../report/assumptions';
import { describeAction } from '../workspace/changes';
import {
	indicatorFormat,
	indicatorLabel,
	indicatorUnit,
	type IndicatorContext,
	type IndicatorFormat,
	type IndicatorId,
	type IndicatorUnit
} from '../report/indicators';
import type { CriterionResult, EqualityFigure, EqualityGap } from '../engine/types';

export const MIN_SCENARIOS = 2;
export const MAX_SCENARIOS = 4;

/** How a row's values are written: pounds, whole counts, a year, a distance or text. */
export type RowFormat = IndicatorFormat;

export interface ComparisonRow {
	/** Stable key, e.g. `appraisal.npvGbp` or `access.library.0.age65`. */
	key: string;
	section: string;
	/** The figure it shows, from the indicator registry, with what its label depends on. */
	indicator: IndicatorId;
	context: IndicatorContext;
	/** From the registry: `indicatorLabel(indicator, context)`, unless the row names its own subject. */
	label: string;
	unit: IndicatorUnit;
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
	/** Assumptions as rows with one value per scenario (they differ when parameters differ), label and source in plain words. */
	assumptions: { key: string; label: string; source: string; values: (number | string | null)[]; shown: (string | null)[] }[];
	warnings: string[][];
	generatedAt: string;
	/** The partnership's name, for the report's title. */
	partnershipName: string;
	/** Place names for the small maps, in map coordinates. */
	places: { name: string; x: number; y: number }[];
	/** What the report needs beyond the table, one per scenario in the comparison's order. */
	options: OptionDetails[];
}

/** One option's facts for the cabinet report, already in plain words where they are words. */
export interface OptionDetails {
	/** What the option changes, one line each ("Close Hale Library"). */
	changes: string[];
	/** The engine's warnings with building names for refs. */
	warnings: string[];
	/** People losing (and gaining) reach per service, zone by zone, by group. */
	access: (ServiceAccessChange & { serviceName: string; thresholdLabels: string[] })[];
	criteria: CriterionResult[];
	equality: EqualityFigure[];
	equalityGaps: EqualityGap[];
	/** The disproportionate-impact rule, in words. */
	equalityRule: string;
	/** What the money and visit figures rest on, as phrases following "rest on"; '' where nothing is estimated. */
	restsOn: { money: string; visits: string };
	/** How many buildings' estimated facts the money and the visit figures rest on. */
	estimatedBuildings: { money: number; visits: number };
	pilotCosts: { label: string; kind: 'one_off' | 'annual'; amountGbp: number; contributions: { partner: string; amountGbp: number }[] }[];
	milestones: { title: string; owner: string; startDate: string; endDate: string; status: string }[];
	mitigations: { action: string; owner: string; forWhom: string }[];
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
	/** The pilot's milestones, status in words. */
	milestones?: OptionDetails['milestones'];
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
	/** The partnership's name for the report's title; default "the partnership". */
	partnershipName?: string;
	/** Place names for the small maps (`placeLabels`). */
	places?: PlaceLabel[];
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
	const add = (row: RowInput, estimated: boolean[]) => rows.push(comparisonRow(row, estimated));

	const money = 'Costs and savings';
	const gbp = (key: string, indicator: IndicatorId, pick: (r: EvaluationResult) => number) =>
		add({ key, section: money, indicator, values: results.map(pick) }, estimatedMoney);
	// Cashable first: what budgets see. Non-cashable value sits beside it, never mixed in unlabelled.
	gbp('appraisal.annualCashableSavingGbp', 'annualCashableSaving', (r) => r.appraisal.annualCashableSavingGbp);
	gbp('appraisal.annualNonCashableSavingGbp', 'annualNonCashableSaving', (r) => r.appraisal.annualNonCashableSavingGbp);
	gbp('appraisal.annualNetSavingGbp', 'annualNetSaving', (r) => r.appraisal.annualNetSavingGbp);
	gbp('appraisal.oneOff.totalGbp', 'oneOffCost', (r) => r.appraisal.oneOff.totalGbp);
	gbp('appraisal.npvCashableGbp', 'npvCashable', (r) => r.appraisal.npvCashableGbp);
	gbp('appraisal.npvGbp', 'npv', (r) => r.appraisal.npvGbp);
	add({ key: 'appraisal.paybackYearCashable', section: money, indicator: 'paybackYearCashable', values: results.map((r) => r.appraisal.paybackYearCashable) }, estimatedMoney);
	add({ key: 'appraisal.paybackYear', section: money, indicator: 'paybackYear', values: results.map((r) => r.appraisal.paybackYear) }, estimatedMoney);
	// Pilot costs are the partnership's own entries, not estimates.
	add({ key: 'appraisal.oneOff.pilotGbp', section: money, indicator: 'pilotOneOffCost', values: results.map((r) => r.appraisal.oneOff.pilotGbp), sub: true }, none);
	add({ key: 'appraisal.pilotRunningCostGbp', section: money, indicator: 'pilotRunningCost', values: results.map((r) => r.appraisal.pilotRunningCostGbp), sub: true }, none);
	// Receipts are estimates where a sold building has no receipt entered.
	add(
		{ key: 'appraisal.capitalReceiptsGbp', section: money, indicator: 'capitalReceipts', values: results.map((r) => r.appraisal.capitalReceiptsGbp) },
		results.map((r) => r.appraisal.vacatedSites.some((v) => v.receiptBasis === 'estimated'))
	);
	add({ key: 'parameters.periodYears', section: money, indicator: 'periodYears', values: results.map((r) => r.parameters.appraisal.periodYears) }, none);

	const visits = 'Visits (per week)';
	const count = (key: string, indicator: IndicatorId, pick: (r: EvaluationResult) => number) =>
		add({ key, section: visits, indicator, values: results.map(pick) }, estimatedVisits);
	count('footfall.displacedVisitsPerWeek', 'displacedVisits', (r) => r.footfall.displacedVisitsPerWeek);
	count('footfall.reassignedVisitsPerWeek', 'reassignedVisits', (r) => r.footfall.reassignedVisitsPerWeek);
	count('footfall.shiftedToPhoneVisitsPerWeek', 'phoneVisits', (r) => r.footfall.shiftedToPhoneVisitsPerWeek);
	count('footfall.shiftedToWebVisitsPerWeek', 'webVisits', (r) => r.footfall.shiftedToWebVisitsPerWeek);
	count('footfall.lostVisitsPerWeek', 'lostVisits', (r) => r.footfall.lostVisitsPerWeek);
	const over = results.map((r) => r.footfall.loads.filter((l) => l.overCapacity));
	add({ key: 'footfall.overCapacityCount', section: visits, indicator: 'overCapacityCount', values: over.map((o) => o.length) }, estimatedVisits);
	add({ key: 'footfall.overCapacityNames', section: visits, indicator: 'overCapacityNames', values: over.map((o) => o.map((l) => l.name).join('; ') || null), sub: true }, estimatedVisits);

	const hubs = 'Hubs';
	add({ key: 'colocation.count', section: hubs, indicator: 'hubCount', values: results.map((r) => r.colocation.length) }, none);
	add({ key: 'colocation.shortCount', section: hubs, indicator: 'hubsShortOfSpace', values: results.map((r) => r.colocation.filter((h) => !h.fits).length) }, estimatedMoney);
	add(
		{
			key: 'colocation.fit',
			section: hubs,
			indicator: 'hubFit',
			values: results.map((r) => r.colocation.map((h) => (h.fits ? `${h.name}: fits` : `${h.name}: ${formatCount(h.shortfallM2)} m² short`)).join('; ') || null),
			sub: true
		},
		estimatedMoney
	);

	// Counted zone by zone, as the impact panel counts them: a gain elsewhere never hides a loss.
	const changes = results.map((r) => accessChanges(data.zones, r.zoneAccess, r.parameters));
	const affected = affectedServices(results, changes);
	for (const service of affected) {
		const section = `Access: ${input.serviceNames[service] ?? service}`;
		const access = results.map((r) => r.services.find((s) => s.service === service));
		const change = changes.map((c) => c.find((x) => x.service === service));
		const thresholds = access.find(Boolean)?.coverage ?? [];
		const anyGain = change.some((c) => c?.thresholds.some((t) => t.gained.population > 0));
		thresholds.forEach((threshold, t) => {
			const context = { threshold: formatCoverageThreshold(threshold) };
			const people = (side: 'lost' | 'gained', group?: GroupKey) =>
				results.map((_, i) => {
					if (!access[i]) return null;
					const count = change[i]?.thresholds[t]?.[side];
					if (!count) return 0;
					return group ? (count.groups[group] ?? null) : count.population;
				});
			add({ key: `access.${service}.${t}.all`, section, indicator: 'accessLost', context, values: people('lost') }, none);
			for (const group of GROUP_KEYS) {
				const values = people('lost', group);
				if (values.every((v) => v === null)) continue;
				add({ key: `access.${service}.${t}.${group}`, section, indicator: 'accessLost', context: { ...context, group }, values, sub: true }, none);
			}
			if (anyGain) add({ key: `access.${service}.${t}.gained`, section, indicator: 'accessGained', context, values: people('gained') }, none);
		});
		// Options measured by a travel-time matrix give minutes, the others metres: one row per unit, never mixed.
		for (const distanceUnit of ['m', 'min'] as const) {
			const values = access.map((a) => (distanceUnit === 'min' ? (a?.meanMinutes ?? null) : (a?.meanDistanceM ?? null)));
			if (values.every((v) => v === null)) continue;
			const key = `access.${service}.${distanceUnit === 'min' ? 'meanMinutes' : 'meanDistanceM'}`;
			add({ key, section, indicator: 'meanDistance', context: { distanceUnit }, values }, none);
		}
	}

	addEqualityRows(add, results, input, none);

	const partners = 'By partner';
	const orgs = partnerList(results);
	for (const org of orgs) {
		const share = (r: EvaluationResult) => r.appraisal.partnerShares.find((p) => p.organisationId === org.id);
		const context = { partner: org.name };
		add({ key: `partner.${org.id}.annualSavingGbp`, section: partners, indicator: 'partnerAnnualSaving', context, values: results.map((r) => share(r)?.annualSavingGbp ?? 0) }, estimatedMoney);
		add({ key: `partner.${org.id}.oneOffCostGbp`, section: partners, indicator: 'partnerOneOffCost', context, values: results.map((r) => share(r)?.oneOffCostGbp ?? 0), sub: true }, estimatedMoney);
		add({ key: `partner.${org.id}.npvGbp`, section: partners, indicator: 'partnerNpv', context, values: results.map((r) => share(r)?.npvGbp ?? 0), sub: true }, estimatedMoney);
	}

	const names = lookups(input, results);
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
		assumptions: assumptionRows(results, names),
		warnings: results.map((r) => r.warnings),
		generatedAt: (input.now ?? new Date()).toISOString(),
		partnershipName: input.partnershipName ?? 'the partnership',
		places: (input.places ?? []).map((p) => ({ name: p.name, ...projectPoint(outlines, p.lon, p.lat) })),
		options: input.scenarios.map((s, i) => optionDetails(s, results[i], changes[i], used[i], input, names))
	};
}

/** Names for refs and codes: buildings (the estate's and those the options add), services, partners. */
function lookups(input: ComparisonInput, results: EvaluationResult[]): AssumptionNames {
	const sites = new Map(input.data.sites.map((x) => [x.ref, x.name]));
	for (const r of results) for (const a of r.actions) if (a.type === 'add') sites.set(a.site.ref, a.site.name);
	const partners = new Map(input.data.organisations.map((o) => [o.id, o.name]));
	return {
		site: (ref) => sites.get(ref) ?? 'a building no longer in the estate',
		service: (code) => serviceLabel(input, code),
		partner: (id) => partners.get(id) ?? 'a partner no longer listed'
	};
}

/** An engine warning with building names for refs: "Hale Library (lib-hale) …" reads "Hale Library …". */
function plainWarning(warning: string, refs: string[], names: AssumptionNames): string {
	let text = warning;
	// Longest first, so a ref that begins another ref never replaces part of it.
	for (const ref of [...refs].sort((a, b) => b.length - a.length)) {
		if (!text.includes(ref)) continue;
		const name = names.site(ref);
		text = text.split(`${name} (${ref})`).join(name).split(`'${ref}'`).join(name).replace(new RegExp(`\\bsites? ${escapeRegExp(ref)}\\b`, 'g'), name).split(ref).join(name);
	}
	return text;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function optionDetails(
	s: ScenarioToCompare,
	r: EvaluationResult,
	access: ServiceAccessChange[],
	used: ReturnType<typeof estimatesUsed>,
	input: ComparisonInput,
	names: AssumptionNames
): OptionDetails {
	const siteName = names.site;
	const service = names.service;
	const refs = input.data.sites.map((x) => x.ref).concat(r.actions.flatMap((a) => (a.type === 'add' ? [a.site.ref] : [])));
	return {
		changes: r.actions.map((a) => describeAction(a, { site: siteName, service: (code) => service(code).toLowerCase() })),
		warnings: r.warnings.map((w) => plainWarning(w, refs, names)),
		access: access.map((a) => ({
			...a,
			serviceName: service(a.service),
			thresholdLabels: a.thresholds.map((t) => formatThreshold(t.threshold, a.unit))
		})),
		criteria: r.criteria,
		equality: r.equality,
		equalityGaps: r.equalityGaps,
		equalityRule: ruleText(r.parameters),
		restsOn: describeEstimatesUsed(used, siteName),
		estimatedBuildings: { money: new Set([...used.costRefs, ...used.touchedVisitRefs]).size, visits: used.visitRefs.length },
		pilotCosts: (s.pilotCosts ?? []).map((c) => ({
			label: c.label,
			kind: c.kind,
			amountGbp: c.amountGbp,
			contributions: c.contributions.map((x) => ({ partner: names.partner(x.organisationId), amountGbp: x.amountGbp }))
		})),
		milestones: s.milestones ?? [],
		mitigations: s.mitigations ?? []
	};
}

function evaluateAll(data: EngineData, scenarios: ScenarioToCompare[]): EvaluationResult[] {
	const estate = prepareEstate(data);
	return scenarios.map((s) => evaluateForComparison(estate, s));
}

/** A row as the builders give it: the label, unit and format come from the registry. */
interface RowInput {
	key: string;
	section: string;
	indicator: IndicatorId;
	context?: IndicatorContext;
	/** Only for rows whose subject is data (a criterion's or a group's name); else the registry's label. */
	label?: string;
	values: (number | string | null)[];
	sub?: boolean;
}

function comparisonRow(row: RowInput, estimated: boolean[]): ComparisonRow {
	const context = row.context ?? {};
	return {
		key: row.key,
		section: row.section,
		indicator: row.indicator,
		context,
		label: row.label ?? indicatorLabel(row.indicator, context),
		unit: indicatorUnit(row.indicator, context),
		format: indicatorFormat(row.indicator, context),
		values: row.values,
		estimated,
		...(row.sub ? { sub: true } : {})
	};
}

/**
 * The access criteria (share and verdict per option), the groups flagged as disproportionately
 * affected with the people losing reach in each, what the data cannot count, and the mitigations.
 */
function addEqualityRows(add: (row: RowInput, estimated: boolean[]) => void, results: EvaluationResult[], input: ComparisonInput, none: boolean[]): void {
	const criteria = 'Access criteria (share within reach, pass or fail)';
	for (const c of results[0]?.criteria ?? []) {
		const values = results.map((r) => {
			const x = r.criteria.find((y) => y.id === c.id);
			return x ? criterionCell(x.after, x.passAfter) : null;
		});
		add({ key: `criteria.${c.id}`, section: criteria, indicator: 'criterion', label: `${c.name} (${serviceLabel(input, c.service)})`, values }, none);
	}

	const equality = 'Equality impact';
	const flags = results.map((r) => flaggedGroups(r.equality));
	add(
		{
			key: 'equality.flagged',
			section: equality,
			indicator: 'equalityFlagged',
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
			{
				key: `equality.${key}`,
				section: equality,
				indicator: 'equalityGroupLost',
				label: `${f.label}: no longer within ${f.threshold} of ${serviceLabel(input, f.service).toLowerCase()}`,
				values,
				sub: true
			},
			none
		);
	}
	add({ key: 'equality.notCounted', section: equality, indicator: 'equalityNotCounted', values: results.map((r) => r.equalityGaps.map((g) => g.label).join('; ') || null) }, none);
	add(
		{
			key: 'mitigations',
			section: equality,
			indicator: 'mitigations',
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

/** Services whose coverage or average distance differs from today in at least one scenario, most people losing reach first. */
function affectedServices(results: EvaluationResult[], changes: ServiceAccessChange[][]): string[] {
	const changed = new Set<string>();
	for (const r of results) {
		for (const s of r.services) {
			const moved = s.meanDistanceM !== s.baseline.meanDistanceM || s.meanMinutes !== s.baseline.meanMinutes;
			const lost = s.coverage.some((c, i) => c.population !== s.baseline.coverage[i]?.population);
			if (moved || lost) changed.add(s.service);
		}
	}
	// Most people losing reach first (at any threshold, in any option): that is what a reader looks for.
	const loss = (service: string) =>
		Math.max(0, ...changes.flatMap((c) => c.filter((x) => x.service === service).flatMap((x) => x.thresholds.map((t) => t.lost.population))));
	const moved = (service: string) =>
		Math.max(
			...results.map((r) => {
				const s = r.services.find((x) => x.service === service);
				return s ? Math.abs((s.baseline.coverage[0]?.population ?? 0) - (s.coverage[0]?.population ?? 0)) : 0;
			})
		);
	return [...changed].sort((a, b) => loss(b) - loss(a) || moved(b) - moved(a) || a.localeCompare(b));
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

function assumptionRows(results: EvaluationResult[], names: AssumptionNames): Comparison['assumptions'] {
	const rows = new Map<string, Comparison['assumptions'][number]>();
	results.forEach((r, i) => {
		for (const a of r.assumptions) {
			const row = rows.get(a.key) ?? {
				key: a.key,
				label: assumptionLabel(a, names),
				source: assumptionSource(a.source),
				values: results.map(() => null),
				shown: results.map(() => null)
			};
			row.values[i] = a.value;
			row.shown[i] = assumptionValue(a, names);
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
	return (await loadComparisonWithInputs(db, partnershipId, request)).comparison;
}

/** A comparison with everything it was built from (scenarios as evaluated, the estate), for decision records. */
export interface ComparisonWithInputs {
	comparison: Comparison;
	scenarios: ScenarioToCompare[];
	estate: SharedJson;
}

/** `loadComparison`, keeping its inputs: a decision record freezes both. */
export async function loadComparisonWithInputs(db: Db, partnershipId: string, request: CompareRequest & { now?: Date }): Promise<ComparisonWithInputs> {
	const { linkIds } = request;
	if (linkIds.length < MIN_SCENARIOS || linkIds.length > MAX_SCENARIOS) {
		throw new CompareInputError(
			`Choose between ${MIN_SCENARIOS} and ${MAX_SCENARIOS} scenarios to compare; ${linkIds.length === 0 ? 'none were' : linkIds.length === 1 ? 'only 1 was' : `${linkIds.length} were`} chosen.`
		);
	}
	const picked = (await scenarios.pick(db, partnershipId, linkIds)).map((s, i) => {
		if (!s) throw new CompareInputError(`There is no scenario with id "${linkIds[i]}"; it may have been deleted. Choose again below.`);
		return s;
	});
	const chosen: ScenarioToCompare[] = [];
	for (const s of picked) {
		chosen.push({
			linkId: scenarios.linkIdOf(s),
			id: s.id,
			name: s.name,
			description: s.description,
			isBaseline: s.isBaseline,
			actions: s.actions,
			parameters: s.parameters,
			pilotCosts: await pilots.costsForAppraisal(db, partnershipId, s.id),
			milestones: (await pilots.listMilestones(db, partnershipId, s.id)).map((m) => ({
				title: m.title,
				owner: m.owner,
				startDate: m.startDate,
				endDate: m.endDate,
				status: pilots.STATUS_LABELS[m.status]
			}))
		});
	}
	const recorded = await mitigations.listFor(db, partnershipId, chosen.map((s) => s.id));
	for (const s of chosen) s.mitigations = recorded.get(s.id) ?? [];
	const estate = await sharedComparisonEstate(db, partnershipId);
	const key = `${estate.key}|${createHash('sha256').update(JSON.stringify([chosen, request.service ?? null])).digest('base64')}`;
	let answer = arranged.get(key);
	if (!answer) {
		answer = compute('compare', { estate, scenarios: chosen, service: request.service, now: new Date().toISOString() });
		arranged.set(key, answer);
		answer.catch(() => arranged.delete(key));
	}
	const result = await answer;
	if ('inputError' in result) throw new CompareInputError(result.inputError);
	return { comparison: { ...result, generatedAt: (request.now ?? new Date()).toISOString() }, scenarios: chosen, estate };
}

/**
 * Comparisons already arranged (or being arranged), by estate version and everything the options
 * carry, so asking again (the page, then its CSV, XLSX and print view) costs no thread time and no
 * copying between threads. Only the time it was generated is per request. 32 comparisons of a
 * Trafford estate hold a few MB. Hubplan planning assumption.
 */
const arranged = new LruCache<Promise<Comparison | { inputError: string }>>(32);

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
		zoneGeometries: zones.map((z) => z.geometry),
		partnershipName: (await partnershipById(db, partnershipId)).name,
		places: placeLabels(parseLayer(await contextLayerJson(db, partnershipId, 'built_up_areas')), data.zones)
	};
	const shared = shareJson(key, estate);
	sharedEstates.set(partnershipId, shared);
	return shared;
}

function parseLayer(json: string | null): GeoJSON.FeatureCollection | null {
	return json ? (JSON.parse(json) as GeoJSON.FeatureCollection) : null;
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
