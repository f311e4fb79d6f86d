/** Shared by the benchmarks that serve the production build. */

/**
 * Resolves once the server at `origin` answers /about (signed out that is a refusal, which is an
 * answer); the first start seeds the database, so allow a while.
 */
export async function waitForServer(origin: string, timeoutS = 120): Promise<void> {
	const deadline = Date.now() + timeoutS * 1000;
	while (Date.now() < deadline) {
		try {
			if ((await fetch(`${origin}/about`, { redirect: 'manual' })).status < 500) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`The production build did not start on ${origin} within ${timeoutS} s.`);
}
