/**
 * `hubplan report --format pdf` prints the built app's report page with Chromium, so it runs here,
 * after `npm run build`, rather than with the unit tests (which run before the build).
 */
import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pdfPageCount } from '../../src/cli/commands/report';

const run = promisify(execFile);

test('hubplan report prints a PDF of the report page from the built app', async () => {
	test.setTimeout(240_000);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-report-pdf-'));
	try {
		const out = path.join(dir, 'report.pdf');
		// The CLI on an SQLite file of its own, whatever database the test run points at.
		const { HUBPLAN_DATABASE_URL: _server, ...inherited } = process.env;
		const env = { ...inherited, HUBPLAN_DB: path.join(dir, 'cli.sqlite') };
		const { stdout, stderr } = await run('node', ['src/cli/hubplan.js', 'report', '--compare', 'baseline,2,3', '--format', 'pdf', '--out', out], { env, timeout: 240_000 });
		expect(stderr).toBe('');
		const pdf = fs.readFileSync(out);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdfPageCount(pdf)).toBeGreaterThan(1);
		expect(stdout).toMatch(/\d+ A4 pages/);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
