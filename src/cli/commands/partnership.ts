/** `hubplan partnership add|list`: the partnerships this Hubplan holds, each with its own data and members. */
import { getDb } from '../../lib/server/db';
import { AccountInputError } from '../../lib/server/auth/people';
import { addPartnership, listPartnerships } from '../../lib/server/partnerships';
import { parseSubcommand } from '../subcommand';

const HELP = `Usage:
  hubplan partnership add --name N     adds an empty partnership and prints its id (import its estate next)
  hubplan partnership list             every partnership: id, then name
`;

export async function run(args: string[]): Promise<number> {
	const parsed = parseSubcommand(args, { name: { type: 'string' } }, HELP);
	if (typeof parsed === 'number') return parsed;
	const { action, values } = parsed;
	const db = await getDb();
	if (action === 'list') {
		for (const p of await listPartnerships(db)) process.stdout.write(`${p.id}\t${p.name}\n`);
		return 0;
	}
	if (action === 'add') {
		try {
			const added = await addPartnership(db, values.name ?? '');
			process.stdout.write(`${added.id}\n`);
			return 0;
		} catch (error) {
			if (!(error instanceof AccountInputError)) throw error;
			process.stderr.write(`hubplan partnership add: ${error.message}\n`);
			return 1;
		}
	}
	process.stderr.write(`Unknown action "${action}".\n\n${HELP}`);
	return 2;
}
