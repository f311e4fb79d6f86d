/**
 * The first admin, made from the one-time link `npm start` prints while nobody can sign in: an
 * admin of the first partnership (the demo one on a fresh start), with the password they choose.
 */
import { t, transaction, type Db } from '../db';
import { firstPartnership } from '../estate';
import { count } from 'drizzle-orm';
import * as members from './members';
import { AccountInputError } from './people';
import { useLink } from './one-time-links';

/** Who the audit log records for the first admin's creation. */
const FIRST_ADMIN_ACTOR = { kind: 'system', name: 'first-admin link' } as const;

export async function createFirstAdmin(db: Db, token: string, input: { email: string; name: string; password: string }): Promise<void> {
	await transaction(db, async (tx) => {
		if (!(await useLink(tx, token, 'first_admin'))) throw new AccountInputError('This link has expired or was already used.', 'member');
		const [people] = await tx.select({ n: count() }).from(t.authUser);
		if (people.n > 0) throw new AccountInputError('Hubplan already has an admin: sign in, or ask them to add you.', 'member');
		const partnership = await firstPartnership(tx);
		await members.addMember(tx, FIRST_ADMIN_ACTOR, { partnershipId: partnership.id, role: 'admin', ...input });
	});
}
