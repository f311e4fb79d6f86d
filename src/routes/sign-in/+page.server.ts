import { fail, redirect } from '@sveltejs/kit';
import { oidcSettings, OIDC_PROVIDER_ID } from '$lib/server/auth/oidc';
import { safeNextPath } from '$lib/server/auth/gate';
import { callAuth, signInWithPassword } from '$lib/server/auth/sign-in';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const next = safeNextPath(url.searchParams.get('next'));
	if (locals.user && locals.role) redirect(303, next);
	return {
		next,
		oidcLabel: oidcSettings()?.label ?? null,
		ssoFailed: url.searchParams.has('error')
	};
};

export const actions = {
	password: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '');
		const password = String(form.get('password') ?? '');
		const next = safeNextPath(String(form.get('next') ?? ''));
		if (!email.trim() || !password) {
			return fail(400, { email, message: !email.trim() ? 'Enter your email address.' : 'Enter your password.', field: !email.trim() ? 'email' : 'password' });
		}
		const result = await signInWithPassword(event, email, password);
		if (!result.ok) return fail(result.status, { email, message: result.message, field: null });
		redirect(303, next);
	},
	sso: async (event) => {
		const next = safeNextPath(String((await event.request.formData()).get('next') ?? ''));
		if (!oidcSettings()) return fail(400, { email: '', message: 'Single sign-on is not set up on this server.', field: null });
		const response = await callAuth(event, '/sign-in/oauth2', { providerId: OIDC_PROVIDER_ID, callbackURL: next, errorCallbackURL: '/sign-in?error=sso' });
		const body = (await response.json().catch(() => null)) as { url?: string } | null;
		if (!response.ok || !body?.url) return fail(502, { email: '', message: 'The single sign-on provider could not be reached. Try again, or sign in with your password.', field: null });
		redirect(303, body.url);
	}
} satisfies Actions;
