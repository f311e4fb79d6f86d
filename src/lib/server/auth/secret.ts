/**
 * The secret Better Auth signs session cookies and encrypts tokens with: HUBPLAN_AUTH_SECRET when
 * set, else one made on first start and kept in the database, so every app server sharing the
 * database signs alike and a restart does not sign everyone out.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { t, transaction, type Db } from '../db';

const SECRET_ROW_ID = 1;

export async function authSecret(db: Db): Promise<string> {
	const fromEnv = process.env.HUBPLAN_AUTH_SECRET;
	if (fromEnv) {
		if (fromEnv.length < 32) throw new Error(`HUBPLAN_AUTH_SECRET is ${fromEnv.length} characters long; it needs at least 32 (e.g. \`openssl rand -base64 32\`).`);
		return fromEnv;
	}
	const [stored] = await db.select().from(t.authSecret).where(eq(t.authSecret.id, SECRET_ROW_ID));
	if (stored) return stored.secret;
	// Two servers starting together may both get here: the first insert wins and both read it back.
	await transaction(db, (tx) =>
		tx.insert(t.authSecret).values({ id: SECRET_ROW_ID, secret: randomBytes(32).toString('base64url') }).onConflictDoNothing()
	);
	const [made] = await db.select().from(t.authSecret).where(eq(t.authSecret.id, SECRET_ROW_ID));
	return made.secret;
}
