/**
 * Classes for the small maps' zone fill: how much further (or closer) the nearest building offering
 * the service is than today. Sequential orange–red for "further" from ColorBrewer OrRd (Brewer,
 * 2003), one blue for "closer"; every class is named in the key, so colour is never the only cue.
 */
export interface ChangeClass {
	label: string;
	colour: string;
	test: (change: number | null) => boolean;
}

/** Below this the change is rounding, not a difference anyone would notice (m or min). */
const NOISE = { m: 1, min: 0.1 };

export function changeClasses(unit: 'm' | 'min'): ChangeClass[] {
	const noise = NOISE[unit];
	const [a, b, c] = unit === 'm' ? [250, 500, 1000] : [2, 5, 10];
	const say = (v: number) => (unit === 'min' ? `${v} min` : v >= 1000 ? `${v / 1000} km` : `${v} m`);
	return [
		{ label: 'No building offers it', colour: '#ffffff', test: (v) => v === null },
		{ label: 'Closer than today', colour: '#6baed6', test: (v) => v !== null && v < -noise },
		{ label: 'No change', colour: '#f3f2f1', test: (v) => v !== null && Math.abs(v) <= noise },
		{ label: `Up to ${say(a)} further`, colour: '#fdd49e', test: (v) => v !== null && v > noise && v <= a },
		{ label: `${say(a)}–${say(b)} further`, colour: '#fc8d59', test: (v) => v !== null && v > a && v <= b },
		{ label: `${say(b)}–${say(c)} further`, colour: '#d7301f', test: (v) => v !== null && v > b && v <= c },
		{ label: `Over ${say(c)} further`, colour: '#7f0000', test: (v) => v !== null && v > c }
	];
}
