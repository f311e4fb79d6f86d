/**
 * One-time links: the first-admin link `npm start` prints while nobody can sign in, and the
 * set-password link for someone added by email. The token is 32 random bytes; only its SHA-256 is
 * stored, so a copy of the database does not hold usable links. A link works once and expires.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { t, transaction, type Db } from '../db';
import type { OneTimeLinkPurpose } from '../db/schema';
import { peopleCount } from './people';

/** How long a link works. Hubplan planning assumptions: a day to set up, a week to hand a link over. */
export const LINK_LIFETIME_MS: Record<OneTimeLinkPurpose, number> = {
	first_admin: 24 * 3600_000,
	set_password: 7 * 24 * 3600_000
};

/** Where each kind of link opens. */
export const LINK_PATH: Record<OneTimeLinkPurpose, string> = { first_admin: '/setup/', set_password: '/set-password/' };

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Makes a link and returns its token (shown once; never stored). Call inside a transaction. */
export async function createLink(tx: Db, purpose: OneTimeLinkPurpose, userId: string | null, now = new Date()): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS[purpose]).toISOString();
	await tx.insert(t.oneTimeLink).values({ tokenSha256: sha256(token), purpose, userId, expiresAt });
	return token;
}

export interface OpenLink {
	purpose: OneTimeLinkPurpose;
	userId: string | null;
}

/** The link behind `token` if it is unused and unexpired, else null. Reading it does not use it. */
export async function openLink(db: Db, token: string, purpose: OneTimeLinkPurpose, now = new Date()): Promise<OpenLink | null> {
	const [row] = await db
		.select()
		.from(t.oneTimeLink)
		.where(and(eq(t.oneTimeLink.tokenSha256, sha256(token)), eq(t.oneTimeLink.purpose, purpose), isNull(t.oneTimeLink.usedAt)));
	if (!row || row.expiresAt <= now.toISOString()) return null;
	return { purpose: row.purpose, userId: row.userId };
}

/** Uses the link (once): returns it, or null when it is unknown, used or expired. Call inside the transaction that acts on it. */
export async function useLink(tx: Db, token: string, purpose: OneTimeLinkPurpose, now = new Date()): Promise<OpenLink | null> {
	const link = await openLink(tx, token, purpose, now);
	if (!link) return null;
	await tx.update(t.oneTimeLink).set({ usedAt: now.toISOString() }).where(eq(t.oneTimeLink.tokenSha256, sha256(token)));
	return link;
}

/** While nobody can sign in, a fresh first-admin link's path (`/setup/TOKEN`); null once someone exists. */
export async function firstAdminLinkPath(db: Db): Promise<string | null> {
	if ((await peopleCount(db)) > 0) return null;
	const token = await transaction(db, (tx) => createLink(tx, 'first_admin', null));
	return `${LINK_PATH.first_admin}${token}`;
}

/** The address links are printed with: ORIGIN when set, else this machine on PORT (3000). */
export function appOrigin(env: Record<string, string | undefined> = process.env): string {
	return (env.ORIGIN || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '');
}
