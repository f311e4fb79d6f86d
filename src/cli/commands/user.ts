/**
 * `hubplan user add|list|remove`: the people who can sign in, and their partnerships and roles.
 * `add` prints a one-time set-password link to hand over, or takes the password on standard input.
 */
import { getDb } from '../../lib/server/db';
import * as members from '../../lib/server/auth/members';
import { AccountInputError, listPeople } from '../../lib/server/auth/people';
import { appOrigin, LINK_PATH, LINK_LIFETIME_MS } from '../../lib/server/auth/one-time-links';
import { ROLES } from '../../lib/server/auth/roles';
import { findPartnership } from '../../lib/server/partnerships';
import { commandLineActor } from '../actor';
import { parseSubcommand } from '../subcommand';

const HELP = `Usage:
  hubplan user add --email E --role R --partnership P [--name N] [--password-stdin]
  hubplan user list
  hubplan user remove --email E

add       adds E to partnership P (its id or exact name) as R (${ROLES.join(', ')}).
          A new person gets a one-time link to set their password (printed; valid ${LINK_LIFETIME_MS.set_password / 86_400_000} days),
          or, with --password-stdin, the password read from standard input (first line).
          Someone who already exists is added to P with their own password unchanged.
list      everyone who can sign in, with their partnerships and roles.
remove    removes E altogether (sessions, memberships); refused if E is some partnership's last admin.

Links use ORIGIN, else http://localhost:PORT (3000).
`;

export async function run(args: string[]): Promise<number> {
	const parsed = parseSubcommand(
		args,
		{
			email: { type: 'string' },
			role: { type: 'string' },
			partnership: { type: 'string' },
			name: { type: 'string' },
			'password-stdin': { type: 'boolean' }
		},
		HELP
	);
	if (typeof parsed === 'number') return parsed;
	const { action, values } = parsed;
	try {
		if (action === 'add') return await add(values);
		if (action === 'list') return await list();
		if (action === 'remove') return await remove(values.email);
	} catch (error) {
		if (error instanceof AccountInputError) {
			process.stderr.write(`hubplan user ${action}: ${error.message}\n`);
			return 1;
		}
		throw error;
	}
	process.stderr.write(`Unknown action "${action}".\n\n${HELP}`);
	return 2;
}

async function add(values: { email?: string; role?: string; partnership?: string; name?: string; 'password-stdin'?: boolean }): Promise<number> {
	const missing = (['email', 'role', 'partnership'] as const).filter((k) => !values[k]);
	if (missing.length) {
		process.stderr.write(`hubplan user add: give ${missing.map((m) => `--${m}`).join(', ')}.\n\n${HELP}`);
		return 2;
	}
	const db = await getDb();
	const partnership = await findPartnership(db, values.partnership!);
	const password = values['password-stdin'] ? await firstLineOfStdin() : undefined;
	const added = await members.addMember(db, commandLineActor(), {
		partnershipId: partnership.id,
		email: values.email!,
		role: values.role!,
		name: values.name,
		password
	});
	const who = `${added.person.email} (${added.person.name})`;
	process.stdout.write(`${added.created ? 'Added' : 'Existing person'} ${who}: ${values.role} of ${partnership.name} (${partnership.id}).\n`);
	if (added.setPasswordToken) {
		process.stdout.write(`Hand this one-time link to them to set their password (valid ${LINK_LIFETIME_MS.set_password / 86_400_000} days):\n${appOrigin()}${LINK_PATH.set_password}${added.setPasswordToken}\n`);
	}
	return 0;
}

async function list(): Promise<number> {
	const db = await getDb();
	const people = await listPeople(db);
	if (!people.length) {
		process.stdout.write('Nobody can sign in yet: `npm start` prints a link to create the first admin, or use `hubplan user add`.\n');
		return 0;
	}
	for (const person of people) {
		const roles = (await members.membershipsOf(db, person.id)).map((m) => `${m.role} of ${m.partnership.name} (${m.partnership.id})`);
		process.stdout.write(`${person.email}\t${person.name}\t${roles.join('; ') || 'no partnership'}\n`);
	}
	return 0;
}

async function remove(email: string | undefined): Promise<number> {
	if (!email) {
		process.stderr.write(`hubplan user remove: give --email.\n\n${HELP}`);
		return 2;
	}
	const removed = await members.removePerson(await getDb(), commandLineActor(), email);
	process.stdout.write(`Removed ${removed.email}: their memberships and sessions are gone.\n`);
	return 0;
}

async function firstLineOfStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
	if (!password) throw new AccountInputError('--password-stdin: standard input held no password (expected it on the first line).', 'password');
	return password;
}
