/**
 * How the equality figures and access criteria read, in words: one place for the workspace's impact
 * panel, the comparison and its exports, so the same figure reads the same everywhere. Client-safe.
 */
import type { CriterionResult, EqualityFigure, ScenarioParameters } from '../engine/types';
import { equalityRule } from '../engine/parameters';
import { formatCount, formatShare } from '../format';

/** "Passes", "Fails" or "Cannot be tested". */
export function verdict(pass: boolean | null): string {
	return pass === null ? 'Cannot be tested' : pass ? 'Passes' : 'Fails';
}

/**
 * A criterion's share and verdict on one side, e.g. "97.5% (passes)".
 *
 * @example criterionCell(0.9752, true) // '97.5% (passes)'
 * @example criterionCell(null, null) // 'Cannot be tested'
 */
export function criterionCell(share: number | null, pass: boolean | null): string {
	return share === null ? verdict(pass) : `${formatShare(share)} (${verdict(pass).toLowerCase()})`;
}

/** A criterion's target in words, e.g. "90% within 1 mile". */
export function criterionTarget(c: CriterionResult): string {
	const wholePercent = Number.isInteger(Math.round(c.targetShare * 1e6) / 1e4);
	return `${formatShare(c.targetShare, wholePercent ? 0 : 1)} within ${c.thresholdLabel}`;
}

export interface FlaggedGroup {
	service: string;
	characteristic: string;
	group: string;
	label: string;
	thresholdLabel: string;
	people: number;
	/** What `people` counts: car access is counted in households. */
	unit: EqualityFigure['unit'];
	shareOfLost: number;
	shareOfPopulation: number;
}

/** Every group flagged as disproportionately affected, per service and threshold, in the engine's order. */
export function flaggedGroups(figures: EqualityFigure[]): FlaggedGroup[] {
	return figures.flatMap((f) =>
		f.lost
			.filter((l) => l.disproportionate)
			.map((l) => ({
				service: f.service,
				characteristic: f.characteristic,
				group: f.group,
				label: f.groupLabel,
				thresholdLabel: l.thresholdLabel,
				people: l.people,
				unit: f.unit,
				shareOfLost: l.shareOfLost,
				shareOfPopulation: l.shareOfPopulation
			}))
	);
}

/** "Asian … (1 mile): 8,966 people, 29.6% of those losing reach against 12.6% of residents". */
export function describeFlag(flag: FlaggedGroup): string {
	return `${flag.label} (${flag.thresholdLabel}): ${formatCount(flag.people)} ${flag.unit}, ${formatShare(flag.shareOfLost)} of those losing reach against ${formatShare(flag.shareOfPopulation)} of ${flag.unit === 'households' ? 'households' : 'residents'}`;
}

/** The equality figures of each service, in the engine's order. */
export function byService(figures: EqualityFigure[]): { service: string; figures: EqualityFigure[] }[] {
	const services = [...new Set(figures.map((f) => f.service))];
	return services.map((service) => ({ service, figures: figures.filter((f) => f.service === service) }));
}

/** The disproportionate-impact rule a result was computed with, in words. */
export function ruleText(parameters: ScenarioParameters): string {
	const rule = equalityRule(parameters);
	return `A group is flagged when its share of the people losing reach is at least ${rule.disproportionateRatio} × its share of residents and at least ${formatCount(rule.minPeople)} of its people lose reach (a Hubplan planning assumption; change it under the scenario’s parameters).`;
}
