import { beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { openTestDb } from '../../support/db';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoWithExamples } from '$lib/server/seed';
import { loadComparison, type Comparison } from '$lib/server/comparison';
import { buildReport } from '$lib/report/build';
import { withFigureAlternatives } from '$lib/report/figure-tables';
import { docxFileName, ESTIMATED_MARK, reportDocx } from '$lib/report/docx';
import type { ReportDocument } from '$lib/report/document';
import { TEST_ACTOR } from '../../support/actor';

/** The text of each cell of each table in word/document.xml, as [table][row][cell]. */
function tablesOf(xml: string): string[][][] {
	const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
	const all = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => m[1]);
	return all(/<w:tbl>([\s\S]*?)<\/w:tbl>/g, xml).map((table) =>
		all(/<w:tr>([\s\S]*?)<\/w:tr>|<w:tr [^>]*>([\s\S]*?)<\/w:tr>/g, table).map((row) =>
			all(/<w:tc>([\s\S]*?)<\/w:tc>/g, row ?? '').map((cell) => unescape(all(/<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>/g, cell).join('')))
		)
	);
}

describe('the cabinet report as DOCX (three options: the baseline and two worked examples)', () => {
	let comparison: Comparison;
	let report: ReportDocument;
	let xml: string;
	let bytes: Buffer;
	beforeAll(async () => {
		const db = await openTestDb();
		await ensureDemoWithExamples(db, TEST_ACTOR);
		comparison = await loadComparison(db, P, { linkIds: ['baseline', '2', '4'] });
		report = buildReport(comparison, { recommendation: { text: 'Take the hub network.', rationale: 'It pays back in year 4.', author: 'A. Author' }, presented: { date: '2027-01-14' } });
		bytes = await reportDocx(withFigureAlternatives(report, comparison));
		xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
		console.log(`DOCX for three options: ${(bytes.length / 1024).toFixed(1)} KB`);
	});

	it("reads back the summary table's every cell, estimates marked in words", () => {
		const summary = report.sections.find((s) => s.id === 'summary')!.blocks.find((b) => b.kind === 'table')!;
		if (summary.kind !== 'table') throw new Error('no summary table');
		const expected = [summary.head, ...summary.rows.map((row) => row.map((c) => (c.estimated ? `${c.text} ${ESTIMATED_MARK}` : c.text)))];
		const found = tablesOf(xml).find((table) => JSON.stringify(table[0]) === JSON.stringify(summary.head));
		expect(found).toEqual(expected);
		expect(expected.flat().some((text) => text.endsWith(ESTIMATED_MARK))).toBe(true);
	});

	it('repeats header rows, keeps rows whole, and is A4 with the title and date on every page', async () => {
		const tables = (xml.match(/<w:tbl>/g) ?? []).length;
		expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(tables);
		expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
		const zip = await JSZip.loadAsync(bytes);
		const header = await zip.file(/word\/header\d*\.xml/)[0].async('string');
		expect(header).toContain(report.subtitle);
	});

	it('gives each figure its table alternative, or words for the maps, and no bare figure note', () => {
		const cashFlow = comparison.cashFlow.series[2].at(-1)!;
		expect(xml).toContain('cumulative discounted cash flow by year');
		expect(tablesOf(xml).some((t) => t.some((row) => row[0] === `Year ${cashFlow.year}`))).toBe(true);
		expect(xml).not.toContain('see the web page or the printed report for this figure');
	});

	it('names the file after the report', () => {
		expect(docxFileName('Options appraisal: Today’s estate / Hub network')).toBe('options-appraisal-today-s-estate-hub-network.docx');
		expect(docxFileName('')).toBe('hubplan-report.docx');
	});
});
