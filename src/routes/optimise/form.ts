/** The optimiser form's fields and their checks, kept out of the component so tests can use them. */
import type { DistanceMode, GroupKey } from '$lib/engine/types';

export interface OptimiseForm {
	service: string;
	candidateMode: 'offering' | 'kinds';
	kinds: string[];
	goal: 'median' | 'coverage' | 'fewest' | 'cheapest';
	k: number;
	/**
	 * Least travel only: limit each hub by its floor area (× residentsPerM2 residents) or by its
	 * recorded visit capacity per week.
	 */
	capacity: boolean;
	capacityBasis: 'floor_area' | 'visits';
	residentsPerM2: number | null;
	/** straight: great-circle metres; road: metres × circuity; matrix: imported minutes. */
	distanceMode: DistanceMode;
	circuity: number;
	/** The coverage threshold: metres (straight, road) or minutes (matrix); each mode keeps its own. */
	thresholdM: number;
	thresholdMin: number;
	targetPercent: number;
	groups: GroupKey[];
	seed: number;
	starts: number;
	prove: boolean;
	timeLimitS: number;
}

/**
 * Problems keyed by field name, each naming the bad value and what is accepted. Empty when the
 * form can run. The engine checks again; these catch mistakes before anything starts.
 */
export function validateForm(
	form: OptimiseForm,
	counts: {
		candidateCount: number;
		mustKeep: number;
		mustClose: number;
		/** Names of candidates that may be chosen but have no running cost (the cheapest goal needs one). */
		withoutRunningCost?: string[];
		/** Whether a travel-time matrix has been imported (matrix mode needs one). */
		hasMatrix?: boolean;
		/** Names of candidates that may be chosen but have no visit capacity per week (visit capacities need one). */
		withoutVisitCapacity?: string[];
		/** The service's current sites, and the names of those without visits per week (visit capacities need them). */
		serviceSites?: number;
		withoutVisits?: string[];
	}
): Record<string, string> {
	const errors: Record<string, string> = {};
	const allowed = counts.candidateCount - counts.mustClose;
	if (counts.candidateCount === 0)
		errors.kinds = form.candidateMode === 'kinds' ? 'Choose at least one kind of building.' : 'No building offers this service.';
	const usesK = form.goal === 'median' || form.goal === 'coverage';
	const usesTarget = form.goal === 'fewest' || form.goal === 'cheapest';
	if (usesK) {
		if (!Number.isInteger(form.k) || form.k < 1) errors.k = `Enter a whole number of hubs of 1 or more (you entered ${form.k}).`;
		else if (form.k > allowed)
			errors.k = `You asked for ${hubs(form.k)}, more than the ${allowed} candidate buildings that may be chosen${counts.mustClose ? ` (${counts.mustClose} are must-close)` : ''}.`;
		else if (form.k < counts.mustKeep) errors.k = `You asked for ${hubs(form.k)}, fewer than the ${counts.mustKeep} must-keep buildings.`;
	}
	const capacitated = form.goal === 'median' && form.capacity;
	if (capacitated && form.capacityBasis === 'floor_area' && !(Number(form.residentsPerM2) > 0))
		errors.residentsPerM2 = `Enter the residents one m² of floor area can serve, a number above 0 (you entered ${form.residentsPerM2 ?? 'nothing'}).`;
	if (capacitated && form.capacityBasis === 'visits') {
		const issue = visitIssue(counts.serviceSites ?? 0, counts.withoutVisits ?? [], counts.withoutVisitCapacity ?? []);
		if (issue) errors.capacityBasis = issue;
	}
	if (form.distanceMode === 'matrix' && !counts.hasMatrix)
		errors.distanceMode = 'No travel-time matrix has been imported. Import one on the Import & export page, or choose straight-line or road distance.';
	if (form.distanceMode === 'road' && !(form.circuity >= 1 && Number.isFinite(form.circuity)))
		errors.circuity = `Enter a road factor of 1 or more (you entered ${form.circuity}).`;
	if (form.goal !== 'median') {
		if (form.distanceMode !== 'matrix' && !(form.thresholdM > 0))
			errors.thresholdM = `Enter a distance above 0 metres (you entered ${form.thresholdM}).`;
		if (form.distanceMode === 'matrix' && !(form.thresholdMin > 0))
			errors.thresholdMin = `Enter a time above 0 minutes (you entered ${form.thresholdMin}).`;
	}
	if (usesTarget && !(form.targetPercent > 0 && form.targetPercent <= 100))
		errors.targetPercent = `Enter a share above 0 and at most 100 % (you entered ${form.targetPercent}).`;
	const missing = counts.withoutRunningCost ?? [];
	if (form.goal === 'cheapest' && missing.length > 0)
		errors.goal = `No annual running cost is recorded for ${nameFew(missing)}. Mark ${missing.length === 1 ? 'it' : 'them'} “must not choose”, or choose another goal.`;
	if (!Number.isInteger(form.seed) || form.seed < 0) errors.seed = `Enter a whole number of 0 or more (you entered ${form.seed}).`;
	if (!Number.isInteger(form.starts) || form.starts < 1 || form.starts > 1000)
		errors.starts = `Enter a whole number of starts from 1 to 1,000 (you entered ${form.starts}).`;
	if (form.prove && !(form.timeLimitS >= 1 && form.timeLimitS <= 600))
		errors.timeLimitS = `Enter a time limit from 1 to 600 seconds (you entered ${form.timeLimitS}).`;
	return errors;
}

/**
 * Why visits per week cannot limit the hubs, or null when they can: the service's current sites
 * must all have visits per week (they make the zones' demand), and every candidate that may be
 * chosen a visit capacity.
 */
function visitIssue(serviceSites: number, withoutVisits: string[], withoutVisitCapacity: string[]): string | null {
	if (serviceSites > 0 && withoutVisits.length === serviceSites)
		return 'This service has no visit figures: none of its current buildings records visits per week. Import them on the Import & export page, or limit hubs by floor area.';
	if (withoutVisits.length > 0)
		return `No visits per week are recorded for this service at ${nameFew(withoutVisits)}. Import them on the Import & export page, or limit hubs by floor area.`;
	if (withoutVisitCapacity.length > 0)
		return `No visit capacity per week is recorded for ${nameFew(withoutVisitCapacity)}. Import one on the Import & export page, mark ${withoutVisitCapacity.length === 1 ? 'it' : 'them'} “must not choose”, or limit hubs by floor area.`;
	return null;
}

/** "Hale Library" or "13 buildings: A, B, C and 10 more". */
function nameFew(names: string[]): string {
	return `${names.length === 1 ? '' : `${names.length} buildings: `}${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`;
}

const hubs = (k: number) => `${k} hub${k === 1 ? '' : 's'}`;
