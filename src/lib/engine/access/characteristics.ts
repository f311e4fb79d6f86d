/**
 * The one list of characteristics the equality assessment breaks access down by: the protected
 * characteristics of the Equality Act 2010 (s4) the Census counts, and related needs. Each names
 * its table (the base every share of it is taken against), its groups, and where its counts live.
 * Zone data carries counts keyed `characteristic.group`, and each table's total as
 * `characteristic.base` (`equalityKey`); larger areas (MSOAs) carry the same keys.
 */

export interface EqualityGroupDefinition {
	key: string;
	label: string;
}

export interface CharacteristicDefinition {
	key: string;
	label: string;
	/** A protected characteristic (Equality Act 2010 s4) or a related need the duty asks about. */
	kind: 'protected' | 'need';
	/** Who the source table counts: the base of every share. */
	universe: string;
	unit: 'people' | 'households';
	source: string;
	/**
	 * `zone`: counted per zone. `area`: published only for larger areas (MSOAs), see
	 * `AREA_METHOD`.
	 */
	level: 'zone' | 'area';
	groups: EqualityGroupDefinition[];
}

const CENSUS = 'ONS Census 2021';

export const CHARACTERISTICS: readonly CharacteristicDefinition[] = [
	{
		key: 'age',
		label: 'Age',
		kind: 'protected',
		universe: 'all residents',
		unit: 'people',
		source: 'ONS mid-2024 population estimates (Census 2021 where the pack has no estimates)',
		level: 'zone',
		groups: [
			{ key: 'age65', label: 'Aged 65+' },
			{ key: 'age75', label: 'Aged 75+' }
		]
	},
	{
		key: 'disability',
		label: 'Disability',
		kind: 'protected',
		universe: 'all usual residents',
		unit: 'people',
		source: `${CENSUS} TS038`,
		level: 'zone',
		groups: [{ key: 'disabled', label: 'Disabled (Equality Act)' }]
	},
	{
		key: 'sex',
		label: 'Sex',
		kind: 'protected',
		universe: 'all usual residents',
		unit: 'people',
		source: `${CENSUS} TS008`,
		level: 'zone',
		groups: [
			{ key: 'female', label: 'Female' },
			{ key: 'male', label: 'Male' }
		]
	},
	{
		key: 'ethnicity',
		label: 'Race (ethnic group)',
		kind: 'protected',
		universe: 'all usual residents',
		unit: 'people',
		source: `${CENSUS} TS021`,
		level: 'zone',
		groups: [
			{ key: 'asian', label: 'Asian, Asian British or Asian Welsh' },
			{ key: 'black', label: 'Black, Black British, Black Welsh, Caribbean or African' },
			{ key: 'mixed', label: 'Mixed or multiple ethnic groups' },
			{ key: 'white', label: 'White' },
			{ key: 'whiteBritish', label: 'White British (English, Welsh, Scottish, Northern Irish or British)' },
			{ key: 'other', label: 'Other ethnic group (including Arab)' }
		]
	},
	{
		key: 'religion',
		label: 'Religion or belief',
		kind: 'protected',
		universe: 'all usual residents',
		unit: 'people',
		source: `${CENSUS} TS030`,
		level: 'zone',
		groups: [
			{ key: 'christian', label: 'Christian' },
			{ key: 'buddhist', label: 'Buddhist' },
			{ key: 'hindu', label: 'Hindu' },
			{ key: 'jewish', label: 'Jewish' },
			{ key: 'muslim', label: 'Muslim' },
			{ key: 'sikh', label: 'Sikh' },
			{ key: 'other', label: 'Other religion' },
			{ key: 'none', label: 'No religion' },
			{ key: 'notStated', label: 'Religion not stated' }
		]
	},
	{
		key: 'partnership',
		label: 'Marriage or civil partnership',
		kind: 'protected',
		universe: 'usual residents aged 16+',
		unit: 'people',
		source: `${CENSUS} TS002 (sums of Output Area counts)`,
		level: 'zone',
		groups: [
			{ key: 'married', label: 'Married or in a civil partnership' },
			{ key: 'neverMarried', label: 'Never married or in a civil partnership' },
			{ key: 'separated', label: 'Separated' },
			{ key: 'divorced', label: 'Divorced or civil partnership dissolved' },
			{ key: 'widowed', label: 'Widowed or surviving civil partner' }
		]
	},
	{
		key: 'sexualOrientation',
		label: 'Sexual orientation',
		kind: 'protected',
		universe: 'usual residents aged 16+',
		unit: 'people',
		source: `${CENSUS} TS077 (published for MSOAs only)`,
		level: 'area',
		groups: [
			{ key: 'lgbPlus', label: 'Gay, lesbian, bisexual or another minority orientation' },
			{ key: 'straight', label: 'Straight or heterosexual' },
			{ key: 'notAnswered', label: 'Sexual orientation not answered' }
		]
	},
	{
		key: 'genderIdentity',
		label: 'Gender reassignment (gender identity)',
		kind: 'protected',
		universe: 'usual residents aged 16+',
		unit: 'people',
		source: `${CENSUS} TS078 (published for MSOAs only)`,
		level: 'area',
		groups: [
			{ key: 'transOrDifferent', label: 'Gender identity different from sex registered at birth' },
			{ key: 'sameAsSex', label: 'Gender identity the same as sex registered at birth' },
			{ key: 'notAnswered', label: 'Gender identity not answered' }
		]
	},
	{
		key: 'english',
		label: 'English language',
		kind: 'need',
		universe: 'usual residents aged 3+',
		unit: 'people',
		source: `${CENSUS} TS029`,
		level: 'zone',
		groups: [{ key: 'poor', label: 'Cannot speak English well or at all' }]
	},
	{
		key: 'carers',
		label: 'Unpaid carers',
		kind: 'need',
		universe: 'usual residents aged 5+',
		unit: 'people',
		source: `${CENSUS} TS039`,
		level: 'zone',
		groups: [
			{ key: 'any', label: 'Provides unpaid care' },
			{ key: 'hours20', label: 'Provides 20 or more hours of unpaid care a week' }
		]
	},
	{
		key: 'deprivation',
		label: 'Deprivation',
		kind: 'need',
		universe: 'all residents',
		unit: 'people',
		source: 'MHCLG English Indices of Deprivation 2025',
		level: 'zone',
		groups: [{ key: 'deprived', label: 'Living in the most deprived areas (IMD deciles 1–2)' }]
	},
	{
		key: 'health',
		label: 'Health',
		kind: 'need',
		universe: 'all usual residents',
		unit: 'people',
		source: `${CENSUS} TS037`,
		level: 'zone',
		groups: [{ key: 'badHealth', label: 'Bad or very bad health' }]
	},
	{
		key: 'carAccess',
		label: 'Car access',
		kind: 'need',
		universe: 'households',
		unit: 'households',
		source: `${CENSUS} TS045`,
		level: 'zone',
		groups: [{ key: 'noCar', label: 'Households with no car or van' }]
	}
];

