/**
 * Geometry → cost matrix, the only step of the optimiser that knows about places: demand points
 * (zone centroids) × candidate sites, in great-circle metres (× circuity for the road estimate) or
 * in minutes from an imported travel-time matrix, and the demand weights.
 */
import { catchmentsOf, nearestOpenSites } from '../access/nearest';
import { haversineM } from '../geo/distance';
import { defaultParameters } from '../parameters';
import { prepareEstate } from '../prepare';
import { applyActions } from '../scenario/apply';
import { recordedVisitsPerWeek, visitOrigins } from '../scenario/footfall';
import { GROUP_KEYS, type DistanceMode, type EngineData, type GroupKey, type SiteInput, type ZoneInput } from '../types';
import type { LocationProblem } from './problem';

/**
 * Hubplan planning assumption (configurable): a zone × building pair with no route in the
 * travel-time matrix costs this many times the longest time in the problem. The optimisers need
 * finite costs; this keeps such a pair dearer than any real trip (least travel avoids it) and
 * outside any coverage threshold below it (see {@link checkThreshold}).
 */
export const NO_ROUTE_FACTOR = 2;

export interface LonLat {
	lon: number;
	lat: number;
}

export interface DistanceMatrixOptions {
	/**
	 * Multiplier on great-circle distance, for a road-distance estimate; default 1 (straight line).
	 * A value above 1 scales every cost equally, so it changes thresholds' meaning, not rankings.
	 */
	circuity?: number;
}

/**
 * Demand × candidate great-circle distances in metres (× circuity), demand-major.
 *
 * @example
 * const problem = distanceProblem([{ lon: -2.35, lat: 53.39 }], new Float64Array([100]), [{ lon: -2.32, lat: 53.43 }]);
 * problem.cost[0]; // ≈ 4,900 m
 */
export function distanceProblem(
	demand: readonly LonLat[],
	weights: Float64Array,
	candidates: readonly LonLat[],
	options: DistanceMatrixOptions = {}
): LocationProblem {
	const circuity = options.circuity ?? 1;
	if (!(circuity >= 1) || !Number.isFinite(circuity)) throw new Error(`circuity must be a finite number ≥ 1, got ${circuity}.`);
	if (weights.length !== demand.length)
		throw new Error(`weights has ${weights.length} entries; expected one per demand point (${demand.length}).`);
	if (candidates.length === 0) throw new Error('There are no candidate sites to choose from.');
	const m = candidates.length;
	const cost = new Float64Array(demand.length * m);
	demand.forEach((d, i) => {
		candidates.forEach((c, j) => {
			cost[i * m + j] = circuity * haversineM(d.lon, d.lat, c.lon, c.lat);
		});
	});
	return { cost, demandCount: demand.length, candidateCount: m, weights };
}

/**
 * Demand weight per zone: residents, with members of chosen groups counting `factor` times
 * (weight = population + Σ_g (factor_g − 1) × group_g). `noCar` counts households, so its factor
 * adds per household. Zones without data for a group get no extra weight for it.
 *
 * @example
 * zoneWeights([zone], { age65: 2 }); // a zone of 1,000 with 200 aged 65+ weighs 1,200
 */
export function zoneWeights(zones: readonly ZoneInput[], groupFactors: Partial<Record<GroupKey, number>> = {}): Float64Array {
	for (const [key, factor] of Object.entries(groupFactors)) {
		if (!GROUP_KEYS.includes(key as GroupKey)) throw new Error(`Unknown group "${key}"; groups are ${GROUP_KEYS.join(', ')}.`);
		if (!(factor >= 1) || !Number.isFinite(factor)) throw new Error(`The weight for group ${key} must be a finite number ≥ 1, got ${factor}.`);
	}
	return Float64Array.from(zones, (zone) => {
		let weight = zone.population;
		for (const key of GROUP_KEYS) {
			const factor = groupFactors[key];
			if (factor !== undefined) weight += (factor - 1) * (zone.groups[key] ?? 0);
		}
		return weight;
	});
}

export interface ServiceProblemOptions extends DistanceMatrixOptions {
	/**
	 * `straight` (default): great-circle metres; `road`: metres × `circuity` (default the engine's
	 * road circuity, see defaultParameters); `matrix`: minutes from `data.matrix`, with the engine's
	 * estimate for zones and buildings the matrix lacks (see geo/costs.ts). Without a mode, a
	 * `circuity` means `road`.
	 */
	distanceMode?: DistanceMode;
	/** Candidates: buildings of these kinds; default, the buildings that offer the service now. */
	candidateKinds?: string[];
	/** Group weighting, see {@link zoneWeights}. */
	groupFactors?: Partial<Record<GroupKey, number>>;
}

