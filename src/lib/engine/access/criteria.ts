/**
 * Published access criteria, and the partnership's own, tested before and after a scenario: the
 * share of a population within a distance (or time) of the nearest open site offering a service,
 * against a target share. Distances are straight-line, as the Post Office measures its criteria;
 * times come from the imported travel-time matrix. README: "Access criteria".
 */
import { METRES_PER_MILE } from '../parameters';
import type { PreparedEstate } from '../prepare';
import { GROUP_KEYS, GROUP_LABELS, type AccessCriterionInput, type CriterionResult, type GroupKey } from '../types';
import { CHARACTERISTICS } from './characteristics';
import type { EqualityTable } from './equality';
import { formatThreshold } from '../../format';

const POST_OFFICE_SOURCE =
	'Post Office network access criteria, set by Government in its response to the national consultation on the post office network (DTI, May 2007)';
const DWP_SOURCE =
	'DWP ministerial criteria for moving or closing a jobcentre: claimants can reasonably be expected to travel 3 miles or 20 minutes by public transport (quoted in DWP’s 2017 consultation responses)';

/** England's LSOAs ranked by IMD 2025 (MHCLG): rank 1 is the most deprived. */
export const IMD_2025_LSOAS = 33_755;
/**
 * "Deprived urban areas" of the Post Office criteria: the most deprived 15 % of super output
 * areas in England (Government response, May 2007; Hansard written answer 181471, 28 Jan 2008),
 * here by IMD 2025 rank.
 */
export const PO_DEPRIVED_SHARE = 0.15;

/** Criterion populations beyond everyone and the groups: areas a criterion names. */
export const CRITERION_AREAS = {
	poDeprived: 'People in the most deprived 15 % of areas in England (IMD 2025)',
	urban: 'Urban residents (settlements of 10,000 people or more)'
} as const;

const NO_URBAN_CLASS =
	'The data has no rural–urban classification of zones (ONS rural–urban classification, or settlements of 10,000 people or more, as the criteria define urban), so this cannot be tested. Import it as a zone attribute to test it.';

/** The built-in criteria, each with its source. */
export const BUILT_IN_CRITERIA: readonly AccessCriterionInput[] = [
	{ id: 'po-1-mile', name: 'Post Office: 90 % of people within 1 mile', source: POST_OFFICE_SOURCE, service: 'post_office', thresholdM: METRES_PER_MILE, group: 'total', targetShare: 0.9 },
	{ id: 'po-3-miles', name: 'Post Office: 99 % of people within 3 miles', source: POST_OFFICE_SOURCE, service: 'post_office', thresholdM: 3 * METRES_PER_MILE, group: 'total', targetShare: 0.99 },
	{ id: 'po-deprived-urban-1-mile', name: 'Post Office: 99 % of people in deprived urban areas within 1 mile', source: POST_OFFICE_SOURCE, service: 'post_office', thresholdM: METRES_PER_MILE, group: 'poDeprived', targetShare: 0.99 },
	{ id: 'po-urban-1-mile', name: 'Post Office: 95 % of urban residents within 1 mile', source: POST_OFFICE_SOURCE, service: 'post_office', thresholdM: METRES_PER_MILE, group: 'urban', targetShare: 0.95 },
	{ id: 'dwp-jobcentre', name: 'DWP: everyone within 3 miles or 20 minutes by public transport of a jobcentre', source: DWP_SOURCE, service: 'jobcentre', thresholdM: 3 * METRES_PER_MILE, thresholdMin: 20, group: 'total', targetShare: 1 }
];

type Costs = (service: string) => { before: Float64Array; after: Float64Array };

export interface CriterionInputs {
	/** Straight-line metres to the nearest open site, per zone. */
	straight: Costs;
	/** Matrix minutes, or null without a matrix. */
	minutes: Costs | null;
	/** The imported matrix's travel mode (e.g. `public_transport`). */
	matrixMode: string | null;
	/** Per-zone weights of a criterion's population, or null when the data cannot say who. */
	weights: (group: string) => Float64Array | null;
}

/**
 * Each criterion's share before and after, and pass or fail. A criterion that cannot be tested
 * (no data for its population, no site offering its service) has null shares and says why.
 *
 * @example
 * testCriteria(estate, BUILT_IN_CRITERIA, inputs)[0]; // { id: 'po-1-mile', before: 0.975…, passBefore: true, … }
 */
