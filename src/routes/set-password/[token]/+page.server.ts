import { fail, redirect } from '@sveltejs/kit';
import { AccountInputError, PASSWORD_CHARS } from '$lib/server/auth/people';
import { personOfLink, setPasswordFromLink } from '$lib/server/auth/set-password';
import { signInWithPassword } from '$lib/server/auth/sign-in';
import { passwordForm } from '../../password-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => ({
	email: (await personOfLink(locals.db, params.token))?.email ?? null,
	minPasswordChars: PASSWORD_CHARS.min
});

export const actions = {
	default: async (event) => {
		const password = passwordForm(await event.request.formData());
		if (!password.ok) return fail(400, { message: password.message });
		let email: string;
		try {
			email = (await setPasswordFromLink(event.locals.db, event.params.token, password.value)).email;
		} catch (error) {
			if (error instanceof AccountInputError) return fail(400, { message: error.message });
			throw error;
		}
		const signedIn = await signInWithPassword(event, email, password.value);
		redirect(303, signedIn.ok ? '/' : '/sign-in');
	}
} satisfies Actions;
