/**
 * The people who can sign in (Better Auth's user and credential-account rows), as Hubplan creates
 * them: from the first-admin link, `hubplan user add` and the members page. Better Auth itself
 * writes them on OIDC sign-in. Membership (who may do what where) is members.ts.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import { t, type Db } from '../db';
import { MAX_NAME_CHARS } from '../../limits';

export type Person = Pick<typeof t.authUser.$inferSelect, 'id' | 'email' | 'name'>;

/** Password lengths Hubplan accepts (Better Auth is set to the same). NCSC advises length over rules. */
export const PASSWORD_CHARS = { min: 10, max: 200 };
const MAX_EMAIL_CHARS = 254;
const CREDENTIAL_PROVIDER = 'credential';

/** Bad input, in words for the person who typed it; nothing was written. */
export class AccountInputError extends Error {
	constructor(
		message: string,
		readonly field: 'email' | 'name' | 'password' | 'role' | 'partnership' | 'member'
	) {
		super(message);
	}
}

/** The email as stored (trimmed, lower case), or an AccountInputError naming what is wrong. */
export function normaliseEmail(email: string): string {
	const value = email.trim().toLowerCase();
	if (!value) throw new AccountInputError('Enter an email address.', 'email');
	if (value.length > MAX_EMAIL_CHARS || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
		throw new AccountInputError(`"${email.trim()}" is not an email address: expected name@example.org.`, 'email');
	}
	return value;
}

export function checkPassword(password: string): void {
	if (password.length < PASSWORD_CHARS.min) throw new AccountInputError(`The password is ${password.length} characters long; use at least ${PASSWORD_CHARS.min}.`, 'password');
	if (password.length > PASSWORD_CHARS.max) throw new AccountInputError(`The password is ${password.length} characters long; use at most ${PASSWORD_CHARS.max}.`, 'password');
}

function checkName(name: string): string {
	const value = name.trim();
	if (value.length > MAX_NAME_CHARS) throw new AccountInputError(`The name is ${value.length} characters long; use at most ${MAX_NAME_CHARS}.`, 'name');
	return value;
}

export async function personByEmail(db: Db, email: string): Promise<Person | null> {
	const [row] = await db.select({ id: t.authUser.id, email: t.authUser.email, name: t.authUser.name }).from(t.authUser).where(eq(t.authUser.email, normaliseEmail(email)));
	return row ?? null;
}

export async function personById(db: Db, userId: string): Promise<Person | null> {
	const [row] = await db.select({ id: t.authUser.id, email: t.authUser.email, name: t.authUser.name }).from(t.authUser).where(eq(t.authUser.id, userId));
	return row ?? null;
}

export async function listPeople(db: Db): Promise<Person[]> {
	return db.select({ id: t.authUser.id, email: t.authUser.email, name: t.authUser.name }).from(t.authUser).orderBy(asc(t.authUser.email));
}

export async function peopleCount(db: Db): Promise<number> {
	const [row] = await db.select({ n: count() }).from(t.authUser);
	return row.n;
}

/** A new person with no way to sign in yet (give them a password or a set-password link). Call inside a transaction. */
export async function createPerson(tx: Db, input: { email: string; name?: string }): Promise<Person> {
	const email = normaliseEmail(input.email);
	if (await personByEmail(tx, email)) throw new AccountInputError(`Someone with the email ${email} already exists.`, 'email');
	const name = checkName(input.name ?? '') || email.split('@')[0];
	const person = { id: randomUUID(), email, name };
	// Verified: Hubplan has no sign-up, so an admin (or the CLI, or the first-admin link) vouches for
	// every address. Better Auth links a single sign-on only to a local row marked so; unmarked, the
	// callback ends with ?error=account_not_linked and the person stays signed out.
	await tx.insert(t.authUser).values({ ...person, emailVerified: true });
	return person;
}

/** Sets (or replaces) a person's password, hashed as Better Auth hashes it (scrypt). Call inside a transaction. */
export async function setPassword(tx: Db, userId: string, password: string): Promise<void> {
	checkPassword(password);
	const hash = await hashPassword(password);
	const where = and(eq(t.authAccount.userId, userId), eq(t.authAccount.providerId, CREDENTIAL_PROVIDER));
	const [existing] = await tx.select({ id: t.authAccount.id }).from(t.authAccount).where(where);
	const now = new Date().toISOString();
	if (existing) await tx.update(t.authAccount).set({ password: hash, updatedAt: now }).where(eq(t.authAccount.id, existing.id));
	else await tx.insert(t.authAccount).values({ id: randomUUID(), accountId: userId, providerId: CREDENTIAL_PROVIDER, userId, password: hash });
}

/** Removes a person: their sessions, sign-in methods and memberships go with them (foreign keys). Call from members.ts. */
export async function deletePerson(tx: Db, userId: string): Promise<void> {
	await tx.delete(t.authUser).where(eq(t.authUser.id, userId));
}
