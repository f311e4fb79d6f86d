/**
 * PLACEHOLDER, to be replaced at merge by the cabinet report builder from branch wt-report (same
 * signature). It exists only so decision records, the DOCX and the CLI have a document to work
 * on: the options, the comparison's rows as one table, the recommendation, the assumptions and
 * the attribution. Keep no logic here.
 */
import { ATTRIBUTION_LINES } from '../attribution';
import { formatCell } from '../compare/format';
import { formatDate } from '../format';
import type { Comparison } from '../server/comparison';
import type { ReportDocument } from './document';

export function buildReport(
	comparison: Comparison,
	extras: { recommendation?: { text: string; rationale: string; author: string } | null; presented?: { date: string } | null }
): ReportDocument {
	const names = comparison.scenarios.map((s) => s.name);
	const recommendation = extras.recommendation;
	return {
		title: `Options appraisal: ${names.join(' / ')}`,
		subtitle: extras.presented
			? `As presented to cabinet on ${formatDate(extras.presented.date)}`
			: `Prepared ${formatDate(comparison.generatedAt)} from Hubplan`,
		sections: [
			{ id: 'options', title: 'The options', blocks: [{ kind: 'list', items: comparison.scenarios.map((s) => (s.description ? `${s.name}: ${s.description}` : s.name)) }] },
			...(recommendation
				? [
						{
							id: 'recommendation',
							title: 'Recommendation',
							blocks: [
								{ kind: 'paragraph' as const, text: recommendation.text },
								{ kind: 'paragraph' as const, text: recommendation.rationale },
								{ kind: 'paragraph' as const, text: `Recommended by ${recommendation.author}.` }
							]
						}
					]
				: []),
			{
				id: 'summary',
				title: 'Side by side',
				blocks: [
					{
						kind: 'table',
						caption: 'The options side by side',
						head: ['Measure', ...names],
						rows: comparison.rows.map((r) => [{ text: r.label }, ...r.values.map((v, i) => ({ text: formatCell(r.format, v), estimated: r.estimated[i] }))])
					},
					{ kind: 'figure', figure: 'cashFlow', caption: 'Cumulative discounted cash flow by option' }
				]
			},
			{
				id: 'assumptions',
				title: 'Assumptions and their sources',
				blocks: [
					{
						kind: 'table',
						caption: 'Assumptions',
						head: ['Assumption', ...names, 'Source'],
						rows: comparison.assumptions.map((a) => [{ text: a.label }, ...a.values.map((v) => ({ text: v === null ? '—' : String(v) })), { text: a.source }])
					}
				]
			},
			{ id: 'attribution', title: 'Data sources and attribution', blocks: ATTRIBUTION_LINES.map((text) => ({ kind: 'paragraph' as const, text })) }
		]
	};
}
