/**
 * Turns the engine's per-zone before/after costs into what the impact panel and the map show: the
 * people no longer within each threshold of each affected service (in total and per group), and
 * the change in cost per zone. Counted zone by zone, so someone who loses access is never
 * cancelled out by someone elsewhere who gains it (a new site); gains are counted separately.
 */
import { GROUP_KEYS, type GroupKey, type ScenarioParameters, type ZoneAccessDelta, type ZoneInput } from '../engine/types';

/** People (households for `noCar`), in total and per group the data carries. */
export interface PeopleCount {
	population: number;
	groups: Partial<Record<GroupKey, number>>;
}

export interface ThresholdChange {
	threshold: number;
	/** Within the threshold before, not after (or no site offers the service any more). */
	lost: PeopleCount;
	/** Within after, not before. */
	gained: PeopleCount;
}

export interface ServiceAccessChange {
	service: string;
	unit: 'm' | 'min';
	thresholds: ThresholdChange[];
	/** Zones whose cost changed. */
	zonesChanged: number;
}

/**
 * One entry per service whose cost changes in at least one zone, in the engine's order.
 *
 * @example
 * accessChanges(data.zones, result.zoneAccess, params)[0].thresholds[0].lost.population; // people beyond 1 mile now
 */
export function accessChanges(
	zones: ZoneInput[],
	zoneAccess: ZoneAccessDelta[],
	parameters: ScenarioParameters
): ServiceAccessChange[] {
	const changes: ServiceAccessChange[] = [];
	// Groups the data carries count from 0; groups it lacks stay absent (shown as "no data").
	const carried = GROUP_KEYS.filter((key) => zones.some((z) => z.groups[key] !== undefined));
	const emptyCount = (): PeopleCount => ({ population: 0, groups: Object.fromEntries(carried.map((k) => [k, 0])) });
	for (const delta of zoneAccess) {
		if (delta.before.length !== zones.length || delta.after.length !== zones.length)
			throw new Error(
				`Zone access for '${delta.service}' has ${delta.before.length}/${delta.after.length} values for ${zones.length} zones; they must align.`
			);
		let zonesChanged = 0;
		for (let z = 0; z < zones.length; z++) if (delta.before[z] !== delta.after[z]) zonesChanged++;
		if (zonesChanged === 0) continue;
		const thresholds = delta.unit === 'min' ? parameters.thresholdsMin : parameters.thresholdsM;
		changes.push({
			service: delta.service,
			unit: delta.unit,
			zonesChanged,
			thresholds: thresholds.map((threshold) => {
				const lost = emptyCount();
				const gained = emptyCount();
				zones.forEach((zone, z) => {
					const before = within(delta.before[z], threshold);
					const after = within(delta.after[z], threshold);
					if (before && !after) addZone(lost, zone);
					else if (after && !before) addZone(gained, zone);
				});
				return { threshold, lost, gained };
			})
		});
	}
	return changes;
}

/**
 * After − before per zone code, for colouring the map; null where either side has no site
 * offering the service (shown as "no data" rather than as a made-up number).
 */
export function zoneChangeByCode(zones: { code: string }[], delta: ZoneAccessDelta): Record<string, number | null> {
	const values: Record<string, number | null> = {};
	zones.forEach((zone, z) => {
		const before = delta.before[z];
		const after = delta.after[z];
		values[zone.code] = before === null || after === null ? null : after - before;
	});
	return values;
}

/** The zones whose cost rose most, for the table that stands in for the map. */
export function largestIncreases(
	zones: { code: string; population: number }[],
	delta: ZoneAccessDelta,
	limit: number
): { code: string; population: number; before: number | null; after: number | null; change: number | null }[] {
	return zones
		.map((zone, z) => {
			const before = delta.before[z];
			const after = delta.after[z];
			return { code: zone.code, population: zone.population, before, after, change: before === null || after === null ? null : after - before };
		})
		.filter((row) => row.before !== row.after)
		// Losing the service altogether (after null) ranks above any finite increase.
		.sort((a, b) => rank(b) - rank(a) || a.code.localeCompare(b.code))
		.slice(0, limit);
}

function rank(row: { after: number | null; change: number | null }): number {
	if (row.after === null) return Infinity;
	return row.change ?? -Infinity;
}

function within(cost: number | null, threshold: number): boolean {
	return cost !== null && cost <= threshold;
}

function addZone(count: PeopleCount, zone: ZoneInput): void {
	count.population += zone.population;
	for (const key of GROUP_KEYS) {
		const n = zone.groups[key];
		if (n !== undefined) count.groups[key] = (count.groups[key] ?? 0) + n;
	}
}

/**
 * The short sentence the live region reads after each change: the headline money and the largest
 * access loss, not the whole panel.
 */
export function impactSummary(
	appraisal: {
		annualCashableSavingGbp: number;
		annualNonCashableSavingGbp: number;
		oneOff: { totalGbp: number };
		npvCashableGbp: number;
		paybackYearCashable: number | null;
	},
	access: ServiceAccessChange[],
	words: { gbp: (v: number) => string; count: (v: number) => string; threshold: (v: number, unit: 'm' | 'min') => string; service: (code: string) => string }
): string {
	// Cashable money leads: it is what budgets see; non-cashable value is named beside it.
	const payback = appraisal.paybackYearCashable === null ? 'does not pay back in the period' : `pays back in year ${appraisal.paybackYearCashable}`;
	const money = `Annual cashable saving ${words.gbp(appraisal.annualCashableSavingGbp)} (non-cashable ${words.gbp(appraisal.annualNonCashableSavingGbp)}), one-off cost ${words.gbp(appraisal.oneOff.totalGbp)}, cashable NPV ${words.gbp(appraisal.npvCashableGbp)}; ${payback}.`;
	let worst: { service: string; unit: 'm' | 'min'; threshold: number; people: number } | null = null;
	for (const change of access)
		for (const t of change.thresholds)
			if (t.lost.population > 0 && (!worst || t.lost.population > worst.people))
				worst = { service: change.service, unit: change.unit, threshold: t.threshold, people: t.lost.population };
	const people = worst
		? ` ${words.count(worst.people)} people no longer within ${words.threshold(worst.threshold, worst.unit)} of ${words.service(worst.service)}.`
		: ' Nobody loses access within the thresholds.';
	return money + people;
}
