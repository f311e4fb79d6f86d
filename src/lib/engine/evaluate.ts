/**
 * `evaluateScenario`: the whole model in one call. Applies the actions, finds every zone's nearest
 * open site for each service before and after, summarises access for everyone and each group,
 * reassigns displaced footfall, checks hub fit and appraises the result. Output is deterministic:
 * the same inputs give the same object, key order included.
 */
import {
	GROUP_KEYS,
	type AccessFigures,
	type AccessSummary,
	type EngineData,
	type EvaluationResult,
	type GroupKey,
	type PilotCostInput,
	type ScenarioAction,
	type ScenarioParameters,
	type ServiceAccess,
	type ZoneAccessDelta
} from './types';
import { PreparedEstate, prepareEstate } from './prepare';
import { assumptionsFor, completeParameters, validateParameters } from './parameters';
import { applyActions, serviceSignature, type ScenarioState } from './scenario/apply';
import { catchmentsOf, nearestOpenSites, type BaselineNearest, type Catchments, type NearestSites } from './access/nearest';
import { changedZones, reorder, sortCosts, summariseAccess } from './access/summary';
import { reassignFootfall } from './scenario/footfall';
import { assessColocation } from './scenario/colocation';
import { appraise } from './appraisal/appraise';

export interface EvaluateOptions {
	/** Services to report access for; default every service some site offers, sorted. */
	services?: string[];
	/** The scenario's pilot costs (one-off and running, with who pays), charged in the appraisal. */
	pilotCosts?: PilotCostInput[];
}

/**
 * Evaluate a scenario. Pass a `PreparedEstate` (from `prepareEstate`) when evaluating repeatedly:
 * indexes, nearest-site lists and baseline figures are then reused, and so is each service's answer
 * from the previous evaluation when the new actions leave that service as it was. Access figures
 * and per-zone arrays are therefore shared between results from the same estate, and frozen: copy
 * before editing.
 *
 * Throws when the parameters are invalid (message lists each path and problem), when matrix mode
 * is asked for without a matrix, or with a `ScenarioError` when the actions are contradictory.
 *
 * @example
 * const estate = prepareEstate(data);
 * const r = evaluateScenario(estate, [{ type: 'close', siteRef: 'lib-coppice' }], defaultParameters());
 * r.services.find((s) => s.service === 'library')?.coverage[0].share; // share within 1 mile after
 */
export function evaluateScenario(
	input: EngineData | PreparedEstate,
	actions: ScenarioAction[],
	given: ScenarioParameters,
	options: EvaluateOptions = {}
): EvaluationResult {
	const estate = input instanceof PreparedEstate ? input : prepareEstate(input);
	// Scenarios saved before a parameter existed use its default.
	const params = completeParameters(given);
	const problems = validateParameters(params);
	if (problems.length)
		throw new Error(`Invalid parameters: ${problems.map((p) => `${p.path}: ${p.message}`).join(' ')}`);
	const inMinutes = params.distance.mode === 'matrix';
	if (inMinutes && !estate.matrix)
		throw new Error("Distance mode 'matrix' needs a travel-time matrix in the data; use 'straight' or 'road'.");

	const state = applyActions(estate, actions);
	const baselineState = estate.memo('state|baseline', () => applyActions(estate, []));
	const unit = inMinutes ? 'min' : 'm';
	const thresholds = inMinutes ? params.thresholdsMin : params.thresholdsM;
	const distanceKey = `${params.distance.mode}|${inMinutes ? '' : params.distance.circuity}`;

	// The latest scenario answer per service, so that the next evaluation (one more click) redoes
	// only the services its change touches.
	const latest = estate.memo('latest', () => new Map<string, LatestAnswer>());
	const pairs = new Map<string, { before: NearestSites; catchments: Catchments; after: NearestSites; key: string }>();
	const nearest = (service: string) => {
		let pair = pairs.get(service);
		if (!pair) {
			const baseline = estate.memo(`nearest|${distanceKey}|${service}`, (): BaselineNearest => {
				const answer = nearestOpenSites(estate, baselineState, service, params.distance);
				return { nearest: answer, catchments: catchmentsOf(answer, estate.sites.length) };
			});
			const { nearest: before, catchments } = baseline;
			// A service no action touches has the baseline's answers; skip the work.
			if (!state.affectedServices.has(service)) pair = { before, catchments, after: before, key: '' };
			else {
				const key = `${distanceKey}|${serviceSignature(state, service)}`;
				let answer = latest.get(service);
				if (answer?.key !== key) {
					answer = { key, after: nearestOpenSites(estate, state, service, params.distance, baseline) };
					latest.set(service, answer);
				}
				pair = { before, catchments, after: answer.after, key };
			}
			pairs.set(service, pair);
		}
		return pair;
	};

	const services = options.services ?? defaultServices(estate, state);
	const accessList: ServiceAccess[] = [];
	const zoneAccess: ZoneAccessDelta[] = [];
	for (const service of services) {
		const { before, after, key } = nearest(service);
		const thresholdKey = thresholds.join(',');
		// Sorted with the baseline figures and kept: every later scenario touching the service
		// reorders from it instead of sorting all zones again.
		const sorted = estate.memo(`order|${distanceKey}|${service}`, () => sortCosts(before.cost));
		const baseline = estate.memo(`access|${distanceKey}|${thresholdKey}|${service}`, () =>
			deepFreeze(accessFigures(estate, before, thresholds, unit, sorted.order))
		);
		// The shared list is frozen; a private unfrozen twin is kept because V8 copies a frozen
		// array element by element, several times slower than an ordinary one.
		const baseZones = estate.memo(`zones|${distanceKey}|${service}`, () => {
			const copyable = nullable(before.cost);
			return { copyable, shared: Object.freeze(copyable.slice()) as (number | null)[] };
		});
		const beforeZones = baseZones.shared;
		let scenario = baseline;
		let afterZones = beforeZones;
		if (after !== before) {
			const answer = latest.get(service)!;
			if (answer.figuresKey !== `${key}|${thresholdKey}`) {
				// Usually a few catchments changed: patch the baseline's order and zone list
				// rather than rebuild them over every zone.
				const changed = changedZones(before.cost, after.cost);
				const order = reorder(sorted, after.cost, changed);
				answer.figuresKey = `${key}|${thresholdKey}`;
				answer.figures = deepFreeze(accessFigures(estate, after, thresholds, unit, order));
				answer.zones = Object.freeze(patchNullable(baseZones.copyable, after.cost, changed)) as (number | null)[];
			}
			scenario = answer.figures!;
			afterZones = answer.zones!;
		}
		accessList.push({ service, ...scenario, baseline });
		zoneAccess.push({ service, unit, before: beforeZones, after: afterZones });
	}

	const footfall = reassignFootfall(estate, state, nearest, params);
	const colocation = assessColocation(state, params);
	const appraisal = appraise(estate, state, colocation.hubs, footfall, params, options.pilotCosts);
	const warnings = [
		...matrixWarnings(estate, state, services, inMinutes),
		...footfall.warnings,
		...colocation.warnings,
		...appraisal.warnings
	];

	return {
		actions: structuredClone(actions),
		parameters: structuredClone(params),
		assumptions: assumptionsFor(params),
		services: accessList,
		footfall,
		colocation: colocation.hubs,
		appraisal: appraisal.appraisal,
		zoneAccess,
		warnings
	};
}

