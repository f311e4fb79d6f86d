/**
 * `hubplan report --format pdf` starts the built app for one print and has headless Chromium open
 * the report page, which cannot sign in. The command gives that server a random token in
 * HUBPLAN_PRINT_TOKEN and opens the page with `?print-token=…`; the page sets it as a cookie for the
 * files the page then fetches. Such a request may read (GET) the first partnership as a viewer,
 * and nothing else. A server started without the variable accepts no token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';

export const PRINT_TOKEN_ENV = 'HUBPLAN_PRINT_TOKEN';
export const PRINT_TOKEN_PARAM = 'print-token';
const PRINT_COOKIE = 'hubplan-print';
const MIN_TOKEN_CHARS = 32;

/** Whether this request carries the print token of this server (and only reads). */
export function isPrintRequest(event: RequestEvent, env: Record<string, string | undefined> = process.env): boolean {
	const expected = env[PRINT_TOKEN_ENV];
	if (!expected || expected.length < MIN_TOKEN_CHARS || event.request.method !== 'GET') return false;
	const given = event.url.searchParams.get(PRINT_TOKEN_PARAM) ?? event.cookies.get(PRINT_COOKIE);
	if (!given || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return false;
	event.cookies.set(PRINT_COOKIE, given, { path: '/', httpOnly: true, sameSite: 'strict', secure: false });
	return true;
}