export function testCriteria(estate: PreparedEstate, criteria: readonly AccessCriterionInput[], inputs: CriterionInputs): CriterionResult[] {
	return criteria.map((c) => {
		const notes: string[] = [];
		const weights = inputs.weights(c.group);
		const offered = estate.services.includes(c.service);
		let legs: { before: Float64Array; after: Float64Array; threshold: number }[] = [];
		if (c.thresholdM !== undefined && offered) legs.push({ ...inputs.straight(c.service), threshold: c.thresholdM });
		if (c.thresholdMin !== undefined && offered) {
			if (inputs.minutes) {
				legs.push({ ...inputs.minutes(c.service), threshold: c.thresholdMin });
				if (c.id === 'dwp-jobcentre' && inputs.matrixMode !== 'public_transport')
					notes.push(`The imported travel-time matrix is by ${inputs.matrixMode?.replace(/_/g, ' ')}, not public transport.`);
			} else {
				notes.push(
					c.thresholdM === undefined
						? `No travel-time matrix is imported, so the ${formatThreshold(c.thresholdMin, 'min').replace(/ min$/, '-minute')} test cannot be made. Import one (Import & export).`
						: `The ${c.thresholdMin}-minute leg needs an imported public-transport travel-time matrix; there is none, so only the distance is tested.`
				);
				if (c.thresholdM === undefined) legs = [];
			}
		}
		if (!offered) notes.push('No building offers this service.');
		if (c.group === 'urban') notes.push(NO_URBAN_CLASS);
		else if (c.group === 'poDeprived' && weights)
			notes.push('The data has no rural–urban classification, so every deprived area counts as urban.');
		else if (!weights) notes.push(`The data does not count ${groupLabel(c.group).toLowerCase()}.`);
		if (c.id === 'dwp-jobcentre')
			notes.push('DWP measures from the old jobcentre to the new one; Hubplan measures from each resident’s home area to their nearest jobcentre.');
		const testable = weights !== null && legs.length > 0;
		const share = (side: 'before' | 'after') => (testable ? shareWithin(weights, legs.map((l) => ({ cost: l[side], threshold: l.threshold }))) : null);
		const before = share('before');
		const after = share('after');
		return {
			id: c.id,
			name: c.name,
			source: c.source,
			service: c.service,
			...(c.thresholdM !== undefined ? { thresholdM: c.thresholdM } : {}),
			...(c.thresholdMin !== undefined ? { thresholdMin: c.thresholdMin } : {}),
			thresholdLabel: thresholdLabel(c),
			group: c.group,
			groupLabel: groupLabel(c.group),
			targetShare: c.targetShare,
			before,
			after,
			passBefore: before === null ? null : passes(before, c.targetShare),
			passAfter: after === null ? null : passes(after, c.targetShare),
			note: notes.length ? notes.join(' ') : null
		};
	});
}

/** A share meets its target; a hair's float noise below it (0.9 of 0.9) still passes. */
function passes(share: number, target: number): boolean {
	return share >= target - 1e-12;
}

/** Σ weight of zones within any leg's threshold ÷ Σ weight; 0 with no one in the population. */
function shareWithin(weights: Float64Array, legs: { cost: Float64Array; threshold: number }[]): number {
	let total = 0;
	let within = 0;
	for (let z = 0; z < weights.length; z++) {
		total += weights[z];
		if (legs.some((l) => l.cost[z] <= l.threshold)) within += weights[z];
	}
	return total > 0 ? within / total : 0;
}

/** "1 mile", "3 miles or 20 minutes by public transport". */
export function thresholdLabel(c: Pick<AccessCriterionInput, 'thresholdM' | 'thresholdMin' | 'id'>): string {
	const parts: string[] = [];
	if (c.thresholdM !== undefined) parts.push(formatThreshold(c.thresholdM, 'm'));
	if (c.thresholdMin !== undefined)
		parts.push(`${formatThreshold(c.thresholdMin, 'min').replace(/ min$/, ' minutes')}${c.id === 'dwp-jobcentre' ? ' by public transport' : ''}`);
	return parts.join(' or ');
}

/**
 * Every population a criterion can name, with its label: everyone, the access groups, each
 * equality group, and the criterion areas. The criteria form offers this list.
 */
export function criterionGroups(): { key: string; label: string }[] {
	return [
		{ key: 'total', label: 'Everyone' },
		...GROUP_KEYS.map((key) => ({ key, label: GROUP_LABELS[key] })),
		// Characteristics made of the access groups are offered once, as those groups.
		...CHARACTERISTICS.filter((c) => !c.groups.every((g) => (GROUP_KEYS as readonly string[]).includes(g.key))).flatMap((c) =>
			c.groups.map((g) => ({ key: `${c.key}.${g.key}`, label: `${c.label}: ${g.label}` }))
		),
		...Object.entries(CRITERION_AREAS).map(([key, label]) => ({ key, label }))
	];
}

export function groupLabel(group: string): string {
	return criterionGroups().find((g) => g.key === group)?.label ?? group;
}

/** Per-zone weights of a criterion's population; null when the data cannot say who is in it. */
export function criterionWeights(estate: PreparedEstate, tables: EqualityTable[], group: string): Float64Array | null {
	if (group === 'total') return estate.population;
	if ((GROUP_KEYS as readonly string[]).includes(group)) return estate.groupWeights[group as GroupKey] ?? null;
	if (group === 'urban') return null;
	if (group === 'poDeprived') {
		if (!estate.zones.some((z) => z.imdRank !== undefined && z.imdRank !== null)) return null;
		const cutoff = PO_DEPRIVED_SHARE * IMD_2025_LSOAS;
		return Float64Array.from(estate.zones, (z, i) => (z.imdRank != null && z.imdRank <= cutoff ? estate.population[i] : 0));
	}
	const [characteristic, key] = group.split('.');
	const table = tables.find((t) => t.characteristic.key === characteristic);
	return table?.groups.find((g) => g.group.key === key)?.weights ?? null;
}
