/**
 * Run by global-setup.ts, once per test server (`node --import tsx tests/e2e/add-accounts.ts`, the
 * server's database in HUBPLAN_DB or HUBPLAN_DATABASE_URL): adds the second partnership and the
 * test accounts in one process, through the functions `hubplan partnership add` and
 * `hubplan user add --password-stdin` call. One process per server instead of one per account
 * saves a Node and tsx start-up (seconds each on a busy machine) per account; the commands
 * themselves stay covered by tests/unit/cli/user.test.ts and the specs that add people with them
 * (accounts.spec.ts, authz-people.ts).
 *
 * Standard input: JSON `{ partnership: name, accounts: [{ email, name, role, partnership, password }] }`.
 */
import { commandLineActor } from '../../src/cli/actor';
import { closeSharedDb, getDb } from '../../src/lib/server/db';
import { addMember } from '../../src/lib/server/auth/members';
import { addPartnership, findPartnership } from '../../src/lib/server/partnerships';

type Input = { partnership: string; accounts: { email: string; name: string; role: string; partnership: string; password: string }[] };

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Input;
const db = await getDb();
try {
	await addPartnership(db, input.partnership);
	for (const account of input.accounts) {
		const partnership = await findPartnership(db, account.partnership);
		const { email, name, role, password } = account;
		await addMember(db, commandLineActor(), { partnershipId: partnership.id, email, name, role, password });
	}
} finally {
	await closeSharedDb();
}
