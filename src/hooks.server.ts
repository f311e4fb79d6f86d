import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { svelteKitHandler } from 'better-auth/svelte-kit';
import { getDb } from '$lib/server/db';
import { ensureDemoWithExamples } from '$lib/server/seed';
import { SERVER_START } from '$lib/server/audit/system-actors';
import { startPool } from '$lib/server/compute/pool';
import { reportLoopDelayOnSignal } from '$lib/server/loop-delay';
import { authFor, CLIENT_ADDRESS_HEADER } from '$lib/server/auth/better-auth';
import { appOrigin, firstAdminLinkPath } from '$lib/server/auth/one-time-links';
import { signedIn } from '$lib/server/auth/session';
import { isPrintRequest, printPartnership } from '$lib/server/auth/print-access';
import { isPublicPath, noMembershipAnswer, signedOutAnswer } from '$lib/server/auth/gate';
import { authorise } from '$lib/server/auth/authorise';
import { oidcSettings } from '$lib/server/auth/oidc';
import { allowProviderFormAction } from '$lib/server/auth/oidc-form-action';

/**
 * Creates/migrates the database and loads the demo pack once, before the first request; while
 * nobody can sign in, prints a one-time link to create the first admin.
 */
export const init: ServerInit = async () => {
	const db = await getDb();
	console.log(`Hubplan: ${await ensureDemoWithExamples(db, SERVER_START)}`);
	const setupPath = await firstAdminLinkPath(db);
	if (setupPath) {
		console.log(`Hubplan: nobody can sign in yet. Open this one-time link within 24 hours to create the first admin:
Hubplan: ${appOrigin()}${setupPath}`);
	}
	startPool();
	reportLoopDelayOnSignal();
};

/**
 * Every request gets the database, the signed-in person, the partnership this session works in
 * and their role there (App.Locals). Signed out, only the public paths answer (gate.ts).
 */
export const handle: Handle = async ({ event, resolve }) => {
	const db = (event.locals.db = await getDb());
	const auth = await authFor(db);
	// Overwrites anything a client sent under this name: Better Auth keys rate limits on it.
	event.request.headers.set(CLIENT_ADDRESS_HEADER, event.getClientAddress());
	if (event.url.pathname.startsWith(`${auth.options.basePath}/`)) return svelteKitHandler({ event, resolve, auth, building });

	const who = await signedIn(db, auth, event.request.headers);
	if (!who && isPrintRequest(event)) {
		Object.assign(event.locals, { user: null, role: 'viewer', memberships: [], partnership: await printPartnership(db), actor: { kind: 'system', name: 'hubplan report' } });
		return resolve(event);
	}
	event.locals.user = who?.user ?? null;
	event.locals.role = who?.active?.role ?? null;
	event.locals.memberships = who?.memberships ?? [];
	event.locals.actor = who
		? { kind: 'user', userId: who.user.id, email: who.user.email, address: event.getClientAddress() }
		: { kind: 'system', name: 'signed-out visitor' };
	// Public pages (sign-in, one-time links) read no partnership; every other request has one below.
	if (who?.active) event.locals.partnership = who.active.partnership;
	if (!isPublicPath(event.url.pathname)) {
		if (!who) return signedOutAnswer(event);
		if (!who.active) return noMembershipAnswer(event, who.user.email);
	}
	return authorise(event) ?? allowProviderFormAction(await resolve(event), oidcSettings());
};
