import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, t, transaction, type Db } from '$lib/server/db';
import { createLink, firstAdminLinkPath, LINK_LIFETIME_MS, openLink, useLink } from '$lib/server/auth/one-time-links';
import { createFirstAdmin } from '$lib/server/auth/first-admin';
import * as members from '$lib/server/auth/members';
import { addPartnership } from '$lib/server/partnerships';
import { openTestDb } from '../../support/db';

let db: Db;
beforeAll(async () => {
	db = await openTestDb();
	await addPartnership(db, 'Demo');
});
afterAll(() => closeDb(db));

describe('one-time links', () => {
	it('store only the token hash, work once, and expire', async () => {
		const now = new Date('2026-12-01T09:00:00Z');
		const token = await transaction(db, (tx) => createLink(tx, 'first_admin', null, now));
		const rows = await db.select().from(t.oneTimeLink);
		expect(rows.map((r) => r.tokenSha256)).not.toContain(token);
		expect(JSON.stringify(rows)).not.toContain(token);

		const justBefore = new Date(now.getTime() + LINK_LIFETIME_MS.first_admin - 1);
		const atExpiry = new Date(now.getTime() + LINK_LIFETIME_MS.first_admin);
		expect(await openLink(db, token, 'first_admin', atExpiry)).toBeNull();
		expect(await openLink(db, token, 'set_password', justBefore)).toBeNull();
		expect(await transaction(db, (tx) => useLink(tx, token, 'first_admin', justBefore))).toEqual({ purpose: 'first_admin', userId: null });
		expect(await transaction(db, (tx) => useLink(tx, token, 'first_admin', justBefore))).toBeNull();
		expect(await openLink(db, 'not-a-token', 'first_admin', justBefore)).toBeNull();
	});

	it('the first-admin link is made while nobody exists; it creates an admin of the first partnership once, and then no link is printed', async () => {
		const linkPath = await firstAdminLinkPath(db);
		expect(linkPath).toMatch(/^\/setup\/[\w-]{43}$/);
		const token = linkPath!.slice('/setup/'.length);
		await createFirstAdmin(db, token, { email: 'First@Example.org', name: 'First', password: 'the first password' });
		const [admin] = await members.listMembers(db, 'demo');
		expect(admin).toMatchObject({ email: 'first@example.org', role: 'admin' });
		await expect(createFirstAdmin(db, token, { email: 'second@example.org', name: 'Second', password: 'the second password' })).rejects.toThrow('This link has expired or was already used.');
		expect(await firstAdminLinkPath(db)).toBeNull();
	});
});
