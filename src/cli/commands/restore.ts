/**
 * `hubplan restore FILE`: replace the database with a backup, after checking the backup is an intact
 * Hubplan database (refuses anything else, leaving the database untouched).
 */
import { getDb } from '../../lib/server/db';
import { commandLineActor } from '../actor';
import { dataChecksum, restoreDatabase } from '../../lib/server/backup';
import { postgresUrlFromEnv, restorePostgres } from '../../lib/server/pg-backup';

export async function run(args: string[]): Promise<number> {
	if (args.length !== 1 || args[0].startsWith('-')) {
		const help =
			'Usage: hubplan restore FILE\nReplaces the database (HUBPLAN_DB or data/hubplan.sqlite; with HUBPLAN_DATABASE_URL=postgres://… that\nPostgreSQL database) with the backup FILE made by "hubplan backup".\n';
		(args[0] === '--help' ? process.stdout : process.stderr).write(help);
		return args[0] === '--help' ? 0 : 2;
	}
	const postgresUrl = postgresUrlFromEnv();
	if (postgresUrl) {
		const report = await restorePostgres(postgresUrl, commandLineActor(), args[0]);
		const rows = report.checks.reduce((n, c) => n + c.targetRows, 0);
		process.stdout.write(`Restored from ${args[0]}: ${report.checks.length} tables, ${rows} rows, every count and content hash as in the backup.\n`);
		return 0;
	}
	const db = await getDb();
	await restoreDatabase(db, commandLineActor(), args[0]);
	process.stdout.write(`Restored from ${args[0]}; integrity_check ok; data checksum ${dataChecksum(db).slice(0, 16)}.\n`);
	return 0;
}
