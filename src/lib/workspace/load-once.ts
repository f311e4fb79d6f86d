/**
 * A loader that runs once and shares its result with every caller, except that a failure is
 * forgotten: the next call tries again. A cached rejection would break every later request (one
 * dropped connection while the estate loads, and the workspace could never evaluate again).
 *
 * @example
 * const estate = loadOnce(() => fetch('/api/engine-data').then((r) => r.json()));
 * await estate(); // fetches; later calls reuse the answer, or fetch again after a failure
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
	let shared: Promise<T> | null = null;
	return () => {
		shared ??= load().catch((error: unknown) => {
			shared = null;
			throw error;
		});
		return shared;
	};
}
