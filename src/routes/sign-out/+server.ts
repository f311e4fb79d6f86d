import { redirect } from '@sveltejs/kit';
import { SIGN_IN_PATH } from '$lib/server/auth/gate';
import { callAuth } from '$lib/server/auth/sign-in';
import type { RequestHandler } from './$types';

/** Signs this browser out; with `everywhere`, first ends every other session of the person too. */
export const POST: RequestHandler = async (event) => {
	const everywhere = (await event.request.formData()).has('everywhere');
	if (event.locals.user && everywhere) await callAuth(event, '/revoke-sessions', {});
	await callAuth(event, '/sign-out', {});
	redirect(303, SIGN_IN_PATH);
};
