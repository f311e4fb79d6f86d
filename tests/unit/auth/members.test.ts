import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDb, t, type Db } from '$lib/server/db';
import * as members from '$lib/server/auth/members';
import { AccountInputError, personByEmail } from '$lib/server/auth/people';
import { openLink } from '$lib/server/auth/one-time-links';
import { addPartnership, findPartnership } from '$lib/server/partnerships';
import type { Actor } from '$lib/server/auth/actor';
import { openTestDb } from '../../support/db';

const actor: Actor = { kind: 'system', name: 'members test' };
let db: Db;
let a: string;
let b: string;

beforeAll(async () => {
	db = await openTestDb();
	a = (await addPartnership(db, 'Partnership A')).id;
	b = (await addPartnership(db, 'Partnership B')).id;
});
afterAll(() => closeDb(db));

describe('members', () => {
	it('adds a new person by email (stored lower case) with a one-time set-password link, and lists them', async () => {
		const added = await members.addMember(db, actor, { partnershipId: a, email: '  Ann@Example.ORG ', role: 'admin', name: 'Ann' });
		expect(added).toMatchObject({ created: true, person: { email: 'ann@example.org', name: 'Ann' } });
		expect(added.setPasswordToken).toMatch(/^[\w-]{43}$/);
		expect(await openLink(db, added.setPasswordToken!, 'set_password')).toEqual({ purpose: 'set_password', userId: added.person.id });
		expect((await members.listMembers(db, a)).map((m) => [m.email, m.role])).toEqual([['ann@example.org', 'admin']]);
		// The admin vouches for the address: Better Auth links a single sign-on only to a verified local account.
		const [row] = await db.select({ emailVerified: t.authUser.emailVerified }).from(t.authUser).where(eq(t.authUser.id, added.person.id));
		expect(row.emailVerified).toBe(true);
	});

	it('adds someone who exists to a second partnership with another role, with no new link; their first membership comes first', async () => {
		const again = await members.addMember(db, actor, { partnershipId: b, email: 'ann@example.org', role: 'viewer' });
		expect(again).toMatchObject({ created: false, setPasswordToken: null });
		expect(await members.membershipsOf(db, again.person.id)).toMatchObject([
			{ partnership: { id: a, name: 'Partnership A' }, role: 'admin' },
			{ partnership: { id: b, name: 'Partnership B' }, role: 'viewer' }
		]);
	});

	it('refuses a second membership of the same partnership, an unknown role and a bad email, writing nothing', async () => {
		await expect(members.addMember(db, actor, { partnershipId: a, email: 'ann@example.org', role: 'editor' })).rejects.toThrow('ann@example.org is already a member here, as admin.');
		await expect(members.addMember(db, actor, { partnershipId: a, email: 'bob@example.org', role: 'owner' })).rejects.toThrow('"owner" is not a role: expected one of viewer, editor, data_manager, admin.');
		await expect(members.addMember(db, actor, { partnershipId: a, email: 'not an email', role: 'viewer' })).rejects.toThrow('"not an email" is not an email address');
		expect(await personByEmail(db, 'bob@example.org')).toBeNull();
	});

	it('refuses a password that is too short, and then has created nobody', async () => {
		await expect(members.addMember(db, actor, { partnershipId: a, email: 'short@example.org', role: 'viewer', password: 'abc' })).rejects.toThrow(AccountInputError);
		expect(await personByEmail(db, 'short@example.org')).toBeNull();
	});

	it('never lets a partnership lose its last admin: not by a role change, a removal or removing the person', async () => {
		const ann = (await personByEmail(db, 'ann@example.org'))!;
		await expect(members.changeRole(db, actor, { partnershipId: a, userId: ann.id, role: 'editor' })).rejects.toThrow('This is the last admin of Partnership A: make someone else an admin first.');
		await expect(members.removeMember(db, actor, { partnershipId: a, userId: ann.id })).rejects.toThrow('last admin of Partnership A');
		await expect(members.removePerson(db, actor, 'ann@example.org')).rejects.toThrow('last admin of Partnership A');
		expect(await members.roleOf(db, ann.id, a)).toBe('admin');
	});

	it('with a second admin, the first may step down, change role and leave; removing a person removes every membership', async () => {
		const cat = await members.addMember(db, actor, { partnershipId: a, email: 'cat@example.org', role: 'admin', password: 'a long enough password' });
		expect(cat.setPasswordToken).toBeNull();
		const ann = (await personByEmail(db, 'ann@example.org'))!;
		await members.changeRole(db, actor, { partnershipId: a, userId: ann.id, role: 'editor' });
		expect(await members.roleOf(db, ann.id, a)).toBe('editor');
		await members.removeMember(db, actor, { partnershipId: a, userId: ann.id });
		expect(await members.roleOf(db, ann.id, a)).toBeNull();
		await members.removePerson(db, actor, 'ann@example.org');
		expect(await personByEmail(db, 'ann@example.org')).toBeNull();
		expect(await members.listMembers(db, b)).toEqual([]);
	});
});

describe('partnerships', () => {
	it('are found by id or exact name; an unknown one lists the choices', async () => {
		expect((await findPartnership(db, 'Partnership B')).id).toBe(b);
		expect((await findPartnership(db, a)).name).toBe('Partnership A');
		await expect(findPartnership(db, 'partnership b')).rejects.toThrow(`No partnership has the id or name "partnership b". Partnerships: ${a} ("Partnership A"), ${b} ("Partnership B").`);
	});

	it('refuse a second partnership with the same name, and an empty name', async () => {
		await expect(addPartnership(db, 'Partnership A')).rejects.toThrow('A partnership named "Partnership A" already exists.');
		await expect(addPartnership(db, '  ')).rejects.toThrow('Give the partnership a name.');
	});
});