/** Protected characteristics no dataset in the pack counts, said in every assessment. */
export const NOT_COUNTED: readonly { key: string; label: string; reason: string }[] = [
	{
		key: 'pregnancy',
		label: 'Pregnancy and maternity',
		reason:
			'The Census does not ask about pregnancy or maternity, and no small-area count of it is in the data. Consider it with local evidence (for example maternity and health visiting services).'
	}
];

/**
 * How `area`-level characteristics are counted: an area's group count × the share of the area's
 * residents aged 16+ who lose access. Equivalently, each zone is given its area's count in
 * proportion to its residents aged 16+ (the base of the marriage and civil partnership table, also
 * aged 16+; all residents where a zone lacks it). This assumes the group lives evenly across the
 * area's zones: a Hubplan assumption, since ONS publishes these counts for MSOAs only.
 */
export const AREA_METHOD =
	'Published for MSOAs only: each MSOA’s count is shared among its LSOAs in proportion to their residents aged 16+, which assumes the group lives evenly across the MSOA (Hubplan assumption).';
/** The zone count that shares an area's counts among its zones. */
export const AREA_APPORTION_KEY = 'partnership.base';

/** The key of a group's count (or, with `base`, the table's total) in zone and area data. */
export function equalityKey(characteristic: string, group: string | 'base'): string {
	return `${characteristic}.${group}`;
}
