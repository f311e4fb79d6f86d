/**
 * The cabinet report, written from a comparison: page 1 is the executive summary (a column per
 * option: money, who loses, criteria, equality flags, what rests on estimates), then the author's
 * recommendation, the trade-offs in sentences, and the details a reader checks them against.
 * Every word and number is final here; the page, the DOCX and the JSON only lay it out. Pure.
 */
import type { Comparison, ComparisonRow, OptionDetails } from '../server/comparison';
import type { CriterionResult, EqualityFigure, GroupKey } from '../engine/types';
import { ATTRIBUTION_LINES } from '../attribution';
import { criterionCell, criterionTarget, describeFlag, flaggedGroups } from '../equality/view';
import { formatCount, formatDate, formatGbp, formatShare } from '../format';
import type { ReportBlock, ReportCell, ReportDocument, ReportSection } from './document';
import { formatValue, indicatorShortLabel } from './indicators';
import { serviceInSentence, tradeOffSentences, type TradeOffOption } from './trade-offs';

export interface ReportExtras {
	recommendation?: { text: string; rationale: string; author: string } | null;
	presented?: { date: string } | null;
}

/** Section ids, stable for links, tests and the renderers. */
export const REPORT_SECTIONS = {
	summary: 'summary',
	recommendation: 'recommendation',
	options: 'options',
	money: 'money',
	access: 'access',
	criteria: 'criteria',
	equality: 'equality',
	pilot: 'pilot',
	mitigations: 'mitigations',
	visits: 'visits',
	assumptions: 'assumptions',
	attribution: 'attribution'
} as const;

/**
 * The report as a document tree.
 *
 * @example buildReport(comparison, { recommendation: null }).sections[0].id // 'summary'
 */
export function buildReport(comparison: Comparison, extras: ReportExtras = {}): ReportDocument {
	const names = optionNames(comparison);
	const view = { comparison, names };
	return {
		title: `Service hub options: ${comparison.partnershipName}`,
		subtitle: subtitle(comparison, extras),
		sections: [
			summarySection(view),
			recommendationSection(extras.recommendation ?? null),
			optionsSection(view),
			rowsSection(view, REPORT_SECTIONS.money, 'Costs and savings', ['Costs and savings', 'By partner'], [{ kind: 'figure', figure: 'cashFlow', caption: 'Cumulative discounted cash flow of each option' }]),
			accessSection(view),
			criteriaSection(view),
			equalitySection(view),
			pilotSection(view),
			mitigationsSection(view),
			rowsSection(view, REPORT_SECTIONS.visits, 'Visits and hubs', ['Visits (per week)', 'Hubs'], warningsBlocks(view)),
			assumptionsSection(view),
			{ id: REPORT_SECTIONS.attribution, title: 'Appendix B: data sources and attribution', blocks: [{ kind: 'list', items: [...ATTRIBUTION_LINES] }] }
		]
	};
}

interface View {
	comparison: Comparison;
	/** Each scenario as the report names it: "Today's estate", "Option A: …". */
	names: { short: string; full: string }[];
}

/** Today's estate keeps its name; the others become Option A, B, C, so sentences stay short. */
function optionNames(c: Comparison): View['names'] {
	let letter = 0;
	return c.scenarios.map((s) => {
		if (s.isBaseline) return { short: 'Today’s estate', full: 'Today’s estate (nothing changes)' };
		const short = `Option ${String.fromCharCode(65 + letter++)}`;
		return { short, full: `${short}: ${s.name}` };
	});
}

function subtitle(c: Comparison, extras: ReportExtras): string {
	const options = c.scenarios.filter((s) => !s.isBaseline).length;
	const compared = `${options} option${options === 1 ? '' : 's'} compared with today’s estate`;
	const prepared = `Prepared ${formatDate(c.generatedAt)} with Hubplan`;
	return extras.presented ? `${compared}. As presented to cabinet on ${formatDate(extras.presented.date)}. ${prepared}.` : `${compared}. ${prepared}.`;
}

// ---------------------------------------------------------------------------------------------
// Page 1