/**
 * A problem built from the estate, with the sites behind each candidate column. Its `openingCost`
 * is each candidate's annual running cost in £ (NaN where none is recorded), for the cheapest goal.
 */
export interface ServiceProblem {
	problem: LocationProblem;
	/** Candidate sites in column order. */
	candidates: SiteInput[];
	/** What the costs measure, so answers can give their units and say what was estimated. */
	distance: CostBasis;
}

/** The costs' measure and, in matrix mode, how much of the matrix was estimated or missing. */
export interface CostBasis {
	mode: DistanceMode;
	/** Metres (straight, road) or minutes (matrix); thresholds are in the same unit. */
	unit: 'm' | 'min';
	/** The road-estimate multiplier; null in the other modes. */
	circuity: number | null;
	/** The matrix's travel mode as imported, e.g. `public_transport`; null outside matrix mode. */
	matrixMode: string | null;
	/**
	 * Zone × candidate pairs whose zone or building is not in the matrix, timed by the engine's
	 * estimate (straight-line distance ÷ the matrix's median straight-line speed). 0 outside matrix mode.
	 */
	estimatedPairs: number;
	/** Pairs with no route (none in the matrix, nor any speed to estimate one from). 0 outside matrix mode. */
	noRoutePairs: number;
	/** The cost given to those pairs, minutes ({@link NO_ROUTE_FACTOR} × the longest time); null when there are none. */
	noRouteMinutes: number | null;
}

/**
 * Zones × candidate buildings for one service, from each zone's population-weighted centroid:
 * great-circle metres (× circuity in road mode) or matrix minutes; weighted by residents (see
 * {@link zoneWeights}). Throws when matrix mode is asked for and the data has no matrix.
 *
 * @example
 * const { problem, candidates } = serviceProblem(data, 'library');
 * serviceProblem(data, 'library', { distanceMode: 'matrix' }).distance.unit; // 'min'
 */
export function serviceProblem(data: EngineData, service: string, options: ServiceProblemOptions = {}): ServiceProblem {
	const kinds = options.candidateKinds;
	const candidates = data.sites.filter((site) =>
		kinds ? kinds.includes(site.kind) : site.services.some((s) => s.service === service)
	);
	if (candidates.length === 0) {
		const known = [...new Set(data.sites.flatMap((s) => (kinds ? [s.kind] : s.services.map((x) => x.service))))].sort();
		throw new Error(
			kinds
				? `No buildings of kind ${kinds.map((k) => `"${k}"`).join(', ')}; kinds are ${known.join(', ')}.`
				: `No building offers the service "${service}"; services offered are ${known.join(', ')}.`
		);
	}
	if (data.zones.length === 0) throw new Error('There are no zones (demand points) to serve.');
	const weights = zoneWeights(data.zones, options.groupFactors);
	const openingCost = Float64Array.from(candidates, (site) => site.annualRunningCostGbp ?? NaN);
	const mode = options.distanceMode ?? (options.circuity === undefined ? 'straight' : 'road');
	if (mode === 'matrix' || mode === 'straight') {
		if (options.circuity !== undefined && options.circuity !== 1)
			throw new Error(`A circuity (${options.circuity}) applies to distance mode road only, not ${mode}.`);
		if (mode === 'matrix') {
			const { problem, distance } = matrixProblem(data, weights, candidates);
			return { problem: { ...problem, openingCost }, candidates, distance };
		}
	} else if (mode !== 'road') {
		throw new Error(`Unknown distance mode "${mode}"; expected straight, road or matrix.`);
	}
	const circuity = mode === 'road' ? (options.circuity ?? defaultParameters().distance.circuity) : 1;
	return {
		problem: { ...distanceProblem(data.zones, weights, candidates, { circuity }), openingCost },
		candidates,
		distance: { mode, unit: 'm', circuity: mode === 'road' ? circuity : null, matrixMode: null, estimatedPairs: 0, noRoutePairs: 0, noRouteMinutes: null }
	};
}

/**
 * Zones × candidates in matrix minutes, looked up (or estimated) by the engine's own
 * PreparedEstate.minutes, so the optimiser and scenario evaluation time every trip alike.
 */
