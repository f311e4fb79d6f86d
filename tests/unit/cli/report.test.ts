import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '$lib/report/document';
import type { Comparison } from '$lib/server/comparison';
import { hubplanInProcess } from '../../support/hubplan-cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-report-cli-'));

function report(...args: string[]) {
	return hubplanInProcess(['report', ...args], { HUBPLAN_DB: path.join(dir, 'cli.sqlite') });
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('hubplan report', () => {
	it('writes the report document and the comparison figures as JSON, options in the order asked', async () => {
		const out = path.join(dir, 'report.json');
		const { code, stdout } = await report('--compare', 'baseline,2,4', '--format', 'json', '--out', out);
		expect(code).toBe(0);
		expect(stdout).toMatch(/^Wrote .*report\.json \([\d,]+ bytes\)/);
		const written = JSON.parse(fs.readFileSync(out, 'utf8')) as { report: ReportDocument; comparison: Omit<Comparison, 'outlines'> };
		expect(written.comparison.scenarios.map((s) => s.linkId)).toEqual(['baseline', '2', '4']);
		expect(written.comparison.rows.find((r) => r.key === 'appraisal.annualCashableSavingGbp')?.values[2]).toBe(242450);
		expect(written.report.sections.length).toBeGreaterThan(0);
		expect(written.comparison).not.toHaveProperty('outlines');
	}, 240_000);

	it('writes a DOCX whose tables carry the options', async () => {
		const out = path.join(dir, 'report.docx');
		const { code } = await report('--compare', 'baseline,2,3', '--format', 'docx', '--out', out);
		expect(code).toBe(0);
		const xml = await (await JSZip.loadAsync(fs.readFileSync(out))).file('word/document.xml')!.async('string');
		expect(xml.includes('<w:tblHeader/>')).toBe(true);
		expect(xml.includes('Example: shared service centre at Sale Waterside')).toBe(true);
	}, 240_000);

	it('refuses an unknown scenario, too few options and an unwritable file with a message and status 1', async () => {
		const out = path.join(dir, 'never.docx');
		const unknown = await report('--compare', 'baseline,999', '--format', 'docx', '--out', out);
		expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('There is no scenario with id "999"') });
		const few = await report('--compare', 'baseline', '--format', 'json', '--out', out);
		expect(few).toMatchObject({ code: 1, stderr: expect.stringContaining('Choose between 2 and 4 scenarios to compare; only 1 was chosen.') });
		const folder = await report('--compare', 'baseline,2', '--format', 'docx', '--out', path.join(dir, 'missing', 'r.docx'));
		expect(folder).toMatchObject({ code: 1, stderr: expect.stringContaining('the folder') });
		const isFolder = await report('--compare', 'baseline,2', '--format', 'docx', '--out', dir);
		expect(isFolder).toMatchObject({ code: 1, stderr: expect.stringContaining('is a folder; give a file name') });
		const readOnly = path.join(dir, 'read-only');
		fs.mkdirSync(readOnly, { mode: 0o555 });
		const denied = await report('--compare', 'baseline,2', '--format', 'docx', '--out', path.join(readOnly, 'r.docx'));
		// root may write anywhere; everyone else is refused before any work.
		if (process.getuid?.() !== 0) expect(denied).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot write there') });
		const format = await report('--compare', 'baseline,2', '--format', 'rtf', '--out', out);
		expect(format).toMatchObject({ code: 1, stderr: 'hubplan report: --format "rtf" is not one of docx, pdf, json.\n' });
		expect(fs.existsSync(out)).toBe(false);
	}, 240_000);
});