function summarySection(view: View): ReportSection {
	const { comparison: c, names } = view;
	const row = (key: string) => c.rows.find((r) => r.key === key);
	const moneyCells = (key: string, write: (v: number | string | null, i: number) => string) => {
		const r = row(key);
		return c.scenarios.map((_, i): ReportCell => ({ text: r ? write(r.values[i], i) : '—', estimated: r?.estimated[i] || undefined }));
	};
	const years = (i: number) => Number(row('parameters.periodYears')?.values[i] ?? 10);
	const oneOff = (i: number) => Number(row('appraisal.oneOff.totalGbp')?.values[i] ?? 0);
	const rows: ReportCell[][] = [
		[{ text: indicatorShortLabel('annualCashableSaving') }, ...moneyCells('appraisal.annualCashableSavingGbp', (v) => formatValue('gbp', v))],
		[{ text: indicatorShortLabel('oneOffCost') }, ...moneyCells('appraisal.oneOff.totalGbp', (v) => formatValue('gbp', v))],
		[{ text: 'Net present value, cashable' }, ...moneyCells('appraisal.npvCashableGbp', (v, i) => `${formatValue('gbp', v)} over ${years(i)} years`)],
		[{ text: indicatorShortLabel('paybackYearCashable') }, ...moneyCells('appraisal.paybackYearCashable', (v, i) => paybackWords(v, years(i), oneOff(i)))],
		[{ text: 'People losing reach' }, ...c.options.map(peopleLosingCell)],
		[{ text: 'Most affected group' }, ...c.options.map((o) => mostAffectedCell(o, view))],
		[{ text: 'Access criteria' }, ...c.options.map((o) => criteriaCountCell(o.criteria))],
		[{ text: 'Criteria failed or made worse' }, ...c.options.map((o) => worseCriteriaCell(o.criteria))],
		[{ text: 'Equality flags' }, ...c.options.map(flagsCell)],
		[{ text: 'Figures resting on estimates' }, ...c.options.map(estimatesCell)]
	];
	const trade = tradeOffSentences(c.scenarios.map((s, i) => tradeOffOption(view, i)));
	return {
		id: REPORT_SECTIONS.summary,
		title: 'Summary',
		blocks: [
			{ kind: 'list', items: names.map((n) => n.full) },
			{ kind: 'table', caption: 'The options at a glance', head: ['', ...names.map((n) => n.short)], rows },
			...failingToday(c),
			{
				kind: 'paragraph',
				text: 'Savings are a year at full effect, in today’s prices; cashable savings are money that leaves budgets (running costs, rent, fees). “Losing reach” counts residents whose nearest building offering a service is further than the distance shown, zone by zone. Figures marked estimated rest on estimated floor areas, running costs or visits.'
			},
			{ kind: 'heading', level: 3, text: 'The trade-offs' },
			trade.length ? { kind: 'list', items: trade } : { kind: 'paragraph', text: 'Only today’s estate is in this comparison, so there is nothing to trade off.' }
		]
	};
}

/** The largest loss of reach: people beyond a distance of a service, and how many services lose reach. */
function peopleLosingCell(o: OptionDetails): ReportCell {
	const losses = o.access.flatMap((a) => a.thresholds.map((t, i) => ({ service: a.serviceName, threshold: a.thresholdLabels[i], people: t.lost.population })));
	const worst = losses.reduce<(typeof losses)[number] | null>((best, x) => (x.people > (best?.people ?? 0) ? x : best), null);
	if (!worst) return { text: 'None', tone: 'good' };
	const services = new Set(losses.filter((l) => l.people > 0).map((l) => l.service)).size;
	const others = services > 1 ? `; ${services} services lose reach in all` : '';
	return { text: `${formatCount(worst.people)} beyond ${worst.threshold} of the nearest ${serviceInSentence(worst.service)}${others}`, tone: 'bad' };
}

