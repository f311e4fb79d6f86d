/** Setting a password from a one-time set-password link (given to someone added by email). */
import { transaction, type Db } from '../db';
import { AccountInputError, personById, setPassword, type Person } from './people';
import { openLink, useLink } from './one-time-links';

/** The person a set-password link is for, or null when it is unknown, used or expired. */
export async function personOfLink(db: Db, token: string): Promise<Person | null> {
	const link = await openLink(db, token, 'set_password');
	return link?.userId ? personById(db, link.userId) : null;
}

export async function setPasswordFromLink(db: Db, token: string, password: string): Promise<Person> {
	return transaction(db, async (tx) => {
		const link = await useLink(tx, token, 'set_password');
		const person = link?.userId ? await personById(tx, link.userId) : null;
		if (!person) throw new AccountInputError('This link has expired or was already used: ask an admin for a new one.', 'member');
		await setPassword(tx, person.id, password);
		return person;
	});
}
