/**
 * A report's figures as blocks a renderer without charts can draw (DOCX, plain text): the cash
 * flow and coverage charts become the tables they are drawn from, the maps a sentence per option.
 * The comparison supplies the figures, as it does for the page's charts.
 */
import { formatDistance, formatCount, formatGbp, formatShare } from '../format';
import type { Comparison } from '../server/comparison';
import type { ReportBlock, ReportDocument } from './document';

type Figure = Extract<ReportBlock, { kind: 'figure' }>;

/** The document with each figure block replaced by its table alternative (or a short note). */
export function withFigureAlternatives(document: ReportDocument, comparison: Comparison): ReportDocument {
	return {
		...document,
		sections: document.sections.map((section) => ({
			...section,
			blocks: section.blocks.flatMap((block) => (block.kind === 'figure' ? figureAlternative(block, comparison) : [block]))
		}))
	};
}

function figureAlternative(figure: Figure, c: Comparison): ReportBlock[] {
	const names = c.scenarios.map((s) => s.name);
	if (figure.figure === 'cashFlow') {
		const years = c.cashFlow.series[0]?.map((p) => p.year) ?? [];
		return [
			{
				kind: 'table',
				caption: `${figure.caption} (cumulative discounted cash flow by year, £)`,
				head: ['Year', ...names],
				rows: years.map((year, y) => [{ text: `Year ${year}` }, ...c.cashFlow.series.map((series) => ({ text: formatGbp(series[y]?.cumulativeDiscountedGbp ?? null) }))])
			}
		];
	}
	if (figure.figure === 'coverage') {
		if (!c.coverage) return [{ kind: 'paragraph', text: `${figure.caption}: no option changes anyone's access to a service.` }];
		const chart = c.coverage;
		return [
			{
				kind: 'table',
				caption: `${figure.caption} (share within ${chart.threshold} of a ${chart.serviceName.toLowerCase()})`,
				head: ['Group', ...names],
				rows: chart.bars.map((bar) => [{ text: bar.label }, ...bar.shares.map((share) => ({ text: formatShare(share) }))])
			}
		];
	}
	const service = c.coverage?.serviceName.toLowerCase() ?? 'service';
	return [
		{ kind: 'paragraph', text: `${figure.caption}. The maps are on the web page and in the printed report; in words:` },
		{
			kind: 'list',
			items: c.maps.map((m, i) =>
				m.zonesFurther === 0
					? `${names[i]}: nobody is further from the nearest ${service}.`
					: `${names[i]}: ${formatCount(m.peopleFurther)} people in ${formatCount(m.zonesFurther)} areas are further from the nearest ${service}, by up to ${formatDistance(m.maxIncrease, m.unit)}.`
			)
		}
	];
}