/** The group whose share of those losing reach most exceeds its share of residents, flagged or not. */
function mostAffectedCell(o: OptionDetails, view: View): ReportCell {
	const candidates = o.equality.flatMap((f) => f.lost.filter((l) => l.people >= 1 && l.shareOfPopulation > 0).map((l) => ({ f, l, ratio: l.shareOfLost / l.shareOfPopulation })));
	const top = candidates.reduce<(typeof candidates)[number] | null>((best, x) => (!best || x.ratio > best.ratio ? x : best), null);
	if (!top) return { text: 'No one loses reach' };
	const { f, l } = top;
	return {
		text: `${f.groupLabel}: ${formatShare(l.shareOfLost)} of those losing reach against ${formatShare(l.shareOfPopulation)} of ${f.unit === 'households' ? 'households' : 'residents'} (${serviceInSentence(serviceName(view, f.service))}, ${l.thresholdLabel})`,
		tone: l.disproportionate ? 'flag' : undefined
	};
}

/** "Passes 2, fails 2 of 5; 1 cannot be tested". */
function criteriaCountCell(criteria: CriterionResult[]): ReportCell {
	const passed = criteria.filter((c) => c.passAfter === true).length;
	const failed = criteria.filter((c) => c.passAfter === false).length;
	const untested = criteria.length - passed - failed;
	return { text: `Passes ${passed}, fails ${failed} of ${criteria.length}${untested ? `; ${untested} cannot be tested` : ''}` };
}

/** Criteria met today that the option would fail, and failing ones it moves further from their target. */
function worseCriteriaCell(criteria: CriterionResult[]): ReportCell {
	const worse = criteria.flatMap((c) => {
		if (c.passBefore === true && c.passAfter === false) return [`${c.name} (newly fails: ${formatShare(c.after)})`];
		// A tenth of a percentage point is the precision shown.
		if (c.passAfter === false && c.before !== null && c.after !== null && c.before - c.after >= 0.0005)
			return [`${c.name} (already fails; falls from ${formatShare(c.before)} to ${formatShare(c.after)})`];
		return [];
	});
	return worse.length ? { text: worse.join('; '), tone: 'bad' } : { text: 'None' };
}

/** Criteria today's estate already fails, named once under the table rather than in every column. */
function failingToday(c: Comparison): ReportBlock[] {
	const failing = (c.options[0]?.criteria ?? []).filter((x) => x.passBefore === false);
	if (!failing.length) return [];
	return [{ kind: 'paragraph', text: `Today’s estate already fails ${failing.length === 1 ? 'one criterion' : `${failing.length} criteria`}: ${failing.map((x) => `${x.name} (${formatShare(x.before)})`).join('; ')}.` }];
}

function paybackWords(year: number | string | null, periodYears: number, oneOffGbp: number): string {
	if (year === null) return `Not within ${periodYears} years`;
	return oneOffGbp === 0 && Number(year) === 0 ? 'No one-off cost' : `Year ${year}`;
}

function flagsCell(o: OptionDetails): ReportCell {
	const flags = flaggedGroups(o.equality);
	if (!flags.length) return { text: 'None' };
	const groups = [...new Set(flags.map((f) => f.label))];
	const shown = groups.slice(0, 3).join('; ');
	return { text: `${flags.length} flag${flags.length === 1 ? '' : 's'} for ${groups.length} group${groups.length === 1 ? '' : 's'}: ${shown}${groups.length > 3 ? ` and ${groups.length - 3} more` : ''}`, tone: 'flag' };
}

/** Which figures rest on estimates, counted in buildings; the options section names them. */
function estimatesCell(o: OptionDetails): ReportCell {
	const buildings = (n: number) => `${n} building${n === 1 ? '' : 's'}`;
	const parts = [
		o.estimatedBuildings.money ? `money, from estimates for ${buildings(o.estimatedBuildings.money)}` : '',
		o.estimatedBuildings.visits ? `visits, from estimates for ${buildings(o.estimatedBuildings.visits)}` : ''
	].filter(Boolean);
	return parts.length ? { text: capitalise(parts.join('; ')), estimated: true } : { text: 'None' };
}

