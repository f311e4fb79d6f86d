/**
 * `hubplan report --format pdf` starts the built app for one print and has headless Chromium open
 * the report page, which cannot sign in. The command gives that server a random token in
 * HUBPLAN_PRINT_TOKEN and opens the page with `?print-token=…`; the page sets it as a cookie for the
 * files the page then fetches. Such a request may read (GET) one partnership as a viewer, and
 * nothing else: the one the command names in HUBPLAN_PRINT_PARTNERSHIP, else the first. A server
 * started without the token accepts none.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import type { Db } from '../db';
import { firstPartnership, partnershipById, type Partnership } from '../estate';

export const PRINT_TOKEN_ENV = 'HUBPLAN_PRINT_TOKEN';
export const PRINT_PARTNERSHIP_ENV = 'HUBPLAN_PRINT_PARTNERSHIP';
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

/** The partnership a print request reads: the one the report command printed for, else the first. */
export async function printPartnership(db: Db, env: Record<string, string | undefined> = process.env): Promise<Partnership> {
	const id = env[PRINT_PARTNERSHIP_ENV];
	return id ? partnershipById(db, id) : firstPartnership(db);
}
