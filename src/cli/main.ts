/**
 * `hubplan <command>`: one module per command under src/cli/commands, each exporting
 * `run(args): Promise<number>` (the exit code). Loaded lazily so `hubplan evaluate` does not pay for
 * the XLSX or HiGHS libraries.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: (args: string[]) => Promise<number> }> }> = {
	seed: { summary: 'create/migrate the database and load the Trafford demo pack (idempotent)', load: () => import('./commands/seed') },
	evaluate: { summary: 'run the engine on the database or a pack folder and print JSON', load: () => import('./commands/evaluate') },
	optimise: { summary: 'recommend hubs (p-median, coverage, fewest hubs) or solve an OR-Library file', load: () => import('./commands/optimise') },
	import: { summary: 'check and import sites, services, zones or a travel-time matrix (CSV, XLSX, GeoJSON)', load: () => import('./commands/import') },
	export: { summary: 'write sites, services, zones, matrices and scenarios as CSV, XLSX and GeoJSON', load: () => import('./commands/export') },
	report: { summary: 'write the cabinet report of a comparison as DOCX, PDF or JSON', load: () => import('./commands/report') },
	backup: { summary: 'write a consistent copy of the whole database to FILE', load: () => import('./commands/backup') },
	restore: { summary: 'replace the database with a checked backup FILE', load: () => import('./commands/restore') },
	user: { summary: 'add, list or remove the people who can sign in (add prints a one-time set-password link)', load: () => import('./commands/user') },
	partnership: { summary: 'add or list partnerships (add prints the new id)', load: () => import('./commands/partnership') },
	'migrate-db': { summary: 'copy an SQLite database into an empty PostgreSQL one, checked table by table', load: () => import('./commands/migrate-db') }
};

export async function main(argv: string[]): Promise<number> {
	const [name, ...args] = argv;
	const command = name ? COMMANDS[name] : undefined;
	if (!command) {
		const help = Object.entries(COMMANDS)
			.map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`)
			.join('\n');
		const out = `Usage: hubplan <command> [options]\n\nCommands:\n${help}\n\nDatabase: HUBPLAN_DB or data/hubplan.sqlite. Run a command with --help for its options.\n`;
		if (name && name !== '--help' && name !== 'help') {
			process.stderr.write(`Unknown command "${name}".\n\n${out}`);
			return 2;
		}
		process.stdout.write(out);
		return 0;
	}
	try {
		const { run } = await command.load();
		return await run(args);
	} catch (error) {
		process.stderr.write(`hubplan ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
		return 1;
	} finally {
		const { closeSharedDb } = await import('../lib/server/db');
		await closeSharedDb();
	}
}