function tradeOffOption(view: View, i: number): TradeOffOption {
	const { comparison: c, names } = view;
	const value = (key: string) => Number(c.rows.find((r) => r.key === key)?.values[i] ?? 0);
	const o = c.options[i];
	return {
		name: names[i].short,
		isBaseline: c.scenarios[i].isBaseline,
		annualCashableSavingGbp: value('appraisal.annualCashableSavingGbp'),
		oneOffCostGbp: value('appraisal.oneOff.totalGbp'),
		npvCashableGbp: value('appraisal.npvCashableGbp'),
		periodYears: value('parameters.periodYears'),
		lost: o.access.flatMap((a) =>
			a.thresholds.flatMap((t, k) => [
				{ service: a.serviceName, threshold: a.thresholdLabels[k], group: 'all' as const, people: t.lost.population },
				...Object.entries(t.lost.groups).map(([group, people]) => ({ service: a.serviceName, threshold: a.thresholdLabels[k], group: group as GroupKey, people: people ?? 0 }))
			])
		),
		gained: o.access.flatMap((a) => a.thresholds.map((t, k) => ({ service: a.serviceName, threshold: a.thresholdLabels[k], people: t.gained.population }))),
		failing: o.criteria.filter((x) => x.passAfter === false).map((x) => x.name)
	};
}

// ---------------------------------------------------------------------------------------------
// The author's recommendation

function recommendationSection(recommendation: ReportExtras['recommendation'] | null): ReportSection {
	const blocks: ReportBlock[] = recommendation
		? [
				{ kind: 'paragraph', text: recommendation.text },
				{ kind: 'heading', level: 3, text: 'Why' },
				{ kind: 'paragraph', text: recommendation.rationale },
				{ kind: 'paragraph', text: `Recommended by ${recommendation.author}.` }
			]
		: [{ kind: 'paragraph', text: 'No recommendation recorded yet.' }];
	return { id: REPORT_SECTIONS.recommendation, title: 'Recommendation', blocks };
}

// ---------------------------------------------------------------------------------------------
// Details

function optionsSection({ comparison: c, names }: View): ReportSection {
	const blocks: ReportBlock[] = [];
	c.scenarios.forEach((s, i) => {
		if (s.isBaseline) return;
		blocks.push({ kind: 'heading', level: 3, text: names[i].full });
		if (s.description) blocks.push({ kind: 'paragraph', text: s.description });
		const { changes, restsOn } = c.options[i];
		blocks.push(changes.length ? { kind: 'list', items: changes } : { kind: 'paragraph', text: 'No changes yet: this option is today’s estate.' });
		const rests = [restsOn.money && `Its money figures rest on ${restsOn.money}.`, restsOn.visits && `Its visit figures rest on ${restsOn.visits}.`].filter(Boolean).join(' ');
		if (rests) blocks.push({ kind: 'paragraph', text: rests });
	});
	if (!blocks.length) blocks.push({ kind: 'paragraph', text: 'Only today’s estate is in this comparison.' });
	return { id: REPORT_SECTIONS.options, title: 'The options', blocks };
}

/** A table of the comparison's rows in the given sections, one column per option. */
function rowsTable(view: View, caption: string, rows: ComparisonRow[]): ReportBlock {
	return {
		kind: 'table',
		caption,
		head: ['', ...view.names.map((n) => n.short)],
		rows: rows.map((r) => [
			{ text: r.label },
			...r.values.map((v, i): ReportCell => ({ text: formatValue(r.unit, v), estimated: (r.estimated[i] && v !== null) || undefined }))
		])
	};
}

function rowsSection(view: View, id: string, title: string, sections: string[], after: ReportBlock[] = []): ReportSection {
	const blocks = sections.flatMap((section) => {
		const rows = view.comparison.rows.filter((r) => r.section === section);
		// A caption that repeats the section's title would give two landmarks one name.
		return rows.length ? [rowsTable(view, section === title ? `${section} of each option` : section, rows)] : [];
	});
	return { id, title, blocks: [...blocks, ...after] };
}

function accessSection(view: View): ReportSection {
	const { comparison: c } = view;
	const blocks: ReportBlock[] = [];
	if (!c.affectedServices.length) blocks.push({ kind: 'paragraph', text: 'No option changes anyone’s nearest building for any service.' });
	for (const service of c.affectedServices) {
		const section = `Access: ${service.name}`;
		// Rows where nobody in any option loses or gains reach say nothing; the headline row stays.
		const rows = c.rows.filter((r) => r.section === section && (r.indicator !== 'accessLost' || !r.context.group || r.values.some((v) => typeof v === 'number' && v >= 0.5)));
		blocks.push(rowsTable(view, `${service.name}: people losing and gaining reach`, rows));
	}
	if (c.coverage) {
		blocks.push({ kind: 'figure', figure: 'coverage', caption: `Share of people within ${c.coverage.threshold} of the nearest ${serviceInSentence(c.coverage.serviceName)}, by group` });
		blocks.push({ kind: 'figure', figure: 'maps', caption: `Change in distance to the nearest ${serviceInSentence(c.coverage.serviceName)}` });
	}
	return { id: REPORT_SECTIONS.access, title: 'Access to services', blocks };
}

