import type { ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { ensureDemoWithExamples } from '$lib/server/seed';
import { startPool } from '$lib/server/compute/pool';
import { reportLoopDelayOnSignal } from '$lib/server/loop-delay';

/** Creates/migrates the database and loads the demo pack once, before the first request. */
export const init: ServerInit = async () => {
	console.log(`Hubplan: ${ensureDemoWithExamples(getDb())}`);
	startPool();
	reportLoopDelayOnSignal();
};
