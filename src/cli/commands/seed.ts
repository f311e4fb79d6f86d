import { getDb } from '../../lib/server/db';
import { commandLineActor } from '../actor';
import { ensureDemoWithExamples } from '../../lib/server/seed';

/** `hubplan seed`: create/migrate the database and load the demo pack if it is not there yet. */
export async function run(args: string[]): Promise<number> {
	if (args.includes('--help')) {
		process.stdout.write('Usage: hubplan seed\nCreates the database (HUBPLAN_DB or data/hubplan.sqlite), applies migrations and loads the Trafford pack once.\n');
		return 0;
	}
	process.stdout.write(`${await ensureDemoWithExamples(await getDb(), commandLineActor())}\n`);
	return 0;
}