function criteriaSection({ comparison: c, names }: View): ReportSection {
	const list = c.options[0]?.criteria ?? [];
	const changed = c.scenarios.map((_, i) => i).filter((i) => !c.scenarios[i].isBaseline);
	const rows = list.map((criterion): ReportCell[] => {
		const today = c.options[0].criteria.find((x) => x.id === criterion.id)!;
		return [
			{ text: criterion.name },
			{ text: criterionTarget(criterion) },
			verdictCell(today.before, today.passBefore),
			...changed.map((i) => {
				const x = c.options[i].criteria.find((y) => y.id === criterion.id);
				return x ? verdictCell(x.after, x.passAfter) : { text: '—' };
			})
		];
	});
	return {
		id: REPORT_SECTIONS.criteria,
		title: 'Access criteria',
		blocks: [
			{ kind: 'table', caption: 'Share of people within reach, and whether each criterion is met', head: ['Criterion', 'Needs', 'Today', ...changed.map((i) => names[i].short)], rows },
			{ kind: 'list', items: [...list.map((x) => `${x.name}: ${x.source}.${x.note ? ` ${x.note}` : ''}`), 'Distances are measured in a straight line, as the Post Office measures its criteria.'] }
		]
	};
}

function verdictCell(share: number | null, pass: boolean | null): ReportCell {
	return { text: criterionCell(share, pass), tone: pass === null ? undefined : pass ? 'good' : 'bad' };
}

function equalitySection(view: View): ReportSection {
	const { comparison: c, names } = view;
	const blocks: ReportBlock[] = [{ kind: 'paragraph', text: c.options[0]?.equalityRule ?? '' }];
	const changed = c.scenarios.map((_, i) => i).filter((i) => !c.scenarios[i].isBaseline);
	for (const i of changed) {
		const flags = flaggedGroups(c.options[i].equality);
		blocks.push({ kind: 'heading', level: 3, text: names[i].full });
		blocks.push(
			flags.length
				? { kind: 'list', items: flags.map((f) => `${serviceName(view, f.service)}: ${describeFlag(f)}`) }
				: { kind: 'paragraph', text: 'No group is disproportionately affected.' }
		);
	}
	// One table per service: every group that loses reach in some option, at each distance with a loss.
	for (const service of c.affectedServices) {
		const figures = changed.map((i) => c.options[i].equality.filter((f) => f.service === service.code));
		const thresholds = figures.flat()[0]?.lost.map((l) => l.thresholdLabel) ?? [];
		thresholds.forEach((threshold, t) => {
			const groups = uniqueGroups(figures.flat().filter((f) => (f.lost[t]?.people ?? 0) >= 1));
			if (!groups.length) return;
			blocks.push({
				kind: 'table',
				caption: `${service.name}: people no longer within ${threshold}, by group (share of those losing reach against share of residents)`,
				head: ['Group', ...changed.map((i) => names[i].short)],
				rows: groups.map((g) => [
					{ text: g.label },
					...figures.map((list): ReportCell => {
						const l = list.find((f) => f.characteristic === g.characteristic && f.group === g.group)?.lost[t];
						if (!l || l.people < 1) return { text: '—' };
						return {
							text: `${formatCount(l.people)} (${formatShare(l.shareOfLost)} against ${formatShare(l.shareOfPopulation)})${l.disproportionate ? ', disproportionate' : ''}`,
							tone: l.disproportionate ? 'flag' : undefined
						};
					})
				])
			});
		});
	}
	const gaps = c.options[0]?.equalityGaps ?? [];
	if (gaps.length) {
		blocks.push({ kind: 'heading', level: 3, text: 'Not counted' });
		blocks.push({ kind: 'list', items: gaps.map((g) => `${g.label}: ${g.reason}`) });
	}
	return { id: REPORT_SECTIONS.equality, title: 'Equality impact', blocks };
}

