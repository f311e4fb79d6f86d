/**
 * Class breaks for choropleth maps. Quantile classes put about the same number of zones in each
 * class, so a skewed indicator (population density) still uses the whole palette; fixed classes are
 * for indicators that come already classed (IMD deciles).
 */

/** One legend class: values v with `lower <= v <= upper` (the last class includes its upper bound). */
export interface ZoneClass {
	lower: number;
	upper: number;
	colour: string;
	label: string;
}

/**
 * Upper bounds of `classCount` quantile classes (Hyndman and Fan, 1996, type 7 — linear interpolation,
 * the default in R and numpy). Repeated bounds are merged, so fewer classes come back when many
 * values are equal. Non-finite values are ignored.
 *
 * @example quantileBreaks([1, 2, 3, 4], 2) // [2.5, 4]
 */
export function quantileBreaks(values: readonly number[], classCount: number): number[] {
	if (!Number.isInteger(classCount) || classCount < 1) {
		throw new Error(`classCount must be a whole number of at least 1, got ${classCount}.`);
	}
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
	if (sorted.length === 0) return [];
	const breaks: number[] = [];
	for (let k = 1; k <= classCount; k++) {
		const bound = quantile(sorted, k / classCount);
		if (breaks.length === 0 || bound > breaks[breaks.length - 1]) breaks.push(bound);
	}
	return breaks;
}

function quantile(sorted: number[], p: number): number {
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(lo + 1, sorted.length - 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Index of the first class whose upper bound is at least `value`; -1 for a missing value. */
export function classIndex(value: number | null | undefined, uppers: readonly number[]): number {
	if (value === null || value === undefined || !Number.isFinite(value) || uppers.length === 0) return -1;
	const i = uppers.findIndex((u) => value <= u);
	return i === -1 ? uppers.length - 1 : i;
}

/**
 * Legend classes from upper bounds and a palette of at least as many colours; classes are labelled
 * "lower–upper" with `format`. The palette is sampled evenly when there are fewer classes than
 * colours, so merged quantile classes keep the ends of the ramp.
 */
export function classesFromBreaks(
	values: readonly number[],
	uppers: readonly number[],
	palette: readonly string[],
	format: (v: number) => string
): ZoneClass[] {
	if (uppers.length > palette.length) {
		throw new Error(`${uppers.length} classes need at least ${uppers.length} colours, got ${palette.length}.`);
	}
	const finite = values.filter(Number.isFinite);
	const min = finite.length ? Math.min(...finite) : 0;
	return uppers.map((upper, i) => {
		const lower = i === 0 ? min : uppers[i - 1];
		const colour = palette[uppers.length === 1 ? palette.length - 1 : Math.round((i * (palette.length - 1)) / (uppers.length - 1))];
		return { lower, upper, colour, label: `${format(lower)} – ${format(upper)}` };
	});
}
