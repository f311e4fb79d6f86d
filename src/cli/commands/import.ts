/**
 * `hubplan import FILE --kind sites|services|zones|matrix`: check a file against the database, print
 * every problem (exit 1, nothing written) or the diff, and commit it in one transaction unless
 * --dry-run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp, partnershipHelp } from '../source';
import { commandLineActor } from '../actor';
import {
	assertImportKind, FIELDS_BY_KIND, formatProblem, IMPORT_KINDS, InvalidImportError, prepareImport, sizeProblem,
	type ImportDiff, type ImportProblem
} from '../../lib/server/import';
import { formatCount } from '../../lib/format';

const HELP = `Usage: hubplan import FILE --kind ${IMPORT_KINDS.join('|')} [options]

Reads CSV, XLSX (first worksheet) or GeoJSON, checks every row, prints what would be added, changed
and removed, and writes it all in one transaction. Any problem: exit 1 and nothing is written.

  --kind KIND          ${IMPORT_KINDS.join(', ')}
  --dry-run            check and show the diff, write nothing
  --zones-csv FILE     zones only: CSV of attributes joined onto the GeoJSON by ONS code
  --remove-missing     also delete rows the file does not mention (default: keep them)
  --create-partners    sites only: add the partners the file names that Hubplan does not know
  --map FIELD=HEADER   map a column by hand (repeatable), e.g. --map giaM2="Floor area"
  --matrix-name NAME   matrix only: which matrix to create/update (default: file name)
  --mode MODE          matrix only: walk, public_transport, car, cycle (default public_transport)
  ${partnershipHelp(21)}

Database: HUBPLAN_DB or data/hubplan.sqlite.
`;

export async function run(args: string[]): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args,
			allowPositionals: true,
			strict: true,
			options: {
				kind: { type: 'string' },
				'dry-run': { type: 'boolean' },
				'zones-csv': { type: 'string' },
				'remove-missing': { type: 'boolean' },
				'create-partners': { type: 'boolean' },
				map: { type: 'string', multiple: true },
				'matrix-name': { type: 'string' },
				mode: { type: 'string' },
				partnership: { type: 'string' },
				help: { type: 'boolean' }
			}
		});
	} catch (error) {
		process.stderr.write(`hubplan import: ${(error as Error).message}\n\n${HELP}`);
		return 2;
	}
	const { values: o, positionals } = parsed;
	if (o.help) {
		process.stdout.write(HELP);
		return 0;
	}
	if (positionals.length !== 1 || !o.kind) {
		process.stderr.write(`hubplan import: give one FILE and --kind.\n\n${HELP}`);
		return 2;
	}
	const kind = assertImportKind(o.kind);
	const paths = [positionals[0], ...(o['zones-csv'] ? [o['zones-csv']] : [])];
	// Sized before reading: a file of gigabytes is refused without loading it.
	const tooBig = paths.map((p) => sizeProblem(path.basename(p), fileSize(p))).filter((p) => p !== null);
	if (tooBig.length) return refuse(tooBig, tooBig.length);
	const file = readFile(positionals[0]);
	const zonesCsv = o['zones-csv'] ? readFile(o['zones-csv']) : undefined;
	const { db, partnershipId } = await openApp(o.partnership);
	const prepared = await prepareImport(db, partnershipId, {
		kind,
		file,
		zonesCsv,
		mapping: manualMapping(o.map ?? [], kind),
		options: { removeMissing: o['remove-missing'] ?? false, createPartners: o['create-partners'] ?? false, matrixName: o['matrix-name'], matrixMode: o.mode }
	});
	const { plan } = prepared;
	if (plan.problems.length) return refuse(plan.problems, plan.problemCount);
	process.stdout.write(describeDiff(plan.diff!));
	if (o['dry-run']) {
		process.stdout.write('Dry run: nothing was written.\n');
		return 0;
	}
	let run;
	try {
		run = await prepared.commit(commandLineActor());
	} catch (error) {
		if (error instanceof InvalidImportError) return refuse(error.problems, error.count);
		throw error;
	}
	process.stdout.write(`Imported ${plan.fileNames.join(' + ')} (import run ${run.importRunId}): ${run.added} added, ${run.changed} changed, ${run.removed} removed.\n`);
	return 0;
}

/** Prints the listed problems (at most MAX_PROBLEMS_LISTED) and how many more there were; the exit status. */
function refuse(problems: ImportProblem[], count: number): number {
	const lines = [`${formatCount(count)} problem(s); nothing was written:`, ...problems.map((p) => `  ${formatProblem(p)}`)];
	if (count > problems.length) lines.push(`  … and ${formatCount(count - problems.length)} more (the first ${formatCount(problems.length)} are listed)`);
	process.stderr.write(`${lines.join('\n')}\n`);
	return 1;
}

function fileSize(file: string): number {
	if (!fs.existsSync(file)) throw new Error(`no such file: ${file}`);
	return fs.statSync(file).size;
}

function readFile(file: string) {
	return { name: path.basename(file), bytes: fs.readFileSync(file) };
}

/** `--map giaM2=Floor area` pairs: field key → header text. */
function manualMapping(pairs: string[], kind: ReturnType<typeof assertImportKind>): Record<string, string> | undefined {
	if (!pairs.length) return undefined;
	const keys = FIELDS_BY_KIND[kind].map((f) => f.key);
	const mapping: Record<string, string> = {};
	for (const pair of pairs) {
		const [field, ...rest] = pair.split('=');
		if (!keys.includes(field) || !rest.length) {
			throw new Error(`--map "${pair}": expected FIELD=HEADER with FIELD one of ${keys.join(', ')}`);
		}
		mapping[field] = rest.join('=');
	}
	return mapping;
}

function describeDiff(diff: ImportDiff): string {
	const lines = [`${diff.added.length} to add, ${diff.changed.length} to change, ${diff.unchanged} unchanged, ${diff.removed.length} not in the file (${diff.removeMissing ? 'will be removed' : 'kept; --remove-missing deletes them'}).`];
	const show = (label: string, entries: ImportDiff['added']) => {
		for (const e of entries.slice(0, 20)) {
			const changes = e.changes?.map((c) => `${c.field}: ${short(c.from)} → ${short(c.to)}`).join('; ');
			lines.push(`  ${label} ${e.id} (${e.label})${changes ? `: ${changes}` : ''}`);
		}
		if (entries.length > 20) lines.push(`  … and ${entries.length - 20} more`);
	};
	if (diff.newPartners?.length) {
		lines.push(`New partners: ${diff.newPartners.join(', ')} (${diff.newPartners.length === 1 ? 'it is' : 'they are'} added only with --create-partners).`);
	}
	show('+', diff.added);
	show('~', diff.changed);
	if (diff.removeMissing) show('-', diff.removed);
	return `${lines.join('\n')}\n`;
}

function short(value: unknown): string {
	const text = typeof value === 'object' && value !== null ? '(geometry)' : JSON.stringify(value);
	return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
