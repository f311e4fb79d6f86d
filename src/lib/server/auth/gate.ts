/**
 * What a request may reach before anything else is checked: signed out, only the sign-in page, the
 * one-time link pages and Better Auth's own endpoints answer (static files never reach the app's
 * hooks); pages redirect to the sign-in page, everything else gets 401. Signed in with no
 * membership, a plain page says so.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import { LINK_PATH } from './one-time-links';

export const SIGN_IN_PATH = '/sign-in';
export const SIGN_OUT_PATH = '/sign-out';
const PUBLIC_PREFIXES = [SIGN_IN_PATH, SIGN_OUT_PATH, LINK_PATH.first_admin, LINK_PATH.set_password];

export function isPublicPath(pathname: string): boolean {
	return PUBLIC_PREFIXES.some((p) => pathname === p.replace(/\/$/, '') || pathname.startsWith(p.endsWith('/') ? p : `${p}/`));
}

/** `next` if it is a path on this site (not `//evil.example` or `/\evil.example`), else `/`. */
export function safeNextPath(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	return next;
}

/** The sign-in page's address, coming back to `url` afterwards. */
export function signInUrl(url: URL): string {
	const next = url.pathname + url.search;
	return next === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`;
}

/** A page a browser navigates to (as opposed to an API call, a download or a form post). */
function isPageRequest(event: RequestEvent): boolean {
	const { pathname } = event.url;
	if (event.request.method !== 'GET' || pathname.startsWith('/api/')) return false;
	const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1);
	return !lastSegment.includes('.') && (event.request.headers.get('accept') ?? '').includes('text/html');
}

/** The answer to a signed-out request for anything but a public path. */
export function signedOutAnswer(event: RequestEvent): Response {
	const target = signInUrl(event.url);
	// SvelteKit's client fetches page data as __data.json; it follows a redirect given in its own format.
	if (event.isDataRequest) return json({ type: 'redirect', location: signInUrl(new URL(event.url.pathname.replace(/\/?__data\.json$/, '') || '/', event.url)) });
	if (isPageRequest(event)) return new Response(null, { status: 303, headers: { location: target } });
	return json({ message: 'Sign in first.' }, { status: 401 });
}

/** The answer to someone signed in who belongs to no partnership. */
export function noMembershipAnswer(event: RequestEvent, email: string): Response {
	const message = `You are signed in as ${email}, but you are not a member of any partnership yet. Ask an admin of your partnership to add you.`;
	if (!isPageRequest(event) && !event.isDataRequest) return json({ message }, { status: 403 });
	const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
	const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>No access yet · Hubplan</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<main><h1>No access yet</h1><p>${escape(message)}</p>
<form method="post" action="${SIGN_OUT_PATH}"><button type="submit">Sign out</button></form></main>
</body></html>`;
	return new Response(page, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