/** A service's answer in the most recent scenario evaluated on an estate, keyed by what fixes it. */
interface LatestAnswer {
	key: string;
	after: NearestSites;
	figuresKey?: string;
	figures?: AccessFigures;
	zones?: (number | null)[];
}

function accessFigures(
	estate: PreparedEstate,
	nearest: NearestSites,
	thresholds: number[],
	unit: 'm' | 'min',
	order: Int32Array
): AccessFigures {
	const groups: Partial<Record<GroupKey, AccessSummary>> = {};
	for (const key of GROUP_KEYS) {
		const weights = estate.groupWeights[key];
		if (weights) groups[key] = summariseAccess(nearest.cost, order, weights, thresholds, unit);
	}
	return { ...summariseAccess(nearest.cost, order, estate.population, thresholds, unit), groups };
}

/** Every service offered by an estate site or an added site, sorted. */
function defaultServices(estate: PreparedEstate, state: ScenarioState): string[] {
	const added = state.sites.slice(state.baselineCount).flatMap((s) => s.services.map((x) => x.service));
	return [...new Set([...estate.services, ...added])].sort();
}

/** Cached figures are shared by every result from the estate, so they are made read-only. */
function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value)) deepFreeze(v);
	}
	return value;
}

function nullable(cost: Float64Array): (number | null)[] {
	// Filled with null first so that V8 stores boxed numbers rather than raw doubles: freezing a
	// raw-double array boxes every element again, which at England scale costs more than the rest
	// of a one-closure update.
	const out: (number | null)[] = new Array(cost.length).fill(null);
	for (let z = 0; z < cost.length; z++) out[z] = Number.isNaN(cost[z]) ? null : cost[z];
	return out;
}

/** `nullable(cost)`, given `nullable` of earlier costs and the zones that changed since. */
function patchNullable(before: (number | null)[], cost: Float64Array, changed: Int32Array): (number | null)[] {
	const out = before.slice();
	for (const z of changed) out[z] = Number.isNaN(cost[z]) ? null : cost[z];
	return out;
}

function matrixWarnings(estate: PreparedEstate, state: ScenarioState, services: string[], inMinutes: boolean): string[] {
	if (!inMinutes || !estate.matrix) return [];
	const wanted = new Set(services);
	const missing = state.sites.filter(
		(s) => s.services.some((x) => wanted.has(x.service)) && !estate.matrix?.hasSite(s.ref)
	).length;
	if (missing === 0) return [];
	const speed = estate.matrix.medianSpeedMPerMin;
	return [
		speed
			? `${missing} site${missing === 1 ? ' is' : 's are'} not in the travel-time matrix; their times are estimated as straight-line distance ÷ the matrix's median straight-line speed (${Math.round(speed)} m a minute).`
			: `${missing} site${missing === 1 ? ' is' : 's are'} not in the travel-time matrix, which has no routes to estimate a speed from; they count as unreachable.`
	];
}
