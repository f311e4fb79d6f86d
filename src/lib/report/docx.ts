/**
 * The cabinet report as a Word document (the `docx` package), for councils that paste it into their
 * cabinet template: A4, Arial 11 pt, real headings and lists (so the template's styles take over),
 * tables whose header row repeats on every page and whose rows do not split across pages. Estimated
 * figures say "(est.)" in the text and pass or fail cells are bold, not only coloured. The title and
 * subtitle (for a decision record, "As presented to cabinet on DATE") head every page.
 *
 * It reads only the ReportDocument; figures must already be replaced by their table alternatives
 * (`withFigureAlternatives`), and any left are written as a short note.
 */
import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	Header,
	HeadingLevel,
	Packer,
	PageNumber,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { ReportBlock, ReportCell, ReportDocument } from './document';

/** A4 in twentieths of a point, with 2 cm margins (1134 twips). */
const A4 = { width: 11906, height: 16838 };
const MARGIN_TWIPS = 1134;
const TEXT_WIDTH_TWIPS = A4.width - 2 * MARGIN_TWIPS;
const FONT = 'Arial';
/** Half-points: 11 pt body, 9 pt tables (the side-by-side table has up to five columns). */
const BODY_SIZE = 22;
const TABLE_SIZE = 18;
const TONE_COLOUR: Record<NonNullable<ReportCell['tone']>, string> = { good: '1E6B30', bad: 'B00020', flag: '8A4B00' };
export const ESTIMATED_MARK = '(est.)';

/** The document as DOCX bytes. */
export async function reportDocx(report: ReportDocument): Promise<Buffer> {
	const doc = new Document({
		creator: 'Hubplan',
		title: report.title,
		description: report.subtitle,
		styles: {
			default: { document: { run: { font: FONT, size: BODY_SIZE } } },
			paragraphStyles: [
				{ id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 32, bold: true }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
				{ id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 28, bold: true }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
				{ id: 'Heading3', name: 'Heading 3', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 24, bold: true }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } }
			]
		},
		sections: [
			{
				properties: { page: { size: A4, margin: { top: MARGIN_TWIPS, bottom: MARGIN_TWIPS, left: MARGIN_TWIPS, right: MARGIN_TWIPS } } },
				headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: `${report.title} – ${report.subtitle}`, size: 16 })] })] }) },
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								alignment: AlignmentType.RIGHT,
								children: [new TextRun({ size: 16, children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })]
							})
						]
					})
				},
				children: [
					new Paragraph({ heading: HeadingLevel.HEADING_1, text: report.title }),
					new Paragraph({ children: [new TextRun({ text: report.subtitle, italics: true })] }),
					...report.sections.flatMap((section) => [
						new Paragraph({ heading: HeadingLevel.HEADING_2, text: section.title }),
						...section.blocks.flatMap(blockParts)
					])
				]
			}
		]
	});
	return Packer.toBuffer(doc);
}

/** A file name for a report's download: `hubplan-report-<words of the title>.docx`. */
export function docxFileName(stem: string): string {
	const words = stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80).replace(/-$/, '');
	return `${words || 'hubplan-report'}.docx`;
}

function blockParts(block: ReportBlock): (Paragraph | Table)[] {
	switch (block.kind) {
		case 'heading':
			return [new Paragraph({ heading: block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, text: block.text })];
		case 'paragraph':
			return [new Paragraph({ text: block.text, spacing: { after: 120 } })];
		case 'list':
			return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
		case 'table':
			return tableParts(block);
		case 'figure':
			return [new Paragraph({ children: [new TextRun({ text: `${block.caption}: see the web page or the printed report for this figure.`, italics: true })] })];
	}
}

function tableParts(block: Extract<ReportBlock, { kind: 'table' }>): (Paragraph | Table)[] {
	const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
	const borders = { top: border, bottom: border, left: border, right: border };
	const header = new TableRow({
		tableHeader: true,
		cantSplit: true,
		children: block.head.map(
			(text) =>
				new TableCell({
					borders,
					shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E7E7' },
					children: [new Paragraph({ children: [new TextRun({ text, bold: true, size: TABLE_SIZE })] })]
				})
		)
	});
	const rows = block.rows.map(
		(row) =>
			new TableRow({
				cantSplit: true,
				children: row.map((cell, i) => new TableCell({ borders, children: [new Paragraph({ children: cellRuns(cell, i === 0) })] }))
			})
	);
	const hasEstimates = block.rows.some((row) => row.some((cell) => cell.estimated));
	return [
		new Paragraph({ keepNext: true, spacing: { before: 160, after: 60 }, children: [new TextRun({ text: block.caption, bold: true })] }),
		new Table({ width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA }, columnWidths: columnWidths(block.head.length), rows: [header, ...rows] }),
		...(hasEstimates
			? [new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: `${ESTIMATED_MARK} marks a figure that rests on estimated floor areas, running costs or visits.`, size: TABLE_SIZE })] })]
			: [])
	];
}

/** Twips per column: the row headings get a third of the width (more when there are few columns), the figures share the rest. */
function columnWidths(columns: number): number[] {
	if (columns < 2) return [TEXT_WIDTH_TWIPS];
	const first = Math.round(TEXT_WIDTH_TWIPS * Math.max(1 / 3, 1 / columns));
	const rest = Math.floor((TEXT_WIDTH_TWIPS - first) / (columns - 1));
	return [first, ...Array.from({ length: columns - 1 }, () => rest)];
}

function cellRuns(cell: ReportCell, rowHeading: boolean): TextRun[] {
	const tone = cell.tone ? { bold: true, color: TONE_COLOUR[cell.tone] } : {};
	return [
		new TextRun({ text: cell.text, size: TABLE_SIZE, bold: rowHeading || undefined, ...tone }),
		...(cell.estimated ? [new TextRun({ text: ` ${ESTIMATED_MARK}`, size: TABLE_SIZE })] : [])
	];
}