function uniqueGroups(figures: EqualityFigure[]): { characteristic: string; group: string; label: string }[] {
	const seen = new Map<string, { characteristic: string; group: string; label: string }>();
	for (const f of figures) {
		const label = f.unit === 'households' ? `${f.groupLabel} (households)` : f.groupLabel;
		seen.set(`${f.characteristic}.${f.group}`, { characteristic: f.characteristic, group: f.group, label: `${f.characteristicLabel}: ${label}` });
	}
	return [...seen.values()];
}

function pilotSection({ comparison: c, names }: View): ReportSection {
	const blocks: ReportBlock[] = [];
	c.scenarios.forEach((s, i) => {
		if (s.isBaseline) return;
		const o = c.options[i];
		blocks.push({ kind: 'heading', level: 3, text: names[i].full });
		if (!o.pilotCosts.length && !o.milestones.length) {
			blocks.push({ kind: 'paragraph', text: 'No pilot plan or pilot costs recorded.' });
			return;
		}
		if (o.pilotCosts.length) {
			const total = o.pilotCosts.reduce((sum, x) => sum + x.amountGbp, 0);
			blocks.push({
				kind: 'table',
				caption: `Pilot costs (${formatGbp(total)} in all)`,
				head: ['Cost', 'When', 'Amount', 'Who pays'],
				rows: o.pilotCosts.map((x) => [
					{ text: x.label },
					{ text: x.kind === 'one_off' ? 'Once' : 'Every year' },
					{ text: formatGbp(x.amountGbp, { pence: true }) },
					{ text: x.contributions.map((p) => `${p.partner} ${formatGbp(p.amountGbp, { pence: true })}`).join('; ') || 'Not split' }
				])
			});
		}
		if (o.milestones.length) {
			blocks.push({
				kind: 'table',
				caption: 'Pilot milestones',
				head: ['Milestone', 'Owner', 'From', 'To', 'Status'],
				rows: o.milestones.map((m) => [{ text: m.title }, { text: m.owner || '—' }, { text: formatDate(m.startDate) }, { text: formatDate(m.endDate) }, { text: m.status }])
			});
		}
	});
	return { id: REPORT_SECTIONS.pilot, title: 'Pilot plans and costs', blocks };
}

function mitigationsSection({ comparison: c, names }: View): ReportSection {
	const blocks: ReportBlock[] = [];
	c.scenarios.forEach((s, i) => {
		if (s.isBaseline) return;
		const list = c.options[i].mitigations;
		blocks.push({ kind: 'heading', level: 3, text: names[i].full });
		blocks.push(
			list.length
				? { kind: 'list', items: list.map((m) => `${m.action}. Owner: ${m.owner}. For: ${m.forWhom}.`) }
				: { kind: 'paragraph', text: 'No mitigations recorded yet.' }
		);
	});
	return { id: REPORT_SECTIONS.mitigations, title: 'Mitigations', blocks };
}

function warningsBlocks({ comparison: c, names }: View): ReportBlock[] {
	const items = c.options.flatMap((o, i) => o.warnings.map((w) => `${names[i].short}: ${w}`));
	return items.length ? [{ kind: 'heading', level: 3, text: 'Things to know' }, { kind: 'list', items }] : [];
}

function assumptionsSection({ comparison: c, names }: View): ReportSection {
	const differ = c.assumptions.some((a) => a.shown.some((v) => v !== a.shown[0]));
	return {
		id: REPORT_SECTIONS.assumptions,
		title: 'Appendix A: assumptions and their sources',
		blocks: [
			{
				kind: 'table',
				caption: 'Assumptions behind the figures',
				head: ['Assumption', ...(differ ? names.map((n) => n.short) : ['Value']), 'Source'],
				rows: c.assumptions.map((a) => [{ text: a.label }, ...(differ ? a.shown : a.shown.slice(0, 1)).map((v) => ({ text: v ?? '—' })), { text: a.source }])
			}
		]
	};
}

function serviceName(view: View, code: string): string {
	return view.comparison.affectedServices.find((s) => s.code === code)?.name ?? 'a service';
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

