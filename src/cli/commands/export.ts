/** `hubplan export [--format csv|xlsx|geojson] [--out DIR]`: every table in the chosen formats, as files. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp, partnershipHelp } from '../source';
import { EXPORT_FORMATS, EXPORT_TABLES, exportFile, type ExportFormat } from '../../lib/server/export';
// The command line is the server's operator, who sees every field.
import { NOTHING_WITHHELD } from '../../lib/server/restricted-fields';

const HELP = `Usage: hubplan export [--format ${EXPORT_FORMATS.join('|')}] [--out DIR] [--partnership P]

Writes ${Object.keys(EXPORT_TABLES).join(', ')} to DIR (default ./export) in each format the table
supports (GeoJSON: sites and zones). Without --format, all formats.

  ${partnershipHelp(17)}
`;

export async function run(args: string[]): Promise<number> {
	let o;
	try {
		o = parseArgs({ args, strict: true, options: { format: { type: 'string' }, out: { type: 'string' }, partnership: { type: 'string' }, help: { type: 'boolean' } } }).values;
	} catch (error) {
		process.stderr.write(`hubplan export: ${(error as Error).message}\n\n${HELP}`);
		return 2;
	}
	if (o.help) {
		process.stdout.write(HELP);
		return 0;
	}
	if (o.format && !(EXPORT_FORMATS as readonly string[]).includes(o.format)) {
		process.stderr.write(`hubplan export: unknown format "${o.format}" (expected ${EXPORT_FORMATS.join(', ')})\n`);
		return 2;
	}
	const formats = o.format ? [o.format as ExportFormat] : EXPORT_FORMATS;
	const dir = o.out ?? 'export';
	fs.mkdirSync(dir, { recursive: true });
	const { db, partnershipId } = await openApp(o.partnership);
	for (const [name, entry] of Object.entries(EXPORT_TABLES)) {
		for (const format of formats.filter((f) => entry.formats.includes(f))) {
			const file = await exportFile(db, partnershipId, name, format, NOTHING_WITHHELD);
			const target = path.join(dir, file.fileName);
			fs.writeFileSync(target, file.body);
			process.stdout.write(`${target} (${fs.statSync(target).size} bytes)\n`);
		}
	}
	return 0;
}
