import { fail, redirect } from '@sveltejs/kit';
import { createFirstAdmin } from '$lib/server/auth/first-admin';
import { openLink } from '$lib/server/auth/one-time-links';
import { AccountInputError, PASSWORD_CHARS } from '$lib/server/auth/people';
import { signInWithPassword } from '$lib/server/auth/sign-in';
import { passwordForm } from '../../password-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => ({
	valid: (await openLink(locals.db, params.token, 'first_admin')) !== null,
	minPasswordChars: PASSWORD_CHARS.min
});

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '');
		const name = String(form.get('name') ?? '');
		const password = passwordForm(form);
		if (!password.ok) return fail(400, { email, name, message: password.message, field: 'password' });
		try {
			await createFirstAdmin(event.locals.db, event.params.token, { email, name, password: password.value });
		} catch (error) {
			if (error instanceof AccountInputError) return fail(400, { email, name, message: error.message, field: error.field });
			throw error;
		}
		const signedIn = await signInWithPassword(event, email, password.value);
		redirect(303, signedIn.ok ? '/' : '/sign-in');
	}
} satisfies Actions;