function matrixProblem(data: EngineData, weights: Float64Array, candidates: SiteInput[]): { problem: LocationProblem; distance: CostBasis } {
	if (!data.matrix)
		throw new Error("Distance mode 'matrix' needs an imported travel-time matrix, and none has been imported; import one (zone, site, minutes) or use distance mode straight or road.");
	const estate = prepareEstate(data);
	const matrixZones = new Set(data.matrix.zoneCodes);
	const m = candidates.length;
	const cost = new Float64Array(data.zones.length * m);
	let estimatedPairs = 0;
	let noRoutePairs = 0;
	let longestMin = 0;
	data.zones.forEach((zone, i) => {
		candidates.forEach((site, j) => {
			const minutes = estate.minutes(i, site);
			cost[i * m + j] = minutes;
			if (minutes === Infinity) noRoutePairs++;
			else {
				longestMin = Math.max(longestMin, minutes);
				if (!matrixZones.has(zone.code) || !estate.matrix!.hasSite(site.ref)) estimatedPairs++;
			}
		});
	});
	if (noRoutePairs === cost.length)
		throw new Error(`The travel-time matrix has no route from any of the ${data.zones.length} zones to any of the ${m} candidate buildings.`);
	// At least a minute, so a matrix of zero times still leaves the pairs without a route outside every threshold.
	const noRouteMinutes = noRoutePairs > 0 ? NO_ROUTE_FACTOR * Math.max(longestMin, 1) : null;
	if (noRouteMinutes !== null) for (let k = 0; k < cost.length; k++) if (cost[k] === Infinity) cost[k] = noRouteMinutes;
	return {
		problem: { cost, demandCount: data.zones.length, candidateCount: m, weights },
		distance: { mode: 'matrix', unit: 'min', circuity: null, matrixMode: data.matrix.mode, estimatedPairs, noRoutePairs, noRouteMinutes }
	};
}

/**
 * A coverage threshold must be below the cost given to pairs with no route in the matrix, or
 * those pairs would count as within reach. Throws with both numbers.
 *
 * @example
 * checkThreshold(serviceProblem(data, 'library', { distanceMode: 'matrix' }), 15);
 */
export function checkThreshold(built: ServiceProblem, thresholdCost: number): void {
	const { noRouteMinutes } = built.distance;
	if (noRouteMinutes !== null && thresholdCost >= noRouteMinutes)
		throw new Error(
			`A threshold of ${thresholdCost} minutes would count the ${built.distance.noRoutePairs} zone–building pairs with no route in the travel-time matrix as within reach; ` +
				`give a threshold below ${noRouteMinutes} minutes (${NO_ROUTE_FACTOR} × the longest time).`
		);
}

/**
 * Hub capacities from floor area, for least travel with capacities: each candidate holds its
 * floor area (`giaM2`) × `residentsPerM2` residents, and each zone brings its residents (its
 * population, without group weighting). Floor area is known (recorded or estimated) for every
 * building in the pack, while `visitCapacityPerWeek` (see {@link visitCapacity}) is recorded for
 * none. There is no default rate: it is a local judgement the user states.
 * Throws naming the buildings that may be chosen but have no floor area.
 *
 * @example
 * floorAreaCapacity(data, serviceProblem(data, 'library'), 40, []).problem.capacity; // Q_j = 40 × m²
 */
export function floorAreaCapacity(data: EngineData, built: ServiceProblem, residentsPerM2: number, mustClose: readonly number[]): ServiceProblem {
	if (!(residentsPerM2 > 0) || !Number.isFinite(residentsPerM2))
		throw new Error(`The residents per m² of floor area must be a finite number above 0, got ${residentsPerM2}.`);
	const closed = new Set(mustClose);
	const missing = built.candidates.filter((site, j) => !closed.has(j) && site.giaM2 === null);
	if (missing.length > 0) throw new Error(`No floor area is recorded for ${describeSites(missing)}. Record one (an estimate is fine) or mark them must-not-choose.`);
	const capacity = Float64Array.from(built.candidates, (site) => (site.giaM2 ?? NaN) * residentsPerM2);
	const demand = Float64Array.from(data.zones, (zone) => zone.population);
	return { ...built, problem: { ...built.problem, capacity: { capacity, demand } } };
}

