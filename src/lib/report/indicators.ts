/**
 * Every figure Hubplan reports about an option, defined once: its label, unit, how it is written,
 * whether a higher value is better, and where it comes from. The live impact panel, the comparison
 * table, its CSV/XLSX downloads and the cabinet report all read their labels and formats here, so a
 * figure cannot be labelled in metres in one place and minutes in another. Client-safe and pure.
 */
import { GROUP_LABELS, type GroupKey } from '../engine/types';
import { formatCount, formatDistance, formatGbp, MISSING } from '../format';

/** How a figure's value is written (and how a spreadsheet formats it). */
export type IndicatorFormat = 'gbp' | 'count' | 'year' | 'distance' | 'text';

/** What a figure counts or measures; `m` and `min` are distances and travel times. */
export type IndicatorUnit = 'gbp' | 'gbpPerYear' | 'people' | 'households' | 'visitsPerWeek' | 'buildings' | 'year' | 'years' | 'm' | 'min' | 'text';

/** What a label or unit depends on: the distance unit in use, a threshold in words, a partner, a group. */
export interface IndicatorContext {
	/** Metres (straight-line or road distance) or minutes (a travel-time matrix). */
	distanceUnit?: 'm' | 'min';
	/** e.g. "1 mile", "15 min". */
	threshold?: string;
	partner?: string;
	group?: GroupKey;
}

export interface Indicator {
	label: (c: IndicatorContext) => string;
	/** A shorter label for panels and the report's summary. */
	shortLabel?: (c: IndicatorContext) => string;
	unit: (c: IndicatorContext) => IndicatorUnit;
	/** true: more is better (savings); false: more is worse (costs, people losing reach); null: neither. */
	upIsGood: boolean | null;
	/** Where the figure comes from, in plain words. */
	source: string;
}

const APPRAISAL = 'Hubplan appraisal: running costs of buildings vacated and taken on, rent, receipts and fees, with the one-off costs of moving (engine README, appraisal)';
const NPV = 'Hubplan appraisal, discounted at the HM Treasury Green Book rate over the appraisal period';
const PILOT = 'The pilot costs entered on the option’s pilot page';
const FOOTFALL = 'Hubplan footfall model: weekly visits to closed or moved services sent to the nearest remaining building, phone or web';
const COLOCATION = 'Hubplan space check: the space incoming services need against the space a hub has spare';
const ACCESS = 'People (households for car access) in each small area (LSOA), by the distance from its population-weighted centre to the nearest building offering the service; ONS mid-2024 population and Census 2021';
const CRITERIA = 'The access criteria on the Access criteria page, each with its published source';
const EQUALITY = 'Census 2021 counts by small area (sexual orientation and gender identity by larger area), tested by the disproportionate-impact rule in the assumptions';
const MITIGATIONS = 'The mitigations recorded for the option';

const fixed = (text: string) => () => text;
const unitOf = (unit: IndicatorUnit) => () => unit;
const gbp = (label: string, source: string, upIsGood: boolean, shortLabel?: string): Indicator => ({
	label: fixed(label),
	shortLabel: shortLabel ? fixed(shortLabel) : undefined,
	unit: unitOf('gbp'),
	upIsGood,
	source
});
const visits = (label: string, upIsGood: boolean | null): Indicator => ({ label: fixed(label), unit: unitOf('visitsPerWeek'), upIsGood, source: FOOTFALL });
const text = (label: string, source: string): Indicator => ({ label: fixed(label), unit: unitOf('text'), upIsGood: null, source });
const groupLabel = (c: IndicatorContext) => (c.group ? GROUP_LABELS[c.group] : 'Everyone');

