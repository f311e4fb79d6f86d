/**
 * The trade-off between options in sentences made only from their numbers, e.g. "Option C saves
 * £207,850 more a year than option A but leaves 1,352 more residents aged 75+ beyond 3 miles of the
 * nearest Jobcentre Plus." Nothing here judges: each sentence sets the money one option gains
 * against the access, and the criteria, it gives up. Pure.
 */
import type { GroupKey } from '../engine/types';
import { formatCount, formatGbp } from '../format';
import { GROUP_NOUNS } from './indicators';

/** What the sentences need about one option. */
export interface TradeOffOption {
	/** How the report names it: "Option A", or "today's estate". */
	name: string;
	isBaseline: boolean;
	annualCashableSavingGbp: number;
	oneOffCostGbp: number;
	npvCashableGbp: number;
	periodYears: number;
	/** People (households for `noCar`) no longer within each threshold of each service, by group. */
	lost: { service: string; threshold: string; group: GroupKey | 'all'; people: number }[];
	/** Everyone newly within each threshold of each service (a new or moved building). */
	gained: { service: string; threshold: string; people: number }[];
	/** Names of the access criteria the option fails. */
	failing: string[];
}

/** Differences below these are rounding, not a trade-off worth a sentence. */
const MONEY_NOISE_GBP = 500;
const PEOPLE_NOISE = 1;

/**
 * One sentence per option against today, then one per pair of options, in the order given.
 *
 * @example
 * tradeOffSentences([today, a, b])[3]
 * // 'Option B saves £207,850 more a year than option A but leaves 1,352 more residents aged 75+ beyond 3 miles of the nearest Jobcentre Plus.'
 */
export function tradeOffSentences(options: TradeOffOption[]): string[] {
	const changes = options.filter((o) => !o.isBaseline);
	const sentences = changes.map(againstToday);
	for (let i = 0; i < changes.length; i++) for (let j = i + 1; j < changes.length; j++) sentences.push(betweenOptions(changes[i], changes[j]));
	return sentences;
}

function againstToday(o: TradeOffOption): string {
	const saving = o.annualCashableSavingGbp;
	const money =
		Math.abs(saving) < MONEY_NOISE_GBP
			? `${o.name} saves no cash a year`
			: saving > 0
				? `${o.name} saves ${formatGbp(saving)} a year`
				: `${o.name} costs ${formatGbp(-saving)} a year more than today`;
	const oneOff = o.oneOffCostGbp >= MONEY_NOISE_GBP ? ` for a one-off cost of ${formatGbp(o.oneOffCostGbp)}` : ' with no one-off cost';
	const worst = largest(o.lost.filter((l) => l.group === 'all'));
	if (!worst || worst.people < PEOPLE_NOISE) return `${money}${oneOff} and leaves everyone within reach of the services they have today.`;
	const gained = o.gained.find((g) => g.service === worst.service && g.threshold === worst.threshold)?.people ?? 0;
	const offset = gained >= PEOPLE_NOISE ? `, while ${formatCount(gained)} come newly within ${worst.threshold} of one` : '';
	return `${money}${oneOff} and leaves ${formatCount(worst.people)} ${GROUP_NOUNS.all} ${where(worst)}${offset}.`;
}

function betweenOptions(x: TradeOffOption, y: TradeOffOption): string {
	const diff = y.annualCashableSavingGbp - x.annualCashableSavingGbp;
	if (Math.abs(diff) < MONEY_NOISE_GBP) return `${x.name} and ${lowerFirst(y.name)} save about the same a year${accessContrast(x, y)}.`;
	const [more, less] = diff > 0 ? [y, x] : [x, y];
	const npv = more.npvCashableGbp < less.npvCashableGbp
		? `, though over ${more.periodYears} years its net present value is ${formatGbp(less.npvCashableGbp - more.npvCashableGbp)} lower because its one-off cost is ${formatGbp(more.oneOffCostGbp - less.oneOffCostGbp)} higher`
		: '';
	const worse = worstGap(more, less);
	const access = worse
		? ` but leaves ${formatCount(worse.people)} more ${GROUP_NOUNS[worse.group]} ${where(worse)}`
		: ` and leaves no more people beyond reach of any service than ${lowerFirst(less.name)}`;
	const criteria = more.failing.filter((c) => !less.failing.includes(c));
	const fails = criteria.length ? `, and fails ${andList(criteria)}, which ${lowerFirst(less.name)} passes` : '';
	return `${more.name} saves ${formatGbp(Math.abs(diff))} more a year than ${lowerFirst(less.name)}${access}${fails}${npv}.`;
}

/** When savings tie, who leaves more people out, if anyone. */
function accessContrast(x: TradeOffOption, y: TradeOffOption): string {
	const gap = worstGap(x, y);
	if (gap) return `; ${lowerFirst(x.name)} leaves ${formatCount(gap.people)} more ${GROUP_NOUNS[gap.group]} ${where(gap)}`;
	const other = worstGap(y, x);
	return other ? `; ${lowerFirst(y.name)} leaves ${formatCount(other.people)} more ${GROUP_NOUNS[other.group]} ${where(other)}` : '';
}

/** The service, threshold and group where `a` leaves the most more people out than `b`; null when nowhere. */
function worstGap(a: TradeOffOption, b: TradeOffOption): TradeOffOption['lost'][number] | null {
	const key = (l: TradeOffOption['lost'][number]) => `${l.service}|${l.threshold}|${l.group}`;
	const theirs = new Map(b.lost.map((l) => [key(l), l.people]));
	const gaps = a.lost.map((l) => ({ ...l, people: l.people - (theirs.get(key(l)) ?? 0) }));
	const best = largest(gaps);
	return best && best.people >= PEOPLE_NOISE ? best : null;
}

function largest<T extends { people: number }>(items: T[]): T | null {
	return items.reduce<T | null>((best, x) => (!best || x.people > best.people ? x : best), null);
}

function where(l: { service: string; threshold: string }): string {
	return `beyond ${l.threshold} of the nearest ${serviceInSentence(l.service)}`;
}

/**
 * A service name inside a sentence: "library", "post office counter", but proper names stay as
 * they are ("Jobcentre Plus", "GP practice").
 */
export function serviceInSentence(name: string): string {
	const words = name.split(' ');
	const properName = words.length > 1 && words.every((w) => /^[A-Z]/.test(w));
	const acronym = /^[A-Z]{2,}$/.test(words[0]);
	return properName || acronym ? name : lowerFirst(name);
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

function andList(items: string[]): string {
	return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}
