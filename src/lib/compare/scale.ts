/**
 * Linear scales and "nice" axis ticks for the comparison charts: steps of 1, 2 or 5 × 10ⁿ, the
 * rule used by most plotting libraries (Heckbert, 1990, "Nice numbers for graph labels").
 */

/** Ticks covering [min, max] with about `count` steps; always includes the ends it rounds to. */
export function niceTicks(min: number, max: number, count = 5): number[] {
	if (!Number.isFinite(min) || !Number.isFinite(max)) throw new Error(`niceTicks needs finite bounds, got ${min} and ${max}.`);
	if (min === max) {
		const pad = Math.abs(min) || 1;
		return niceTicks(min - pad, max + pad, count);
	}
	const raw = (max - min) / Math.max(1, count);
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
	const first = Math.floor(min / step) * step;
	const last = Math.ceil(max / step) * step;
	const ticks: number[] = [];
	for (let v = first; v <= last + step / 2; v += step) ticks.push(Math.abs(v) < step / 1e6 ? 0 : v);
	return ticks;
}

/** Maps a domain [d0, d1] onto a range [r0, r1]. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
	const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
	return (v) => r0 + (v - d0) * k;
}

/**
 * How each scenario is drawn in every chart and map key: a colour from Okabe and Ito (2008), plus a
 * dash pattern and marker shape so the lines and bars are told apart without colour. The baseline
 * is always grey and solid.
 */
export const SERIES_STYLES = [
	{ colour: '#0072B2', dash: '8 4', marker: 'square', pattern: 'hatch' },
	{ colour: '#D55E00', dash: '2 3', marker: 'triangle', pattern: 'dots' },
	{ colour: '#007756', dash: '10 3 2 3', marker: 'diamond', pattern: 'cross' },
	{ colour: '#A1457D', dash: '14 5', marker: 'circle', pattern: 'vertical' }
] as const;
export const BASELINE_STYLE = { colour: '#505A5F', dash: '', marker: 'circle', pattern: 'solid' } as const;

export type SeriesStyle = { colour: string; dash: string; marker: string; pattern: string };

/** Styles for the compared scenarios in order; the baseline gets the grey one. */
export function seriesStyles(scenarios: { isBaseline: boolean }[]): SeriesStyle[] {
	let next = 0;
	return scenarios.map((s) => (s.isBaseline ? BASELINE_STYLE : SERIES_STYLES[next++ % SERIES_STYLES.length]));
}
