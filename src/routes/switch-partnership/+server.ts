import { error, redirect } from '@sveltejs/kit';
import { authFor } from '$lib/server/auth/better-auth';
import { chooseActivePartnership, signedIn } from '$lib/server/auth/session';
import type { RequestHandler } from './$types';

/** Chooses the partnership this session works in (the header's switcher), then opens its map. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const partnershipId = String((await request.formData()).get('partnership') ?? '');
	const who = await signedIn(locals.db, await authFor(locals.db), request.headers);
	if (!who || !(await chooseActivePartnership(locals.db, who, partnershipId))) error(403, 'You are not a member of that partnership.');
	redirect(303, '/');
};
