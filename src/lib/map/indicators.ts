/**
 * The zone indicators the map can colour by, each with its unit, how it is classed and how its
 * values read. Quantile classes are quintiles of Trafford's 139 zones; IMD uses its own national
 * deciles (1 = the most deprived 10 % of England's LSOAs), so its classes are fixed.
 */
import { classesFromBreaks, classIndex, quantileBreaks, type ZoneClass } from './classBreaks';
import { formatCount, formatPercent } from '../format';

/** The zone facts the map needs (one row per LSOA). */
export interface MapZone {
	code: string;
	name: string;
	wardName: string | null;
	/** ONS population-weighted centroid, [lon, lat]. */
	centroid: [number, number];
	areaHa: number;
	popTotal: number;
	pop65Plus: number | null;
	pop75Plus: number | null;
	imdDecile: number | null;
	pctHouseholdsNoCar: number | null;
	pctDisabled: number | null;
	pctBadHealth: number | null;
}

export interface ZoneIndicator {
	id: string;
	label: string;
	/** Unit and base, shown under the legend title. */
	unit: string;
	source: string;
	value(zone: MapZone): number | null;
	format(value: number): string;
}

/**
 * Viridis (van der Walt and Smith, 2015, matplotlib), 10 steps from dark purple to yellow: perceptually
 * uniform and readable with the common colour-vision deficiencies and in greyscale.
 */
export const VIRIDIS_10 = [
	'#440154', '#482878', '#3e4989', '#31688e', '#26828e',
	'#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'
] as const;

/** Light for low values, dark for high: darker always means more of what the legend names. */
const LOW_TO_HIGH = [...VIRIDIS_10].reverse();

/** Fill for zones with no value. */
export const NO_DATA_COLOUR = '#d9d9d9';

/** How many quantile classes the continuous indicators get (quintiles). */
export const QUANTILE_CLASS_COUNT = 5;

const share = (part: number | null, total: number) => (part === null || total <= 0 ? null : (100 * part) / total);

export const ZONE_INDICATORS: ZoneIndicator[] = [
	{
		id: 'density',
		label: 'Population density',
		unit: 'residents per km²',
		source: 'ONS mid-2024 population estimates ÷ LSOA area',
		value: (z) => (z.areaHa > 0 ? z.popTotal / (z.areaHa / 100) : null),
		format: (v) => formatCount(v)
	},
	{
		id: 'share65',
		label: 'Share aged 65 and over',
		unit: '% of residents',
		source: 'ONS mid-2024 population estimates',
		value: (z) => share(z.pop65Plus, z.popTotal),
		format: (v) => formatPercent(v)
	},
	{
		id: 'share75',
		label: 'Share aged 75 and over',
		unit: '% of residents',
		source: 'ONS mid-2024 population estimates',
		value: (z) => share(z.pop75Plus, z.popTotal),
		format: (v) => formatPercent(v)
	},
	{
		id: 'imd',
		label: 'Index of Multiple Deprivation 2025',
		unit: 'decile in England (1 = most deprived 10%)',
		source: 'MHCLG English Indices of Deprivation 2025',
		value: (z) => z.imdDecile,
		format: (v) => String(v)
	},
	{
		id: 'noCar',
		label: 'Households with no car or van',
		unit: '% of households',
		source: 'Census 2021 (TS045)',
		value: (z) => z.pctHouseholdsNoCar,
		format: (v) => formatPercent(v)
	},
	{
		id: 'disabled',
		label: 'Disabled under the Equality Act',
		unit: '% of residents',
		source: 'Census 2021 (TS038)',
		value: (z) => z.pctDisabled,
		format: (v) => formatPercent(v)
	},
	{
		id: 'badHealth',
		label: 'Bad or very bad health',
		unit: '% of residents',
		source: 'Census 2021 (TS037)',
		value: (z) => z.pctBadHealth,
		format: (v) => formatPercent(v)
	}
];

/** What the map needs to colour zones and draw their legend; also built by other views (scenarios). */
export interface ZoneFill {
	title: string;
	unit: string;
	/** How the classes were made, for the legend. */
	classing: string;
	valueByCode: Record<string, number | null>;
	classes: ZoneClass[];
	format(value: number): string;
}

export function indicatorById(id: string): ZoneIndicator {
	const indicator = ZONE_INDICATORS.find((i) => i.id === id);
	if (!indicator) {
		throw new Error(`Unknown zone indicator "${id}"; expected one of ${ZONE_INDICATORS.map((i) => i.id).join(', ')}.`);
	}
	return indicator;
}

/** Classes and values of one indicator over the given zones. */
export function zoneFillFor(indicator: ZoneIndicator, zones: readonly MapZone[]): ZoneFill {
	const valueByCode: Record<string, number | null> = {};
	for (const z of zones) valueByCode[z.code] = indicator.value(z);
	const values = Object.values(valueByCode).filter((v): v is number => v !== null && Number.isFinite(v));
	if (indicator.id === 'imd') {
		return {
			title: indicator.label,
			unit: indicator.unit,
			classing: 'Fixed classes: the national deciles.',
			valueByCode,
			classes: VIRIDIS_10.map((colour, i) => ({
				lower: i + 1,
				upper: i + 1,
				colour,
				label: i === 0 ? '1 (most deprived)' : i === 9 ? '10 (least deprived)' : String(i + 1)
			})),
			format: indicator.format
		};
	}
	const uppers = quantileBreaks(values, QUANTILE_CLASS_COUNT);
	return {
		title: indicator.label,
		unit: indicator.unit,
		classing: `Quantile classes: about the same number of Trafford's ${values.length} zones in each.`,
		valueByCode,
		classes: classesFromBreaks(values, uppers, LOW_TO_HIGH, indicator.format),
		format: indicator.format
	};
}

/** Fill colour of one zone under a fill (grey when the zone has no value). */
export function zoneColour(fill: ZoneFill, code: string): string {
	const value = fill.valueByCode[code];
	const i = classIndex(value, fill.classes.map((c) => c.upper));
	return i === -1 ? NO_DATA_COLOUR : fill.classes[i].colour;
}
