/**
 * Form actions reach Better Auth through its HTTP handler, as a browser would (so sign-in is rate
 * limited and origin-checked exactly as `POST /api/auth/sign-in/email` is), and pass the cookies it
 * sets back to the browser. The pages work without JavaScript.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';
import { AUTH_BASE_PATH, authFor, CLIENT_ADDRESS_HEADER } from './better-auth';

const FORWARDED = ['cookie', 'user-agent', CLIENT_ADDRESS_HEADER];

/** POSTs `body` as JSON to Better Auth's `path` (e.g. `/sign-in/email`) for this request, keeping the cookies it sets. */
export async function callAuth(event: RequestEvent, path: string, body: unknown): Promise<Response> {
	const auth = await authFor(event.locals.db);
	const headers = new Headers({ 'content-type': 'application/json', origin: event.url.origin });
	for (const name of FORWARDED) {
		const value = event.request.headers.get(name);
		if (value) headers.set(name, value);
	}
	const response = await auth.handler(new Request(new URL(AUTH_BASE_PATH + path, event.url), { method: 'POST', headers, body: JSON.stringify(body) }));
	copyCookies(response, event.cookies);
	return response;
}

function copyCookies(response: Response, cookies: Cookies): void {
	const header = response.headers.get('set-cookie');
	if (!header) return;
	for (const [name, attributes] of parseSetCookieHeader(header)) {
		const o = toCookieOptions(attributes);
		// parseSetCookieHeader decodes the value; SvelteKit encodes it again (encodeURIComponent) as Better Auth did.
		cookies.set(name, attributes.value, {
			path: o.path ?? '/',
			httpOnly: o.httpOnly ?? false,
			secure: o.secure ?? false,
			sameSite: o.sameSite ?? 'lax',
			maxAge: o.maxAge,
			expires: o.expires,
			domain: o.domain
		});
	}
}

export type SignInResult = { ok: true } | { ok: false; status: number; message: string };

/** Signs in with email and password; the message for a refusal is in plain words. */
export async function signInWithPassword(event: RequestEvent, email: string, password: string): Promise<SignInResult> {
	const response = await callAuth(event, '/sign-in/email', { email: email.trim(), password, rememberMe: true });
	if (response.ok) return { ok: true };
	if (response.status === 429) {
		const wait = Number(response.headers.get('x-retry-after')) || 60;
		return { ok: false, status: 429, message: `Too many sign-in attempts from this address. Wait ${wait} seconds, then try again.` };
	}
	if (response.status === 401) return { ok: false, status: 400, message: 'That email and password do not match an account. Check both and try again.' };
	const body = (await response.json().catch(() => null)) as { message?: string } | null;
	return { ok: false, status: response.status, message: body?.message ? `Sign-in failed: ${body.message}` : `Sign-in failed (${response.status}).` };
}
