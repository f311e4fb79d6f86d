/**
 * One optimisation from request to answer, outside any thread so the Web Worker, `hubplan
 * optimise` and the tests share it: build the zones × candidates matrix, search, bound, and (with
 * a HiGHS instance) certify.
 */
import type { Highs } from 'highs';
import { certify, evaluateOpen, locate, maximises, provenGap, type LocateResult } from '../engine/locate';
import { CapacitatedAssignment } from '../engine/locate/capacity';
import {
	checkRunningCosts,
	checkThreshold,
	floorAreaCapacity,
	serviceProblem,
	visitCapacity,
	type CostBasis,
	type ServiceProblem
} from '../engine/locate/cost-matrix';
import { coveredWeight, totalWeight } from '../engine/locate/problem';
import type { EngineData } from '../engine/types';
import type { HubCapacity, HubRow, OptimiseAnswer, OptimiseRequest, WorkerMessage } from './protocol';

/**
 * Run a request; `report` receives progress messages (search starts, the heuristic answer with
 * its Lagrangian bound, HiGHS log lines). `loadHighs` is called only when the request asks for it.
 */
export async function runOptimisation(
	data: EngineData,
	request: OptimiseRequest,
	report: (message: WorkerMessage) => void,
	loadHighs?: () => Promise<Highs>
): Promise<OptimiseAnswer> {
	let built = serviceProblem(data, request.service, {
		candidateKinds: request.candidateKinds,
		groupFactors: request.groupFactors,
		distanceMode: request.distanceMode,
		circuity: request.circuity
	});
	const column = new Map(built.candidates.map((site, j) => [site.ref, j]));
	const indices = (refs: string[], label: string) =>
		refs.map((ref) => {
			const j = column.get(ref);
			if (j === undefined) throw new Error(`${label} building "${ref}" is not among the ${built.candidates.length} candidates.`);
			return j;
		});
	const sets = { mustKeep: indices(request.mustKeep, 'Must-keep'), mustClose: indices(request.mustClose, 'Must-close') };
	const goal = request.goal;
	if (goal.kind === 'cheapest') checkRunningCosts(built, sets.mustClose);
	if (goal.kind !== 'median') checkThreshold(built, goal.thresholdCost);
	const capacity = request.capacity ?? null;
	const capacitated = goal.kind === 'median' && goal.capacitated === true;
	if (capacitated !== (capacity !== null))
		throw new Error('Hub capacities need both a least-travel goal marked capacitated and a capacity basis (floor area with residents per m², or visits per week).');
	if (capacity?.basis === 'floor_area') built = floorAreaCapacity(data, built, capacity.residentsPerM2, sets.mustClose);
	else if (capacity?.basis === 'visits') built = visitCapacity(data, built, request.service, sets.mustClose);
	else if (capacity !== null) throw new Error(`Unknown capacity basis "${(capacity as { basis: string }).basis}"; expected floor_area or visits.`);

	const total = totalWeight(built.problem);
	const median = goal.kind === 'median';
	// The searches minimise weighted distance (median), uncovered weight (coverage, fewest) or running cost (cheapest).
	const shareOf = (objective: number, open: number[]) =>
		total === 0 || median ? null : goal.kind === 'cheapest' ? coveredWeight(built.problem, open, goal.thresholdCost) / total : 1 - objective / total;
	const started = performance.now();
	const result = locate(built.problem, request.goal, {
		...sets,
		seed: request.seed,
		starts: request.starts,
		onProgress: (p) => {
			const best = meanTrip(built.distance, median && total > 0 ? p.bestObjective / total : null);
			report({
				type: 'progress',
				phase: 'search',
				done: p.start,
				total: p.starts,
				bestHubs: p.bestOpen.map((j) => built.candidates[j].ref),
				bestMeanDistanceM: best.meanDistanceM,
				bestMeanMinutes: best.meanMinutes,
				bestCoveredShare: shareOf(p.bestObjective, p.bestOpen),
				bestAnnualCostGbp: goal.kind === 'cheapest' ? p.bestObjective : null
			});
		}
	});
	const heuristicSeconds = (performance.now() - started) / 1000;

	const quick = certify(built.problem, result, sets);
	const lagrangian = quick.lagrangian ?? null;
	const answer = toAnswer(built, result, heuristicSeconds, quick.bound, quick.gap, quick.bound === null ? null : 'lagrangian', lagrangian, null, capacity);
	// HiGHS is asked only while a gap is left to close.
	if (request.exactTimeLimitS === null || !loadHighs || quick.gap === 0) return answer;

	report({ type: 'progress', phase: 'bound', answer });
	const highs = await loadHighs();
	const full = certify(built.problem, result, {
		...sets,
		highs,
		exact: {
			timeLimitS: request.exactTimeLimitS,
			onProgress: (p) => report({ type: 'progress', phase: 'exact', ...p })
		}
	});
	const exact = full.exact!;
	const fromHighs = full.bound !== null && full.bound !== full.lagrangian?.bound;
	// HiGHS may find a better answer than the search; then that is the answer shown.
	const highsBetter = exact.open.length > 0 && provenGap(result.objective, exact.objective, maximises(goal)) > 0;
	const shown = highsBetter ? evaluateOpen(built.problem, goal, exact.open) : result;
	const gap = full.bound === null ? null : provenGap(shown.objective, full.bound, maximises(request.goal));
	return toAnswer(built, shown, heuristicSeconds, full.bound, gap, full.bound === null ? null : fromHighs ? 'highs' : 'lagrangian', lagrangian, {
		status: exact.status,
		objective: exact.objective,
		bound: exact.bound,
		seconds: exact.seconds,
		improvedSearch: highsBetter
	}, capacity);
}

