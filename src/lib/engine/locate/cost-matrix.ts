/**
 * Geometry → cost matrix, the only step of the optimiser that knows about places: demand points
 * (zone centroids) × candidate sites, great-circle metres, and the demand weights.
 */
import { haversineM } from '../geo/distance';
import { GROUP_KEYS, type EngineData, type GroupKey, type SiteInput, type ZoneInput } from '../types';
import type { LocationProblem } from './problem';

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
}

/**
 * Zones × candidate buildings for one service: great-circle metres (× circuity) from each zone's
 * population-weighted centroid, weighted by residents (see {@link zoneWeights}).
 *
 * @example
 * const { problem, candidates } = serviceProblem(data, 'library');
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
	return { problem: { ...distanceProblem(data.zones, weights, candidates, options), openingCost }, candidates };
}

/**
 * Hub capacities from floor area, for least travel with capacities: each candidate holds its
 * floor area (`giaM2`) × `residentsPerM2` residents, and each zone brings its residents (its
 * population, without group weighting). Floor area rather than visits per week, because it is
 * known (recorded or estimated) for every building in the pack while `visitCapacityPerWeek` is
 * recorded for none. There is no default rate: it is a local judgement the user states.
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

/** "3 candidate buildings: A (a), B (b), C (c)", the first five named. */
function describeSites(sites: SiteInput[]): string {
	const named = sites.slice(0, 5).map((site) => `${site.name} (${site.ref})`).join(', ');
	return `${sites.length} candidate building${sites.length === 1 ? '' : 's'}: ${named}${sites.length > 5 ? `, and ${sites.length - 5} more` : ''}`;
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
