/**
 * The engine's assumptions (`assumptionsFor`) as a reader says them: "1 mile", not 1609.344;
 * "24%", not 0.24; "By floor area", not floor_area; building and partner names, not refs; and
 * sources without Hubplan's own bookkeeping. Pure: names come in as lookups.
 */
import type { Assumption } from '../engine/types';
import { formatCount, formatDate, formatGbp, formatNumber, formatShare, formatThreshold } from '../format';

export interface AssumptionNames {
	site: (ref: string) => string;
	service: (code: string) => string;
	partner: (id: string) => string;
}

const DISTANCE_MODES: Record<string, string> = {
	straight: 'Straight line',
	road: 'Road estimate (straight line × circuity factor)',
	matrix: 'Travel times from an imported matrix'
};
const PARTNER_SPLITS: Record<string, string> = {
	floor_area: 'In proportion to floor area occupied',
	equal: 'Equally',
	agreed: 'By agreed shares'
};
const ROUTES: Record<string, string> = { sell: 'Sold', let: 'Let', hand_back: 'Handed back' };

/** Assumptions whose values are shares (0–1), shown as percentages. */
const SHARES = new Set([
	'colocation.defaultOccupancyShare',
	'colocation.sharedSpaceShare',
	'channelShift.baseShare',
	'channelShift.olderReduction',
	'channelShift.deprivedReduction',
	'channelShift.phoneShare',
	'appraisal.discountRate',
	'appraisal.optimismBias'
]);

/** One assumption's label in plain words (building, service and partner names for their codes). */
export function assumptionLabel(a: Pick<Assumption, 'key' | 'label'>, names: AssumptionNames): string {
	const [, code] = a.key.match(/^colocation\.serviceSpaceM2\.(.+)$/) ?? [];
	if (code) return `Typical space for ${names.service(code).toLowerCase()} (m²)`;
	const [, service, channel] = a.key.match(/^appraisal\.serviceUnitCostGbp\.(.+)\.(faceToFace|phone|web)$/) ?? [];
	if (service) return `Cost per ${channel === 'faceToFace' ? 'face-to-face' : channel} contact for ${names.service(service).toLowerCase()} (£)`;
	const [, routeRef] = a.key.match(/^appraisal\.disposalRoutes\.(.+)$/) ?? [];
	if (routeRef) return `What happens to ${names.site(routeRef)} once vacated`;
	const [, receiptRef] = a.key.match(/^appraisal\.capitalReceiptsGbp\.(.+)$/) ?? [];
	if (receiptRef) return `Capital receipt for ${names.site(receiptRef)}`;
	const [, org] = a.key.match(/^appraisal\.agreedShares\.(.+)$/) ?? [];
	if (org) return `Agreed share for ${names.partner(org)}`;
	return a.label.replace(/ \((metres|minutes, matrix mode)\)$/, (_, unit: string) => (unit === 'metres' ? '' : ' (travel-time matrix)'));
}

/**
 * One assumption's value in plain words.
 *
 * @example assumptionValue({ key: 'thresholdsM[0]', value: 1609.344 }, names) // '1 mile'
 * @example assumptionValue({ key: 'appraisal.optimismBias', value: 0.24 }, names) // '24%'
 */
export function assumptionValue(a: Pick<Assumption, 'key' | 'value'>, names: AssumptionNames): string {
	const { key, value } = a;
	if (typeof value === 'string') {
		if (key === 'distance.mode') return DISTANCE_MODES[value] ?? value;
		if (key === 'appraisal.partnerSplit') return PARTNER_SPLITS[value] ?? value;
		if (key === 'appraisal.startDate') return formatDate(value);
		if (key === 'channelShift.services') return value === 'none' ? 'None' : value.split(', ').map(names.service).join(', ');
		if (key.startsWith('appraisal.disposalRoutes.')) return ROUTES[value] ?? value;
		return value;
	}
	if (key.startsWith('thresholdsM[')) return formatThreshold(value, 'm');
	if (key.startsWith('thresholdsMin[')) return formatThreshold(value, 'min');
	if (SHARES.has(key) || key.startsWith('appraisal.agreedShares.')) return formatShare(value, Number.isInteger(value * 100) ? 0 : 1);
	if (key === 'equality.disproportionateRatio') return `${formatNumber(value)} ×`;
	if (key === 'equality.minPeople') return `${formatCount(value)} people`;
	if (key.includes('Gbp') || key.includes('unitCostGbp')) return formatGbp(value, { pence: true });
	if (key === 'appraisal.periodYears') return `${formatCount(value)} years`;
	return formatNumber(value);
}

/**
 * A source without Hubplan's internal notes: "(configurable)" becomes where to change it.
 *
 * @example assumptionSource('Hubplan planning assumption (configurable)') // 'Hubplan planning assumption, which can be changed in the option’s parameters'
 */
export function assumptionSource(source: string): string {
	return source
		.replace(/Hubplan planning assumption \(configurable\)/g, 'Hubplan planning assumption, which can be changed in the option’s parameters')
		.replace(/^Scenario choice: .*$/, 'Chosen in the option’s parameters')
		.replace(/^Scenario (choice|input)/, 'Chosen in the option’s parameters');
}
