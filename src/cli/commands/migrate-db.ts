/**
 * `hubplan migrate-db --from sqlite:FILE --to postgres://…`: copies a Hubplan SQLite database into
 * an empty PostgreSQL database in one transaction, then prints each table's row count and content
 * hash on both sides. Exits 1, with the copy rolled back, on any difference.
 */
import { parseArgs } from 'node:util';
import { migrateSqliteToPostgres } from '../../lib/server/db/migrate-db';
import type { TableCheck } from '../../lib/server/db/table-copy';

const HELP = `Usage: hubplan migrate-db --from sqlite:FILE --to postgres://USER:PASSWORD@HOST:PORT/DATABASE

Copies every table of the Hubplan SQLite database FILE (only read) into the PostgreSQL database,
which must hold no data: it is brought to this version's schema, the rows are copied in one
transaction, and each table's row count and SHA-256 of its rows are compared on both sides. On any
difference the copy is rolled back and the command exits with status 1.
`;

export async function run(args: string[]): Promise<number> {
	let values: { from?: string; to?: string; help?: boolean };
	try {
		({ values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' } } }));
	} catch (error) {
		process.stderr.write(`${error instanceof Error ? error.message : error}\n\n${HELP}`);
		return 2;
	}
	if (values.help) {
		process.stdout.write(HELP);
		return 0;
	}
	const from = values.from?.match(/^sqlite:(.+)$/)?.[1];
	const to = values.to && /^postgres(ql)?:\/\//.test(values.to) ? values.to : undefined;
	if (!from || !to) {
		const wrong = !from ? `--from must be sqlite:FILE (got ${values.from ?? 'nothing'})` : `--to must be a postgres:// URL (got ${values.to ?? 'nothing'})`;
		process.stderr.write(`${wrong}.\n\n${HELP}`);
		return 2;
	}
	const report = await migrateSqliteToPostgres(from, to);
	process.stdout.write(checkTable(report.checks));
	const rows = report.checks.reduce((n, c) => n + c.targetRows, 0);
	if (report.committed) {
		process.stdout.write(`Copied ${report.checks.length} tables, ${rows} rows, into ${withoutPassword(to)}: every count and hash matches.\n`);
		return 0;
	}
	const wrong = report.checks.filter((c) => !c.matches).map((c) => c.table);
	process.stderr.write(`hubplan migrate-db: ${wrong.join(', ')} did not copy exactly, so the copy was rolled back and ${withoutPassword(to)} holds no data.\n`);
	return 1;
}

/** The per-table comparison as an aligned text table (hashes shortened to 16 hex digits). */
export function checkTable(checks: TableCheck[]): string {
	const header = ['table', 'SQLite rows', 'PostgreSQL rows', 'SQLite SHA-256', 'PostgreSQL SHA-256', ''];
	const rows = checks.map((c) => [c.table, String(c.sourceRows), String(c.targetRows), c.sourceSha256.slice(0, 16), c.targetSha256.slice(0, 16), c.matches ? 'same' : 'DIFFERENT']);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => cells.map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd() + '\n';
	return [header, ...rows].map(line).join('');
}

function withoutPassword(url: string): string {
	return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
