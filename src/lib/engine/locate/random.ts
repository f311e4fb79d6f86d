/**
 * Mulberry32, a small seeded 32-bit PRNG (Tommy Ettinger, 2017, public domain). The locators take
 * their randomness from here so that a seed always gives the same answer.
 *
 * @example
 * const random = mulberry32(42);
 * random(); // a number in [0, 1), the same on every run for seed 42
 */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
