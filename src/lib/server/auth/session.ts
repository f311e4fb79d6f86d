/**
 * Who a request is from and where they work: the signed-in person (Better Auth's session cookie),
 * their partnerships, and the one this session is working in (chosen per session; by default their
 * first membership).
 */
import { and, eq } from 'drizzle-orm';
import { t, transaction, type Db } from '../db';
import type { Auth } from './better-auth';
import { membershipsOf, roleOf, type Membership } from './members';

export interface SignedIn {
	user: { id: string; email: string; name: string };
	sessionId: string;
	memberships: Membership[];
	/** The partnership this session works in and their role there; null when they belong to none. */
	active: Membership | null;
}

export async function signedIn(db: Db, auth: Auth, headers: Headers): Promise<SignedIn | null> {
	const found = await auth.api.getSession({ headers });
	if (!found) return null;
	const { user, session } = found;
	const memberships = await membershipsOf(db, user.id);
	const chosen = memberships.find((m) => m.partnership.id === session.activePartnershipId) ?? memberships[0];
	return {
		user: { id: user.id, email: user.email, name: user.name },
		sessionId: session.id,
		memberships,
		active: chosen ?? null
	};
}

/** Makes `partnershipId` the partnership this session works in; false when the person is not a member of it. */
export async function chooseActivePartnership(db: Db, who: SignedIn, partnershipId: string): Promise<boolean> {
	if (!(await roleOf(db, who.user.id, partnershipId))) return false;
	await transaction(db, (tx) =>
		tx.update(t.authSession).set({ activePartnershipId: partnershipId }).where(and(eq(t.authSession.id, who.sessionId), eq(t.authSession.userId, who.user.id)))
	);
	return true;
}
