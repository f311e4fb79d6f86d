/** The new-password fields of the set-up and set-password forms: the password, typed twice. */
export function passwordForm(form: FormData): { ok: true; value: string } | { ok: false; message: string } {
	const value = String(form.get('password') ?? '');
	if (!value) return { ok: false, message: 'Choose a password.' };
	if (value !== String(form.get('confirm') ?? '')) return { ok: false, message: 'The two passwords are different: type the same password in both boxes.' };
	return { ok: true, value };
}