/** The registry. Keys are stable: the comparison's rows and the report name figures by them. */
export const INDICATORS = {
	annualCashableSaving: gbp('Annual cashable saving (running costs, rent, fees)', APPRAISAL, true, 'Annual saving, cashable'),
	annualNonCashableSaving: gbp('Annual non-cashable saving (channel shift, staff time)', APPRAISAL, true, 'Annual saving, non-cashable'),
	annualNetSaving: gbp('Annual net saving (both)', APPRAISAL, true, 'Annual saving in all'),
	oneOffCost: gbp('One-off cost (with optimism bias and pilot)', APPRAISAL, false, 'One-off cost'),
	npvCashable: gbp('Net present value (NPV), cashable', NPV, true, 'Net present value, cashable'),
	npv: gbp('NPV with non-cashable savings', NPV, true, 'Net present value with non-cashable savings'),
	paybackYearCashable: { label: fixed('Payback year, cashable'), shortLabel: fixed('Payback, cashable'), unit: unitOf('year'), upIsGood: false, source: APPRAISAL },
	paybackYear: { label: fixed('Payback year with non-cashable savings'), shortLabel: fixed('Payback with non-cashable savings'), unit: unitOf('year'), upIsGood: false, source: APPRAISAL },
	pilotOneOffCost: gbp('Pilot costs, one-off', PILOT, false),
	pilotRunningCost: { label: fixed('Pilot running costs a year'), unit: unitOf('gbpPerYear'), upIsGood: false, source: PILOT },
	capitalReceipts: gbp('Capital receipts', 'Receipts entered for buildings sold, else floor area × the sale value per m² in the assumptions', true),
	periodYears: { label: fixed('Appraisal period'), unit: unitOf('years'), upIsGood: null, source: 'The option’s parameters' },

	displacedVisits: visits('Visits displaced', null),
	reassignedVisits: visits('Going to another building', null),
	phoneVisits: visits('Moving to phone', null),
	webVisits: visits('Moving online', null),
	lostVisits: visits('Lost (no building left offers the service)', false),
	overCapacityCount: { label: fixed('Buildings over capacity'), unit: unitOf('buildings'), upIsGood: false, source: FOOTFALL },
	overCapacityNames: text('Which buildings', FOOTFALL),

	hubCount: { label: fixed('Hubs'), unit: unitOf('buildings'), upIsGood: null, source: COLOCATION },
	hubsShortOfSpace: { label: fixed('Hubs short of space'), unit: unitOf('buildings'), upIsGood: false, source: COLOCATION },
	hubFit: text('Hub fit', COLOCATION),

	/** People (or households) no longer within a threshold: everyone, or one group (`group`). */
	accessLost: {
		label: (c) => (c.group ? GROUP_LABELS[c.group] : `People no longer within ${c.threshold ?? 'reach'}`),
		shortLabel: (c) => `${groupLabel(c)} no longer within ${c.threshold ?? 'reach'}`,
		unit: (c) => (c.group === 'noCar' ? 'households' : 'people'),
		upIsGood: false,
		source: ACCESS
	},
	/** People (or households) newly within a threshold (a new or moved building). */
	accessGained: {
		label: (c) => (c.group ? GROUP_LABELS[c.group] : `People newly within ${c.threshold ?? 'reach'}`),
		unit: (c) => (c.group === 'noCar' ? 'households' : 'people'),
		upIsGood: true,
		source: ACCESS
	},
	/** Population-weighted average distance, or travel time with a matrix, to the nearest building. */
	meanDistance: {
		label: (c) => (c.distanceUnit === 'min' ? 'Average travel time to the nearest' : 'Average distance to the nearest'),
		unit: (c) => c.distanceUnit ?? 'm',
		upIsGood: false,
		source: ACCESS
	},

	criterion: text('Access criterion: share within reach, pass or fail', CRITERIA),
	equalityFlagged: text('Groups disproportionately affected', EQUALITY),
	equalityGroupLost: { label: fixed('People of a group no longer within reach'), unit: unitOf('people'), upIsGood: false, source: EQUALITY },
	equalityNotCounted: text('Not counted', EQUALITY),
	mitigations: text('Mitigations recorded', MITIGATIONS),

	partnerAnnualSaving: { label: (c) => `${c.partner}: annual saving`, unit: unitOf('gbp'), upIsGood: true, source: `${APPRAISAL}, shared between partners as the parameters say` },
	partnerOneOffCost: { label: (c) => `${c.partner}: one-off cost`, unit: unitOf('gbp'), upIsGood: false, source: `${APPRAISAL}, shared between partners as the parameters say` },
	partnerNpv: { label: (c) => `${c.partner}: NPV`, unit: unitOf('gbp'), upIsGood: true, source: `${NPV}, shared between partners as the parameters say` }
} satisfies Record<string, Indicator>;