/**
 * Hub capacities from visits per week, for least travel with capacities: each candidate holds its
 * recorded `visitCapacityPerWeek`, and each zone brings the visits per week it makes to `service`
 * today. That demand is an estimate: each current site's visits per week (recorded or, in the
 * open-data pack, estimated) are split among the zones nearest it by population, as closures split
 * displaced visits ({@link visitOrigins}), so the zones' visits add up to the sites'. "Nearest" is
 * measured as the problem measures trips (straight, road or matrix). A building's capacity is what
 * the other services it hosts leave: their recorded visits per week stay there and are taken off
 * its visit capacity (never below 0), as the scenarios' load check counts every service.
 * Throws when the service's current sites lack visit figures (naming them, or saying there are
 * none at all), and naming the buildings that may be chosen but have no visit capacity.
 *
 * @example
 * visitCapacity(data, serviceProblem(data, 'library'), 'library', []).problem.capacity; // Q_j = visits per week
 */
export function visitCapacity(data: EngineData, built: ServiceProblem, service: string, mustClose: readonly number[]): ServiceProblem {
	const demand = zoneVisitsPerWeek(data, service, built.distance);
	const closed = new Set(mustClose);
	const missing = built.candidates.filter((site, j) => !closed.has(j) && !validCount(site.visitCapacityPerWeek));
	if (missing.length > 0)
		throw new Error(`No visit capacity per week is recorded for ${describeSites(missing)}. Record one (an estimate is fine) or mark them must-not-choose.`);
	const capacity = Float64Array.from(built.candidates, (site) =>
		site.visitCapacityPerWeek === null ? NaN : Math.max(0, site.visitCapacityPerWeek - recordedVisitsPerWeek(site, service))
	);
	return { ...built, problem: { ...built.problem, capacity: { capacity, demand } } };
}

/** The visits per week each zone makes to `service` today, by {@link visitOrigins} from the sites offering it. */
function zoneVisitsPerWeek(data: EngineData, service: string, distance: CostBasis): Float64Array {
	const rows = (site: SiteInput) => site.services.filter((row) => row.service === service);
	const offering = data.sites.filter((site) => rows(site).length > 0);
	if (offering.length === 0)
		throw new Error(`No building offers the service "${service}" today, so there are no visits per week to share among zones; limit hubs by floor area instead.`);
	const missing = offering.filter((site) => rows(site).some((row) => !validCount(row.visitsPerWeek)));
	if (missing.length === offering.length)
		throw new Error(
			`The service "${service}" has no visit figures: none of its ${offering.length} current site${offering.length === 1 ? '' : 's'} records visits per week. ` +
				'Import them (an estimate is fine) or limit hubs by floor area.'
		);
	if (missing.length > 0)
		throw new Error(`No visits per week to the service "${service}" are recorded for ${describeSites(missing, 'current site')}. Record them (an estimate is fine) or limit hubs by floor area.`);
	const estate = prepareEstate(data);
	const nearest = nearestOpenSites(estate, applyActions(estate, []), service, { mode: distance.mode, circuity: distance.circuity ?? 1 });
	const catchments = catchmentsOf(nearest, estate.sites.length);
	const demand = new Float64Array(data.zones.length);
	data.sites.forEach((site, c) => {
		const visits = rows(site).reduce((sum, row) => sum + row.visitsPerWeek!, 0);
		if (visits > 0) for (const [z, part] of visitOrigins(estate, catchments, c, site)) demand[z] += visits * part;
	});
	return demand;
}

/** A recorded count: a finite number ≥ 0 (null means not recorded). */
function validCount(value: number | null): value is number {
	return value !== null && value >= 0 && Number.isFinite(value);
}

/** "3 candidate buildings: A (a), B (b), C (c)", the first five named. */
function describeSites(sites: SiteInput[], noun = 'candidate building'): string {
	const named = sites.slice(0, 5).map((site) => `${site.name} (${site.ref})`).join(', ');
	return `${sites.length} ${noun}${sites.length === 1 ? '' : 's'}: ${named}${sites.length > 5 ? `, and ${sites.length - 5} more` : ''}`;
}

/**
 * The cheapest goal needs a running cost for every candidate that may be chosen. Rather than
 * guess a missing one (or silently leave the building out), this names the buildings and says how
 * to go on: record a cost (an estimate is fine) or mark them must-not-choose.
 *
 * @example
 * checkRunningCosts(serviceProblem(data, 'library'), []); // throws if a library has no cost
 */
export function checkRunningCosts(built: ServiceProblem, mustClose: readonly number[]): void {
	const closed = new Set(mustClose);
	const missing = built.candidates.filter((site, j) => !closed.has(j) && !((site.annualRunningCostGbp ?? NaN) >= 0));
	if (missing.length === 0) return;
	throw new Error(`No annual running cost is recorded for ${describeSites(missing)}. Record one (an estimate is fine) or mark them must-not-choose.`);
}
