/**
 * Who belongs to which partnership, in which role: every read and write of the `membership` table.
 * Each change runs in one transaction and takes the actor who made it, for the audit log to record
 * in that transaction.
 * Rules: a person is in a partnership at most once; a partnership never loses its last admin.
 *
 * Import as a namespace: `import * as members from '$lib/server/auth/members'`.
 */
import { and, asc, count, eq, ne } from 'drizzle-orm';
import { t, transaction, type Db } from '../db';
import * as audit from '../audit/log';
import type { Actor } from './actor';
import { isRole, ROLE_LABELS, type Role } from './roles';
import type { Partnership } from '../estate';
import { AccountInputError, createPerson, deletePerson, personByEmail, setPassword, type Person } from './people';
import { createLink } from './one-time-links';

export interface Member extends Person {
	role: Role;
	/** ISO timestamp. */
	since: string;
}

export interface Membership {
	partnership: Partnership;
	role: Role;
}

export async function listMembers(db: Db, partnershipId: string): Promise<Member[]> {
	return db
		.select({ id: t.authUser.id, email: t.authUser.email, name: t.authUser.name, role: t.membership.role, since: t.membership.createdAt })
		.from(t.membership)
		.innerJoin(t.authUser, eq(t.authUser.id, t.membership.userId))
		.where(eq(t.membership.partnershipId, partnershipId))
		.orderBy(asc(t.authUser.email));
}

/** A person's partnerships, oldest membership first (the first is their default). */
export async function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
	return db
		.select({ partnership: t.partnership, role: t.membership.role })
		.from(t.membership)
		.innerJoin(t.partnership, eq(t.partnership.id, t.membership.partnershipId))
		.where(eq(t.membership.userId, userId))
		.orderBy(asc(t.membership.createdAt), asc(t.membership.partnershipId));
}

function checkRole(role: string): Role {
	if (!isRole(role)) throw new AccountInputError(`"${role}" is not a role: expected one of ${Object.keys(ROLE_LABELS).join(', ')}.`, 'role');
	return role;
}

export interface AddedMember {
	person: Person;
	/** True when the email was new: the person was created. */
	created: boolean;
	/** For a new person given no password: the token of their one-time set-password link. */
	setPasswordToken: string | null;
}

/**
 * Adds the person with `email` to a partnership in `role`, creating them if the email is new. A new
 * person gets `password` when given, else a set-password link to hand over.
 */
export async function addMember(
	db: Db,
	actor: Actor,
	input: { partnershipId: string; email: string; role: string; name?: string; password?: string }
): Promise<AddedMember> {
	const role = checkRole(input.role);
	return transaction(db, async (tx) => {
		const existing = await personByEmail(tx, input.email);
		const person = existing ?? (await createPerson(tx, input));
		const [already] = await tx.select().from(t.membership).where(and(eq(t.membership.userId, person.id), eq(t.membership.partnershipId, input.partnershipId)));
		if (already) throw new AccountInputError(`${person.email} is already a member here, as ${ROLE_LABELS[already.role].toLowerCase()}.`, 'email');
		await tx.insert(t.membership).values({ userId: person.id, partnershipId: input.partnershipId, role });
		await audit.record(tx, actor, input.partnershipId, {
			entityKind: 'member',
			entityId: person.email,
			action: 'created',
			after: { email: person.email, role },
			summary: `Added ${person.email} as ${ROLE_LABELS[role].toLowerCase()}`
		});
		if (input.password !== undefined) await setPassword(tx, person.id, input.password);
		const setPasswordToken = !existing && input.password === undefined ? await createLink(tx, 'set_password', person.id) : null;
		return { person, created: !existing, setPasswordToken };
	});
}

export async function changeRole(db: Db, actor: Actor, input: { partnershipId: string; userId: string; role: string }): Promise<void> {
	const role = checkRole(input.role);
	await transaction(db, async (tx) => {
		const current = await roleOf(tx, input.userId, input.partnershipId);
		if (!current) throw new AccountInputError('That person is not a member of this partnership.', 'member');
		if (current === 'admin' && role !== 'admin') await keepAnAdmin(tx, input.partnershipId, input.userId);
		await tx.update(t.membership).set({ role }).where(memberWhere(input.userId, input.partnershipId));
		await recordMember(tx, actor, input, 'changed', current, role);
	});
}

export async function removeMember(db: Db, actor: Actor, input: { partnershipId: string; userId: string }): Promise<void> {
	await transaction(db, async (tx) => {
		const current = await roleOf(tx, input.userId, input.partnershipId);
		if (!current) throw new AccountInputError('That person is not a member of this partnership.', 'member');
		if (current === 'admin') await keepAnAdmin(tx, input.partnershipId, input.userId);
		await tx.delete(t.membership).where(memberWhere(input.userId, input.partnershipId));
		await recordMember(tx, actor, input, 'deleted', current, null);
	});
}

/** Removes a person altogether (every membership, session and sign-in method), unless they are some partnership's last admin. */
export async function removePerson(db: Db, actor: Actor, email: string): Promise<Person> {
	return transaction(db, async (tx) => {
		const person = await personByEmail(tx, email);
		if (!person) throw new AccountInputError(`Nobody has the email ${email.trim().toLowerCase()}.`, 'email');
		const memberships = await membershipsOf(tx, person.id);
		for (const m of memberships) if (m.role === 'admin') await keepAnAdmin(tx, m.partnership.id, person.id);
		await tx.delete(t.membership).where(eq(t.membership.userId, person.id));
		for (const m of memberships) await recordMember(tx, actor, { partnershipId: m.partnership.id, userId: person.id }, 'deleted', m.role, null);
		await deletePerson(tx, person.id);
		return person;
	});
}

/** Their role in the partnership, or null when they are not a member. */
export async function roleOf(db: Db, userId: string, partnershipId: string): Promise<Role | null> {
	const [row] = await db.select({ role: t.membership.role }).from(t.membership).where(memberWhere(userId, partnershipId));
	return row?.role ?? null;
}

/** The audit entry of a membership change, naming the person by their email. */
async function recordMember(tx: Db, actor: Actor, who: { partnershipId: string; userId: string }, action: 'changed' | 'deleted', before: Role, after: Role | null): Promise<void> {
	const [person] = await tx.select({ email: t.authUser.email }).from(t.authUser).where(eq(t.authUser.id, who.userId));
	const email = person?.email ?? who.userId;
	await audit.record(tx, actor, who.partnershipId, {
		entityKind: 'member',
		entityId: email,
		action,
		before: { email, role: before },
		after: after && { email, role: after },
		summary: after ? `Changed ${email} from ${ROLE_LABELS[before].toLowerCase()} to ${ROLE_LABELS[after].toLowerCase()}` : `Removed ${email} (${ROLE_LABELS[before].toLowerCase()})`
	});
}

const memberWhere = (userId: string, partnershipId: string) => and(eq(t.membership.userId, userId), eq(t.membership.partnershipId, partnershipId));

async function keepAnAdmin(tx: Db, partnershipId: string, leavingUserId: string): Promise<void> {
	const [others] = await tx
		.select({ n: count() })
		.from(t.membership)
		.where(and(eq(t.membership.partnershipId, partnershipId), eq(t.membership.role, 'admin'), ne(t.membership.userId, leavingUserId)));
	if (others.n === 0) {
		const [p] = await tx.select({ name: t.partnership.name }).from(t.partnership).where(eq(t.partnership.id, partnershipId));
		throw new AccountInputError(`This is the last admin of ${p?.name ?? partnershipId}: make someone else an admin first.`, 'member');
	}
}
