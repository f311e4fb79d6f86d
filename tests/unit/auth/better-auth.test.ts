import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, dialect, openDb, t, transaction, type Db } from '$lib/server/db';
import { authFor, CLIENT_ADDRESS_HEADER, SIGN_IN_LIMIT } from '$lib/server/auth/better-auth';
import * as members from '$lib/server/auth/members';
import { addPartnership } from '$lib/server/partnerships';
import { openTestDb } from '../../support/db';

const ORIGIN = 'http://127.0.0.1:4567';
const PASSWORD = 'a long enough password';
let db: Db;

beforeAll(async () => {
	db = await openTestDb();
	const partnership = await addPartnership(db, 'Better Auth test');
	await members.addMember(db, { kind: 'system', name: 'test' }, { partnershipId: partnership.id, email: 'dee@example.org', role: 'editor', password: PASSWORD });
});
afterAll(() => closeDb(db));

function post(pathname: string, body: unknown, headers: Record<string, string> = {}) {
	return new Request(`${ORIGIN}/api/auth${pathname}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: ORIGIN, [CLIENT_ADDRESS_HEADER]: '192.0.2.1', ...headers },
		body: JSON.stringify(body)
	});
}

const sessionCookie = (response: Response) => response.headers.get('set-cookie')!.split(';')[0];

describe(`Better Auth on ${dialect}`, () => {
	it('signs in with the password Hubplan set, keeps the session in the database, and refuses another site and a wrong password', async () => {
		const auth = await authFor(db);
		const signedIn = await auth.handler(post('/sign-in/email', { email: 'DEE@example.org', password: PASSWORD }));
		expect(signedIn.status).toBe(200);
		expect(signedIn.headers.get('set-cookie')).toMatch(/^better-auth\.session_token=[^;]+; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
		const session = await auth.api.getSession({ headers: new Headers({ cookie: sessionCookie(signedIn) }) });
		expect(session?.user.email).toBe('dee@example.org');
		expect((await db.select().from(t.authSession)).length).toBe(1);

		const crossSite = await auth.handler(post('/sign-in/email', { email: 'dee@example.org', password: PASSWORD }, { origin: 'http://evil.example' }));
		expect(crossSite.status).toBe(403);
		const wrong = await auth.handler(post('/sign-in/email', { email: 'dee@example.org', password: 'not the password' }, { [CLIENT_ADDRESS_HEADER]: '192.0.2.2' }));
		expect(wrong.status).toBe(401);
	});

	it('sign out everywhere ends every session of the person', async () => {
		const auth = await authFor(db);
		const one = sessionCookie(await auth.handler(post('/sign-in/email', { email: 'dee@example.org', password: PASSWORD }, { [CLIENT_ADDRESS_HEADER]: '192.0.2.3' })));
		const two = sessionCookie(await auth.handler(post('/sign-in/email', { email: 'dee@example.org', password: PASSWORD }, { [CLIENT_ADDRESS_HEADER]: '192.0.2.3' })));
		expect((await auth.handler(post('/revoke-sessions', {}, { cookie: one }))).status).toBe(200);
		expect(await auth.api.getSession({ headers: new Headers({ cookie: two }) })).toBeNull();
		expect(await db.select().from(t.authSession)).toEqual([]);
	});

	it(`limits sign-in attempts to ${SIGN_IN_LIMIT.max} a minute per address, counted in the database`, async () => {
		const auth = await authFor(db);
		const attempt = () => auth.handler(post('/sign-in/email', { email: 'dee@example.org', password: 'guess' }, { [CLIENT_ADDRESS_HEADER]: '198.51.100.7' }));
		const statuses: number[] = [];
		for (let i = 0; i <= SIGN_IN_LIMIT.max; i++) statuses.push((await attempt()).status);
		expect(statuses).toEqual([...Array(SIGN_IN_LIMIT.max).fill(401), 429]);
		const limited = await attempt();
		expect(Number(limited.headers.get('x-retry-after'))).toBeGreaterThan(0);
		expect((await db.select().from(t.authRateLimit)).some((r) => r.key.includes('198.51.100.7'))).toBe(true);
	});
});

describe.runIf(dialect === 'sqlite')('Better Auth beside the SQLite writer connection', () => {
	it('its writes wait their turn behind an open write transaction instead of blocking the thread', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-auth-writes-'));
		const fileDb = await openDb(path.join(dir, 'writes.sqlite'));
		try {
			const partnership = await addPartnership(fileDb, 'Writes');
			await members.addMember(fileDb, { kind: 'system', name: 'test' }, { partnershipId: partnership.id, email: 'eve@example.org', role: 'viewer', password: PASSWORD });
			const auth = await authFor(fileDb);
			const order: string[] = [];
			const slowWrite = transaction(fileDb, async (tx) => {
				await new Promise((resolve) => setTimeout(resolve, 200));
				await tx.update(t.partnership).set({ name: 'Writes, renamed' });
				order.push('app write');
			});
			const signIn = auth.handler(post('/sign-in/email', { email: 'eve@example.org', password: PASSWORD })).then((r) => {
				order.push('sign-in');
				return r.status;
			});
			expect(await signIn).toBe(200);
			await slowWrite;
			expect(order).toEqual(['app write', 'sign-in']);
		} finally {
			await closeDb(fileDb);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
