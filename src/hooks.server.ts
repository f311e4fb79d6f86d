import type { Handle, ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { firstPartnership } from '$lib/server/estate';
import { ensureDemoWithExamples } from '$lib/server/seed';
import { startPool } from '$lib/server/compute/pool';
import { reportLoopDelayOnSignal } from '$lib/server/loop-delay';
import { authorise } from '$lib/server/auth/authorise';

/** Creates/migrates the database and loads the demo pack once, before the first request. */
export const init: ServerInit = async () => {
	console.log(`Hubplan: ${await ensureDemoWithExamples(await getDb())}`);
	startPool();
	reportLoopDelayOnSignal();
};

/**
 * Every request gets the database and the partnership it works in. Until people sign in there is
 * one partnership, the first; access control will choose it per user here.
 */
export const handle: Handle = async ({ event, resolve }) => {
	event.locals.db = await getDb();
	event.locals.partnership = await firstPartnership(event.locals.db);
	// Until sign-in lands (issue 15), every request acts as one unnamed web user with every right.
	event.locals.user = null;
	event.locals.role = 'admin';
	event.locals.actor = { kind: 'system', name: 'web (before accounts)' };
	return authorise(event) ?? resolve(event);
};
