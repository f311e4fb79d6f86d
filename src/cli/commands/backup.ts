/** `hubplan backup FILE`: a consistent copy of the whole database, safe to take while the app runs. */
import fs from 'node:fs';
import { getDb } from '../../lib/server/db';
import { backupDatabase } from '../../lib/server/backup';
import { backupPostgres, postgresUrlFromEnv } from '../../lib/server/pg-backup';

export async function run(args: string[]): Promise<number> {
	if (args.length !== 1 || args[0].startsWith('-')) {
		const help =
			'Usage: hubplan backup FILE\nWrites a consistent copy of the database to FILE: the SQLite file (HUBPLAN_DB or data/hubplan.sqlite),\nor with HUBPLAN_DATABASE_URL=postgres://… a pg_dump custom-format dump.\n';
		(args[0] === '--help' ? process.stdout : process.stderr).write(help);
		return args[0] === '--help' ? 0 : 2;
	}
	const postgresUrl = postgresUrlFromEnv();
	if (postgresUrl) await backupPostgres(postgresUrl, args[0]);
	else await backupDatabase(await getDb(), args[0]);
	process.stdout.write(`Backed up to ${args[0]} (${fs.statSync(args[0]).size} bytes).\n`);
	return 0;
}
