/**
 * The equality assessment: who is no longer within reach of a service, by characteristic and
 * group, against their share of the population, with a disproportionate-impact flag by a stated
 * rule (README: "Equality assessment"). Counted zone by zone from the per-zone costs before and
 * after, so people losing access are never netted off against people gaining it elsewhere; the
 * gains are counted beside them.
 */
import type { EngineData, EqualityFigure, EqualityGap, EqualityThresholdFigure, ZoneInput } from '../types';
import {
	AREA_APPORTION_KEY,
	AREA_METHOD,
	CHARACTERISTICS,
	NOT_COUNTED,
	equalityKey,
	type CharacteristicDefinition,
	type EqualityGroupDefinition
} from './characteristics';
import { formatThreshold } from '../../format';

/** One characteristic's table as per-zone weights: its base and each group the data carries. */
export interface EqualityTable {
	characteristic: CharacteristicDefinition;
	source: string;
	base: Float64Array;
	baseTotal: number;
	groups: { group: EqualityGroupDefinition; weights: Float64Array; total: number }[];
}

/**
 * Per-zone weights for every characteristic the data carries, and the gaps: characteristics and
 * groups it does not carry, and those the Census never counts. Built once per estate.
 */
export function equalityTables(data: EngineData): { tables: EqualityTable[]; gaps: EqualityGap[] } {
	const tables: EqualityTable[] = [];
	const gaps: EqualityGap[] = [];
	const areaShares = areaApportioning(data);
	for (const characteristic of CHARACTERISTICS) {
		const read =
			characteristic.level === 'zone'
				? (key: string) => zoneCounts(data.zones, key)
				: (key: string) => (areaShares ? areaShares(key) : null);
		const base = read(equalityKey(characteristic.key, 'base'));
		if (!base) {
			gaps.push({ characteristic: characteristic.key, label: characteristic.label, reason: `Not in the data for this area (${characteristic.source}).` });
			continue;
		}
		const groups: EqualityTable['groups'] = [];
		for (const group of characteristic.groups) {
			const weights = read(equalityKey(characteristic.key, group.key));
			if (weights) groups.push({ group, weights, total: sum(weights) });
			else gaps.push({ characteristic: characteristic.key, label: `${characteristic.label}: ${group.label}`, reason: 'Not in the data for this area.' });
		}
		const source = characteristic.level === 'area' ? `${characteristic.source}. ${AREA_METHOD}` : characteristic.source;
		tables.push({ characteristic, source, base, baseTotal: sum(base), groups });
	}
	for (const missing of NOT_COUNTED) gaps.push({ characteristic: missing.key, label: missing.label, reason: missing.reason });
	return { tables, gaps };
}

export interface EqualityRule {
	disproportionateRatio: number;
	minPeople: number;
}

/**
 * The equality figures for one service: for each table, group and threshold, the people within
 * the threshold before and not after (lost), those newly within it (gained), and the flag.
 * `changed` lists the zones whose cost differs; only they can lose or gain.
 *
 * @example
 * equalityFigures(tables, 'library', before, after, changed, [1609.344], 'm', { disproportionateRatio: 1.2, minPeople: 10 });
 */
export function equalityFigures(
	tables: EqualityTable[],
	service: string,
	before: ArrayLike<number>,
	after: ArrayLike<number>,
	changed: ArrayLike<number>,
	thresholds: number[],
	unit: 'm' | 'min',
	rule: EqualityRule
): EqualityFigure[] {
	const moves = thresholds.map((threshold) => {
		const lost: number[] = [];
		const gained: number[] = [];
		for (let i = 0; i < changed.length; i++) {
			const z = changed[i];
			const wasWithin = within(before[z], threshold);
			const isWithin = within(after[z], threshold);
			if (wasWithin && !isWithin) lost.push(z);
			else if (isWithin && !wasWithin) gained.push(z);
		}
		return { threshold, lost, gained };
	});
	const figures: EqualityFigure[] = [];
	for (const table of tables) {
		const lostBase = moves.map((m) => sumAt(table.base, m.lost));
		for (const { group, weights, total } of table.groups) {
			const shareOfPopulation = table.baseTotal > 0 ? total / table.baseTotal : 0;
			const lost = moves.map((m, t): EqualityThresholdFigure => {
				const people = sumAt(weights, m.lost);
				const gained = sumAt(weights, m.gained);
				const shareOfLost = lostBase[t] > 0 ? people / lostBase[t] : 0;
				return {
					...(unit === 'm' ? { thresholdM: m.threshold } : { thresholdMin: m.threshold }),
					thresholdLabel: formatThreshold(m.threshold, unit).replace(/ min$/, ' minutes'),
					people,
					shareOfLost,
					shareOfPopulation,
					disproportionate: isDisproportionate(people, shareOfLost, shareOfPopulation, rule),
					gained,
					net: gained - people
				};
			});
			figures.push({
				service,
				characteristic: table.characteristic.key,
				characteristicLabel: table.characteristic.label,
				group: group.key,
				groupLabel: group.label,
				kind: table.characteristic.kind,
				unit: table.characteristic.unit,
				source: table.source,
				population: total,
				lost
			});
		}
	}
	return figures;
}

/** The stated rule: over-represented among those losing access by the ratio, and not a handful. */
export function isDisproportionate(people: number, shareOfLost: number, shareOfPopulation: number, rule: EqualityRule): boolean {
	return people > 0 && people >= rule.minPeople && shareOfLost >= rule.disproportionateRatio * shareOfPopulation;
}

function within(cost: number, threshold: number): boolean {
	// NaN (no site offers the service) is never within.
	return cost <= threshold;
}

/** Per-zone counts of one key, or null when no zone carries it (0 where one zone lacks it). */
function zoneCounts(zones: ZoneInput[], key: string): Float64Array | null {
	if (!zones.some((z) => z.equality?.[key] !== undefined)) return null;
	return Float64Array.from(zones, (z) => positive(z.equality?.[key]));
}

/**
 * For `area`-level keys: each zone's share of its area's count, in proportion to its residents
 * aged 16+ (AREA_METHOD). Null when the data has no areas.
 */
function areaApportioning(data: EngineData): ((key: string) => Float64Array | null) | null {
	if (!data.areas?.length) return null;
	const areaIndex = new Map(data.areas.map((a, i) => [a.code, i]));
	const zoneArea = data.zones.map((z) => (z.areaCode ? (areaIndex.get(z.areaCode) ?? -1) : -1));
	const weight = data.zones.map((z) => positive(z.equality?.[AREA_APPORTION_KEY] ?? z.population));
	const areaWeight = new Float64Array(data.areas.length);
	zoneArea.forEach((a, z) => {
		if (a >= 0) areaWeight[a] += weight[z];
	});
	return (key) => {
		if (!data.areas!.some((a) => a.equality[key] !== undefined)) return null;
		return Float64Array.from(data.zones, (_, z) => {
			const a = zoneArea[z];
			if (a < 0 || areaWeight[a] === 0) return 0;
			return (positive(data.areas![a].equality[key]) * weight[z]) / areaWeight[a];
		});
	};
}

function positive(value: number | undefined): number {
	return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

function sum(values: Float64Array): number {
	let total = 0;
	for (const v of values) total += v;
	return total;
}

function sumAt(values: Float64Array, at: number[]): number {
	let total = 0;
	for (const z of at) total += values[z];
	return total;
}