export type IndicatorId = keyof typeof INDICATORS;

/** Words a sentence uses for each group's people ("residents aged 75+"), and for everyone. */
export const GROUP_NOUNS: Record<GroupKey | 'all', string> = {
	all: 'people',
	age65: 'residents aged 65+',
	age75: 'residents aged 75+',
	deprived: 'residents of the most deprived areas',
	noCar: 'households with no car',
	disabled: 'disabled residents',
	badHealth: 'residents in bad or very bad health'
};

/** The unit in words, for labels where the value carries none (spreadsheets); null where the value says it. */
const UNIT_WORDS: Record<IndicatorUnit, string | null> = {
	gbp: '£',
	gbpPerYear: '£ a year',
	people: 'people',
	households: 'households',
	visitsPerWeek: 'visits a week',
	buildings: 'buildings',
	year: null,
	years: 'years',
	m: 'm',
	min: 'minutes',
	text: null
};

const FORMATS: Record<IndicatorUnit, IndicatorFormat> = {
	gbp: 'gbp',
	gbpPerYear: 'gbp',
	people: 'count',
	households: 'count',
	visitsPerWeek: 'count',
	buildings: 'count',
	year: 'year',
	years: 'count',
	m: 'distance',
	min: 'distance',
	text: 'text'
};

export function indicatorLabel(id: IndicatorId, c: IndicatorContext = {}): string {
	return INDICATORS[id].label(c);
}

export function indicatorShortLabel(id: IndicatorId, c: IndicatorContext = {}): string {
	const indicator: Indicator = INDICATORS[id];
	return (indicator.shortLabel ?? indicator.label)(c);
}

export function indicatorUnit(id: IndicatorId, c: IndicatorContext = {}): IndicatorUnit {
	return INDICATORS[id].unit(c);
}

/**
 * The label with its unit, for places where the value is a bare number (CSV and XLSX columns).
 *
 * @example labelWithUnit('meanDistance', { distanceUnit: 'min' }) // 'Average travel time to the nearest (minutes)'
 */
export function labelWithUnit(id: IndicatorId, c: IndicatorContext = {}): string {
	return withUnit(indicatorLabel(id, c), indicatorUnit(id, c));
}

/** A label followed by its unit in brackets, unless the label already names it. */
export function withUnit(label: string, unit: IndicatorUnit): string {
	const words = UNIT_WORDS[unit];
	return words && !label.toLowerCase().includes(words) ? `${label} (${words})` : label;
}

export function indicatorFormat(id: IndicatorId, c: IndicatorContext = {}): IndicatorFormat {
	return FORMATS[indicatorUnit(id, c)];
}

/**
 * A value written as the indicator says: pounds, whole counts, "Year 5", a distance with its unit,
 * or the text itself; a dash where the figure does not apply. A payback year of null means the
 * costs are not paid back in the period.
 *
 * @example formatIndicator('npvCashable', 894115.97) // '£894,116'
 * @example formatIndicator('meanDistance', 12.4, { distanceUnit: 'min' }) // '12 min'
 * @example formatIndicator('paybackYear', null) // 'Not within the period'
 */
export function formatIndicator(id: IndicatorId, value: number | string | null, c: IndicatorContext = {}): string {
	return formatValue(indicatorUnit(id, c), value);
}

/** A value in a unit, as `formatIndicator` writes it. */
export function formatValue(unit: IndicatorUnit, value: number | string | null): string {
	const format = FORMATS[unit];
	if (format === 'year') return value === null ? 'Not within the period' : `Year ${value}`;
	if (value === null) return MISSING;
	if (typeof value === 'string') return value;
	if (format === 'gbp') return formatGbp(value);
	if (format === 'distance') return formatDistance(value, unit === 'min' ? 'min' : 'm');
	return unit === 'households' ? `${formatCount(value)} households` : formatCount(value);
}
