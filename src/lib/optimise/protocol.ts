/** Messages between the /optimise page and its Web Worker. */
import type { DistanceMode, EngineData, GroupKey } from '../engine/types';
import type { LocateGoal } from '../engine/locate';
import type { CostBasis } from '../engine/locate/cost-matrix';

/**
 * What limits each hub in the capacitated least-travel goal: its floor area × residents per m²,
 * zones bringing their residents (floorAreaCapacity); or its recorded visits per week, zones
 * bringing the visits they make to the service today, an estimate (visitCapacity).
 */
export type HubCapacity = { basis: 'floor_area'; residentsPerM2: number } | { basis: 'visits' };

/** What the user asked for, in site refs (the worker maps them to matrix columns). */
export interface OptimiseRequest {
	service: string;
	/** Candidate buildings: these kinds; omitted = the buildings offering the service now. */
	candidateKinds?: string[];
	mustKeep: string[];
	mustClose: string[];
	/**
	 * Distance measure (default straight): metres, metres × circuity (road), or minutes from the
	 * imported travel-time matrix (matrix). The goal's threshold is in the same unit.
	 */
	distanceMode?: DistanceMode;
	/** Road mode's multiplier on straight-line distance; omitted: the engine's default. */
	circuity?: number;
	goal: LocateGoal;
	groupFactors: Partial<Record<GroupKey, number>>;
	seed: number;
	starts: number;
	/** Also run HiGHS for a proven bound, with this time limit in seconds (null: no HiGHS). */
	exactTimeLimitS: number | null;
	/** With a capacitated least-travel goal, what limits each hub; omitted or null otherwise. */
	capacity?: HubCapacity | null;
}

export interface HubRow {
	ref: string;
	name: string;
	kind: string;
	/** Residents (demand weight) whose nearest chosen hub this is; with capacities, assigned to it. */
	servedWeight: number;
	/** Their weighted mean distance to it, metres (straight or road); null in matrix mode. */
	meanDistanceM: number | null;
	/** Their weighted mean travel time to it, minutes, in matrix mode; null otherwise. */
	meanMinutes: number | null;
	/** Residents it can hold, with floor-area capacities; null otherwise. */
	capacityResidents: number | null;
	/** Residents (unweighted) the capacitated assignment gives it, with floor-area capacities; null otherwise. */
	assignedResidents: number | null;
	/** Its recorded visit capacity per week, with visit capacities; null otherwise. */
	capacityVisitsPerWeek: number | null;
	/** Visits per week (an estimate) the capacitated assignment gives it, with visit capacities; null otherwise. */
	assignedVisitsPerWeek: number | null;
	/** The building's annual running cost (often an estimate), £; null if none is recorded. */
	annualRunningCostGbp: number | null;
}

export interface OptimiseAnswer {
	goal: LocateGoal;
	candidateCount: number;
	zoneCount: number;
	hubs: HubRow[];
	/** Candidates not chosen (refs), for "close the others" when saving. */
	notChosen: string[];
	objective: number;
	/** What the costs measure (metres or matrix minutes) and, in matrix mode, what was estimated. */
	distance: CostBasis;
	/** Weighted mean trip to the nearest (with capacities, assigned) hub: metres, null in matrix mode. */
	meanDistanceM: number | null;
	/** The same in minutes, in matrix mode; null otherwise. */
	meanMinutes: number | null;
	coveredShare: number | null;
	/** Total annual running cost of the chosen hubs, £; null if any of them has none recorded. */
	annualRunningCostGbp: number | null;
	/** What limited each hub; null without capacities. */
	capacity: HubCapacity | null;
	totalWeight: number;
	heuristicSeconds: number;
	/** Best proven bound and the heuristic's gap to it; null when there is no bound. */
	bound: number | null;
	gap: number | null;
	/** Where the bound comes from. */
	boundSource: 'lagrangian' | 'highs' | null;
	/**
	 * The search's Lagrangian bound (lower for least travel, fewest and cheapest; upper for most
	 * covered; with capacities, the capacitated one) and its time in seconds; null without one.
	 */
	lagrangian: { bound: number; seconds: number } | null;
	/** HiGHS's run; `improvedSearch` when its answer beat the search's and is the one shown. */
	exact: { status: string; objective: number; bound: number; seconds: number; improvedSearch: boolean } | null;
}

export type WorkerRequest = { type: 'run'; data: EngineData; request: OptimiseRequest };

export type WorkerMessage =
	| {
			type: 'progress';
			phase: 'search';
			/** Starts done of the current search (fewest hubs runs one search per hub count tried). */
			done: number;
			total: number;
			bestHubs: string[];
			/**
			 * Best so far: mean distance or, in matrix mode, minutes (least travel), covered share
			 * (the coverage goals), running cost (cheapest).
			 */
			bestMeanDistanceM: number | null;
			bestMeanMinutes: number | null;
			bestCoveredShare: number | null;
			bestAnnualCostGbp: number | null;
	  }
	| { type: 'progress'; phase: 'bound'; answer: OptimiseAnswer }
	| { type: 'progress'; phase: 'exact'; seconds: number; primalBound: number; dualBound: number }
	| { type: 'done'; answer: OptimiseAnswer }
	| { type: 'error'; message: string };

