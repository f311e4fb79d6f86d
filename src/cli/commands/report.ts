/**
 * `hubplan report --compare baseline,2,3 --format docx|pdf|json --out FILE`: the cabinet report of a
 * comparison, from the same code as the app.
 *
 * PDF is what the app's print button makes, so it is made the same way: the built app (`npm run
 * build`, which `npm start` runs) is started on a free loopback port for the purpose, and Chromium
 * prints its report page (`/compare/print`) headless. Rendering the report outside the app would be
 * a second layout to keep in step with the first.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { comparisonHref, loadComparison, parseIds, type Comparison } from '../../lib/server/comparison';
import { BASELINE_ID } from '../../lib/server/scenarios';
import { buildReport } from '../../lib/report/build';
import { reportDocx } from '../../lib/report/docx';
import { withFigureAlternatives } from '../../lib/report/figure-tables';
import { openSource, partnershipHelp, UsageError } from '../source';
import { PRINT_PARTNERSHIP_ENV, PRINT_TOKEN_ENV, PRINT_TOKEN_PARAM } from '../../lib/server/auth/print-access';

const FORMATS = ['docx', 'pdf', 'json'] as const;
type Format = (typeof FORMATS)[number];
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** How long the app may take to start and Chromium to print. Hubplan planning assumptions. */
const SERVER_START_MS = 60_000;
const PRINT_MS = 120_000;

const HELP = `Usage: hubplan report --compare IDS --format ${FORMATS.join('|')} --out FILE [--service CODE]

Writes the cabinet report of a comparison of 2 to 4 scenarios.
  --compare IDS   scenario ids in order, "${BASELINE_ID}" for today's estate, e.g. ${BASELINE_ID},2,3
  --format        docx (Word), pdf (the printed report page) or json (the report document and the comparison's figures)
  --out FILE      where to write it
  --service CODE  the service the charts and maps show (default: the one whose access changes most)
  ${partnershipHelp(16)}

PDF needs the built app (npm run build) and Chromium (${DEFAULT_CHROMIUM}, or HUBPLAN_CHROMIUM=/path/to/chrome).
Database: HUBPLAN_DB or data/hubplan.sqlite.
`;