function toAnswer(
	built: ServiceProblem,
	result: LocateResult,
	heuristicSeconds: number,
	bound: number | null,
	gap: number | null,
	boundSource: OptimiseAnswer['boundSource'],
	lagrangian: OptimiseAnswer['lagrangian'],
	exact: OptimiseAnswer['exact'],
	capacity: HubCapacity | null
): OptimiseAnswer {
	const chosen = new Set(result.open);
	const hubs = hubRows(built, result.open, capacity);
	return {
		goal: result.goal,
		candidateCount: built.problem.candidateCount,
		zoneCount: built.problem.demandCount,
		hubs,
		notChosen: built.candidates.filter((_, j) => !chosen.has(j)).map((site) => site.ref),
		objective: result.objective,
		distance: built.distance,
		...meanTrip(built.distance, result.meanCost),
		coveredShare: result.coveredShare ?? null,
		annualRunningCostGbp: hubs.every((hub) => hub.annualRunningCostGbp !== null)
			? hubs.reduce((sum, hub) => sum + hub.annualRunningCostGbp!, 0)
			: null,
		capacity,
		totalWeight: totalWeight(built.problem),
		heuristicSeconds,
		bound,
		gap,
		boundSource,
		lagrangian,
		exact
	};
}

/** A mean trip under the field its unit names: metres or, in matrix mode, minutes; the other null. */
function meanTrip(distance: CostBasis, mean: number | null): { meanDistanceM: number | null; meanMinutes: number | null } {
	return distance.unit === 'min' ? { meanDistanceM: null, meanMinutes: mean } : { meanDistanceM: mean, meanMinutes: null };
}

/** A hub's capacity and load under the fields their unit names: residents or visits per week; the others null. */
function hubLoad(capacity: HubCapacity | null, held: number, assigned: number) {
	const residents = capacity?.basis === 'floor_area';
	const visits = capacity?.basis === 'visits';
	return {
		capacityResidents: residents ? held : null,
		assignedResidents: residents ? assigned : null,
		capacityVisitsPerWeek: visits ? held : null,
		assignedVisitsPerWeek: visits ? assigned : null
	};
}

/**
 * Each chosen hub with the demand nearest to it and their mean distance (or time); with
 * capacities, the demand the capacitated assignment gives it (see capacity.ts) instead.
 */
function hubRows(built: ServiceProblem, open: number[], basis: HubCapacity | null): HubRow[] {
	const { cost, demandCount, candidateCount: m, weights, capacity } = built.problem;
	const served = new Float64Array(m);
	const assigned = new Float64Array(m);
	const distanceSum = new Float64Array(m);
	const shares = capacity ? new CapacitatedAssignment(built.problem, open).run(open, true).shares! : null;
	for (let i = 0; i < demandCount; i++) {
		let best = open[0];
		for (const j of open) if (cost[i * m + j] < cost[i * m + best]) best = j;
		for (const j of shares ? open : [best]) {
			const share = shares ? shares[i * m + j] : 1;
			served[j] += share * weights[i];
			if (capacity) assigned[j] += share * capacity.demand[i];
			distanceSum[j] += share * weights[i] * cost[i * m + j];
		}
	}
	return open
		.map((j) => ({
			ref: built.candidates[j].ref,
			name: built.candidates[j].name,
			kind: built.candidates[j].kind,
			servedWeight: served[j],
			...meanTrip(built.distance, served[j] > 0 ? distanceSum[j] / served[j] : 0),
			annualRunningCostGbp: built.candidates[j].annualRunningCostGbp,
			...hubLoad(basis, capacity ? capacity.capacity[j] : NaN, assigned[j])
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
