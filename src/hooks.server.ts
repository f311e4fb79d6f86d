import type { ServerInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { getDb } from '$lib/server/db';
import { ensureDemoWithExamples } from '$lib/server/seed';

/** Creates/migrates the database and loads the demo pack once, before the first request. */
export const init: ServerInit = async () => {
	console.log(`Hubplan: ${ensureDemoWithExamples(getDb())}`);
	if (!dev) console.log(`Hubplan: open http://localhost:${process.env.PORT || '3000'} in your browser`);
};