export async function run(args: string[]): Promise<number> {
	let o;
	try {
		o = parseArgs({
			args,
			strict: true,
			options: { compare: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, service: { type: 'string' }, partnership: { type: 'string' }, help: { type: 'boolean' } }
		}).values;
	} catch (error) {
		process.stderr.write(`hubplan report: ${(error as Error).message}\n\n${HELP}`);
		return 2;
	}
	if (o.help) {
		process.stdout.write(HELP);
		return 0;
	}
	const missing = (['compare', 'format', 'out'] as const).filter((name) => !o[name]);
	if (missing.length) {
		process.stderr.write(`hubplan report: missing ${missing.map((m) => `--${m}`).join(', ')}\n\n${HELP}`);
		return 2;
	}
	if (!(FORMATS as readonly string[]).includes(o.format!)) throw new UsageError(`--format "${o.format}" is not one of ${FORMATS.join(', ')}.`);
	const format = o.format as Format;
	const out = path.resolve(o.out!);
	checkWritable(out);

	const { db, partnershipId } = await openSource(undefined, o.partnership);
	const linkIds = parseIds([o.compare!]);
	// Unknown ids, too few or too many, or an option that no longer fits the estate: the message says which.
	const started = performance.now();
	const comparison = await loadComparison(db, partnershipId, { linkIds, service: o.service });
	if (format === 'json') fs.writeFileSync(out, JSON.stringify(reportJson(comparison), null, 2));
	if (format === 'docx') fs.writeFileSync(out, await reportDocx(withFigureAlternatives(buildReport(comparison, {}), comparison)));
	if (format === 'pdf') await printPdf(comparisonHref('/compare/print', linkIds, o.service), partnershipId, out);
	const pages = format === 'pdf' ? `, ${pdfPageCount(fs.readFileSync(out))} A4 pages` : '';
	process.stdout.write(`Wrote ${o.out} (${fs.statSync(out).size.toLocaleString('en-GB')} bytes${pages}) in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
	return 0;
}

/** The report document and the comparison's figures (without the zone outlines its maps are drawn on). */
export function reportJson(comparison: Comparison) {
	const { outlines: _drawnOnly, ...figures } = comparison;
	return { report: buildReport(comparison, {}), comparison: figures };
}

/** Refuse before any work when FILE cannot be written: its folder is missing or read-only, or it is a folder. */
function checkWritable(file: string): void {
	const dir = path.dirname(file);
	if (!fs.existsSync(dir)) throw new UsageError(`--out ${file}: the folder ${dir} does not exist.`);
	if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`--out ${file} is a folder; give a file name.`);
	try {
		fs.accessSync(fs.existsSync(file) ? file : dir, fs.constants.W_OK);
	} catch {
		throw new UsageError(`--out ${file}: cannot write there (no permission).`);
	}
}

/** Start the built app on a free loopback port, print `pagePath` of `partnershipId` with headless Chromium, stop the app. */
async function printPdf(pagePath: string, partnershipId: string, out: string): Promise<void> {
	const chromium = process.env.HUBPLAN_CHROMIUM || DEFAULT_CHROMIUM;
	if (!fs.existsSync(chromium)) {
		throw new UsageError(`--format pdf needs Chromium or Chrome at ${chromium} (set HUBPLAN_CHROMIUM). Without it, run "npm start", open the comparison's "Printable cabinet report" and choose "Print or save as PDF".`);
	}
	if (!fs.existsSync(path.resolve('build/handler.js'))) {
		throw new UsageError('--format pdf prints the built app\'s report page; run "npm run build" first (npm start does), or use --format docx.');
	}
	const port = await freePort();
	const printToken = randomBytes(32).toString('base64url');
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', [PRINT_TOKEN_ENV]: printToken, [PRINT_PARTNERSHIP_ENV]: partnershipId };
	const server = spawn(process.execPath, ['src/serve.js'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
	let serverErrors = '';
	server.stderr?.on('data', (chunk) => (serverErrors += chunk));
	try {
		const base = `http://127.0.0.1:${port}`;
		await waitForServer(`${base}/sign-in`, server, () => serverErrors);
		const page = new URL(pagePath, base);
		page.searchParams.set(PRINT_TOKEN_PARAM, printToken);
		const profile = fs.mkdtempSync(path.join(path.dirname(out), '.hubplan-chromium-'));
		try {
			await promisify(execFile)(
				chromium,
				['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${profile}`, '--no-pdf-header-footer', `--print-to-pdf=${out}`, page.href],
				{ timeout: PRINT_MS }
			);
		} finally {
			fs.rmSync(profile, { recursive: true, force: true });
		}
		if (!fs.existsSync(out) || fs.statSync(out).size === 0) throw new Error(`Chromium did not write ${out}.`);
	} finally {
		await stop(server);
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

async function waitForServer(url: string, server: ChildProcess, errors: () => string): Promise<void> {
	const deadline = Date.now() + SERVER_START_MS;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`The app stopped while starting (exit ${server.exitCode}): ${errors().trim()}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`The app did not start within ${SERVER_START_MS / 1000} s: ${errors().trim()}`);
}

/** SIGTERM lets the app close its database; it gets a few seconds before SIGKILL. */
async function stop(server: ChildProcess): Promise<void> {
	if (server.exitCode !== null) return;
	const exited = new Promise((resolve) => server.once('exit', resolve));
	server.kill('SIGTERM');
	const timer = setTimeout(() => server.kill('SIGKILL'), 6000);
	await exited;
	clearTimeout(timer);
}

/** Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`). */
export function pdfPageCount(pdf: Buffer): number {
	return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
