/**
 * The report as a DOCX download: figures replaced by their table alternatives, then written by
 * `reportDocx`. One place for the headers, so the report page, a saved comparison and a decision
 * record download alike.
 */
import type { Comparison } from './comparison';
import type { ReportDocument } from '../report/document';
import { docxFileName, reportDocx } from '../report/docx';
import { withFigureAlternatives } from '../report/figure-tables';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** `fileStem` names the file (made safe and shortened): the report's title by default. */
export async function docxResponse(report: ReportDocument, comparison: Comparison, fileStem: string = report.title): Promise<Response> {
	const body = await reportDocx(withFigureAlternatives(report, comparison));
	return new Response(new Uint8Array(body), {
		headers: { 'content-type': DOCX_TYPE, 'content-disposition': `attachment; filename="${docxFileName(fileStem)}"` }
	});
}
