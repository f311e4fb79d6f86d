/**
 * `evaluateScenario`: the whole model in one call. Applies the actions, finds every zone's nearest
 * open site for each service before and after, summarises access for everyone and each group,
 * reassigns displaced footfall, checks hub fit and appraises the result. Output is deterministic:
 * the same inputs give the same object, key order included.
 */
import { GROUP_KEYS, type AccessFigures, type AccessSummary, type EngineData, type EvaluationResult, type GroupKey, type ScenarioAction, type ScenarioParameters, type ServiceAccess, type ZoneAccessDelta } from './types';
import { PreparedEstate, prepareEstate } from './prepare';
import { assumptionsFor, validateParameters } from './parameters';
import { applyActions, type ScenarioState } from './scenario/apply';
import { nearestOpenSites, type NearestSites } from './access/nearest';
import { reachableOrder, reorder, summariseAccess } from './access/summary';
import { reassignFootfall } from './scenario/footfall';
import { assessColocation } from './scenario/colocation';
import { appraise } from './appraisal/appraise';

export interface EvaluateOptions {
	/** Services to report access for; default every service some site offers, sorted. */
	services?: string[];
}

/**
 * Evaluate a scenario. Pass a `PreparedEstate` (from `prepareEstate`) when evaluating repeatedly:
 * indexes, nearest-site lists and baseline figures are then reused.
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
	params: ScenarioParameters,
	options: EvaluateOptions = {}
): EvaluationResult {
	const estate = input instanceof PreparedEstate ? input : prepareEstate(input);
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

	const pairs = new Map<string, { before: NearestSites; after: NearestSites }>();
	const nearest = (service: string) => {
		let pair = pairs.get(service);
		if (!pair) {
			const before = estate.memo(`nearest|${distanceKey}|${service}`, () =>
				nearestOpenSites(estate, baselineState, service, params.distance)
			);
			// A service no action touches has the baseline's answers; skip the work.
			const after = state.affectedServices.has(service)
				? nearestOpenSites(estate, state, service, params.distance)
				: before;
			pair = { before, after };
			pairs.set(service, pair);
		}
		return pair;
	};

	const services = options.services ?? defaultServices(estate, state);
	const accessList: ServiceAccess[] = [];
	const zoneAccess: ZoneAccessDelta[] = [];
	for (const service of services) {
		const { before, after } = nearest(service);
		const baselineKey = `${distanceKey}|${thresholds.join(',')}|${service}`;
		const baseline = estate.memo(`access|${baselineKey}`, () => accessFigures(estate, before, thresholds, unit));
		const baseOrder = estate.memo(`order|${distanceKey}|${service}`, () => reachableOrder(before.cost));
		const scenario =
			after === before
				? baseline
				: accessFigures(estate, after, thresholds, unit, reorder(baseOrder, before.cost, after.cost));
		accessList.push({ service, ...scenario, baseline });
		const beforeZones = estate.memo(`zones|${distanceKey}|${service}`, () => nullable(before.cost));
		zoneAccess.push({ service, unit, before: beforeZones, after: after === before ? beforeZones : nullable(after.cost) });
	}

	const footfall = reassignFootfall(estate, state, nearest, params);
	const colocation = assessColocation(state, params);
	const appraisal = appraise(estate, state, colocation.hubs, footfall, params);
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

function accessFigures(
	estate: PreparedEstate,
	nearest: NearestSites,
	thresholds: number[],
	unit: 'm' | 'min',
	order = reachableOrder(nearest.cost)
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

function nullable(cost: Float64Array): (number | null)[] {
	const out: (number | null)[] = new Array(cost.length);
	for (let z = 0; z < cost.length; z++) out[z] = Number.isNaN(cost[z]) ? null : cost[z];
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
