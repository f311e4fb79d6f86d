/**
 * The cabinet report built from the comparison of today's estate with the three worked examples
 * (Trafford pack): page 1 says what each option saves and costs, who loses reach, which criteria
 * fail and what the author recommends, in plain English with no internal codes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { openTestDb } from '../../support/db';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoWithExamples } from '$lib/server/seed';
import * as scenarios from '$lib/server/scenarios';
import { loadEngineData } from '$lib/server/estate';
import { loadComparison, type Comparison } from '$lib/server/comparison';
import { buildReport } from '$lib/report/build';
import type { ReportDocument } from '$lib/report/document';
import { formatGbp } from '$lib/format';
import { TEST_ACTOR } from '../../support/actor';

/** Every piece of text in the document, so nothing escapes the plain-English checks. */
function allText(doc: ReportDocument): string[] {
	return [
		doc.title,
		doc.subtitle,
		...doc.sections.flatMap((s) => [
			s.title,
			...s.blocks.flatMap((b) => {
				if (b.kind === 'heading' || b.kind === 'paragraph') return [b.text];
				if (b.kind === 'list') return b.items;
				if (b.kind === 'figure') return [b.caption];
				return [b.caption, ...b.head, ...b.rows.flat().map((c) => c.text)];
			})
		])
	];
}

describe('the cabinet report of the worked examples', () => {
	let db: Db;
	let comparison: Comparison;
	let report: ReportDocument;
	const summaryTable = () => {
		const table = report.sections[0].blocks.find((b) => b.kind === 'table');
		if (table?.kind !== 'table') throw new Error('no summary table');
		return table;
	};
	const summaryRow = (heading: string) => {
		const row = summaryTable().rows.find((r) => r[0].text === heading);
		if (!row) throw new Error(`no summary row "${heading}"; rows are ${summaryTable().rows.map((r) => r[0].text).join(', ')}`);
		return row.slice(1).map((c) => c.text);
	};
	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoWithExamples(db, TEST_ACTOR);
		const ids = ['baseline', ...(await scenarios.list(db, P)).filter((s) => !s.isBaseline).map((s) => String(s.id))];
		comparison = await loadComparison(db, P, { linkIds: ids, now: new Date('2026-12-04T10:00:00Z') });
		report = buildReport(comparison, { recommendation: null });
	});

	it('opens with the summary, a column per option, then the recommendation', () => {
		expect(report.sections.map((s) => s.id)).toEqual([
			'summary',
			'recommendation',
			'options',
			'money',
			'access',
			'criteria',
			'equality',
			'pilot',
			'mitigations',
			'visits',
			'assumptions',
			'attribution'
		]);
		expect(summaryTable().head).toEqual(['', 'Today’s estate', 'Option A', 'Option B', 'Option C']);
		expect(report.sections[0].blocks[0]).toEqual({
			kind: 'list',
			items: [
				'Today’s estate (nothing changes)',
				'Option A: Example: shared service centre at Sale Waterside (St Albans-style)',
				'Option B: Example: the Post Office as front office',
				'Option C: Example: hub network in retained buildings (Birmingham-style)'
			]
		});
	});

	it('titles the report by the partnership, not by the scenario names run together', () => {
		expect(report.title).toBe('Service hub options: Trafford public estate partnership (demo)');
		for (const s of comparison.scenarios) expect(report.title).not.toContain(s.name);
		expect(report.subtitle).toBe('3 options compared with today’s estate. Prepared 4 Dec 2026 with Hubplan.');
	});

	it('says what each saves and costs: the README’s worked figures', () => {
		expect(summaryRow('Annual saving, cashable')).toEqual(['£0', '£34,600', '−£10,400', '£242,450']);
		expect(summaryRow('One-off cost')).toEqual(['£0', '£288,200', '£0', '£818,250']);
		expect(summaryRow('Net present value, cashable')).toEqual(['£0 over 10 years', '−£445 over 10 years', '−£86,493 over 10 years', '£1,198,111 over 10 years']);
		expect(summaryRow('Payback, cashable')).toEqual(['No one-off cost', 'Year 9', 'Not within 10 years', 'Year 4']);
		// All running costs in the pack are estimates, so every changed option's money is marked.
		const saving = summaryTable().rows.find((r) => r[0].text === 'Annual saving, cashable')!;
		expect(saving.slice(1).map((c) => Boolean(c.estimated))).toEqual([false, true, true, true]);
	});

	it('says who loses reach, counted zone by zone, and the most affected group', async () => {
		const data = await loadEngineData(db, P);
		// Independent count for option C: residents within 3 miles of probation reporting today and not after.
		const probation = comparison.options[3].access.find((a) => a.service === 'probation_office')!;
		expect(probation.thresholds[1].lost.population).toBe(53225);
		expect(summaryRow('People losing reach')[3]).toBe('53,225 beyond 3 miles of the nearest probation reporting; 2 services lose reach in all');
		expect(summaryRow('People losing reach')[2]).toBe('None');
		expect(summaryRow('Most affected group')[3]).toMatch(/^Sikh: 2\.7% of those losing reach against 0\.8% of residents \(probation reporting, 1 mile\)$/);
		expect(data.zones.length).toBe(139);
	});

	it('says which criteria fail, and which an option makes worse', () => {
		expect(summaryRow('Access criteria')).toEqual(Array(4).fill('Passes 2, fails 2 of 5; 1 cannot be tested'));
		expect(summaryRow('Criteria failed or made worse')[3]).toContain('DWP: everyone within 3 miles or 20 minutes by public transport of a jobcentre (already fails; falls from 90.8% to 85.8%)');
		expect(summaryRow('Criteria failed or made worse').slice(0, 3)).toEqual(['None', 'None', 'None']);
		expect(report.sections[0].blocks).toContainEqual({
			kind: 'paragraph',
			text: 'Today’s estate already fails 2 criteria: Post Office: 99 % of people in deprived urban areas within 1 mile (91.9%); DWP: everyone within 3 miles or 20 minutes by public transport of a jobcentre (90.8%).'
		});
	});

	it('gives the equality flags and which figures rest on estimates', () => {
		expect(summaryRow('Equality flags')[0]).toBe('None');
		expect(summaryRow('Equality flags')[3]).toMatch(/^17 flags for 10 groups: Aged 65\+; Aged 75\+; Asian, Asian British or Asian Welsh and 7 more$/);
		// Car access is counted in households, and says so.
		expect(allText(report)).toContain('Probation reporting: Households with no car or van (1 mile): 1,706 households, 24.3% of those losing reach against 19.3% of households');
		expect(summaryRow('Figures resting on estimates')[0]).toBe('None');
		expect(summaryRow('Figures resting on estimates')[1]).toBe('Money, from estimates for 2 buildings');
	});

	it('shows a clear place for the recommendation, and the author’s words when recorded', () => {
		expect(report.sections[1]).toEqual({ id: 'recommendation', title: 'Recommendation', blocks: [{ kind: 'paragraph', text: 'No recommendation recorded yet.' }] });
		const recommended = buildReport(comparison, {
			recommendation: { text: 'Adopt option C, with mitigations for jobcentre users.', rationale: 'It saves the most and pays back in year 4.', author: 'Director of Place' },
			presented: { date: '2027-01-14' }
		});
		expect(allText(recommended)).toEqual(expect.arrayContaining(['Adopt option C, with mitigations for jobcentre users.', 'It saves the most and pays back in year 4.', 'Recommended by Director of Place.']));
		expect(recommended.subtitle).toBe('3 options compared with today’s estate. As presented to cabinet on 14 Jan 2027. Prepared 4 Dec 2026 with Hubplan.');
	});

	it('states the trade-offs from the numbers only', () => {
		const list = report.sections[0].blocks.find((b) => b.kind === 'list' && b.items[0].startsWith('Option A saves'));
		if (list?.kind !== 'list') throw new Error('no trade-off list');
		const gap = 242450 - 34600;
		expect(list.items).toContain(`Option C saves ${formatGbp(gap)} more a year than option A but leaves 53,225 more people beyond 3 miles of the nearest probation reporting.`);
		expect(list.items).toContain('Option B costs £10,400 a year more than today with no one-off cost and leaves everyone within reach of the services they have today.');
		expect(list.items[0]).toBe('Option A saves £34,600 a year for a one-off cost of £288,200 and leaves 22,935 people beyond 1 mile of the nearest community hub, while 31,532 come newly within 1 mile of one.');
	});

	it('carries the pilot plan and costs, and the mitigations', () => {
		const pilot = report.sections.find((s) => s.id === 'pilot')!;
		const costs = pilot.blocks.find((b) => b.kind === 'table' && b.caption.startsWith('Pilot costs'));
		if (costs?.kind !== 'table') throw new Error('no pilot costs table');
		expect(costs.caption).toBe('Pilot costs (£60,000 in all)');
		expect(costs.rows.flat().map((c) => c.text).join(' ')).toContain('Trafford Partnership (Local Strategic Partnership) £25,000');
		expect(pilot.blocks.some((b) => b.kind === 'table' && b.caption === 'Pilot milestones')).toBe(true);
		expect(allText(report)).toContain('No mitigations recorded yet.');
	});

	it('writes plain English: no codes, enum values, raw thresholds, building refs or issue numbers', async () => {
		const text = allText(report);
		const refs = (await loadEngineData(db, P)).sites.map((s) => s.ref);
		for (const t of text) {
			expect(t, t).not.toMatch(/\d\.\d{3,}/); // 1609.344, 0.035
			expect(t, t).not.toMatch(/\b[a-z]+_[a-z_]+\b/); // floor_area, council_customer_service
			expect(t, t).not.toMatch(/Hubplan issue|as cited in/i);
			expect(t, t).not.toMatch(/\bstraight\b(?! line| or heterosexual)/);
			expect(t, t).not.toMatch(/\b(true|false|null|undefined|NaN)\b/);
			for (const ref of refs) expect(t.includes(ref) && /[a-z]+-[a-z0-9]/.test(ref) ? ref : null, t).toBeNull();
		}
		const assumptions = report.sections.find((s) => s.id === 'assumptions')!.blocks[0];
		if (assumptions.kind !== 'table') throw new Error('no assumptions table');
		const value = (label: string) => assumptions.rows.find((r) => r[0].text === label)?.[1].text;
		expect(value('Access threshold 1')).toBe('1 mile');
		expect(value('Access threshold 2')).toBe('3 miles');
		expect(value('Distance measure')).toBe('Straight line');
		expect(value('How costs and savings are shared between partners')).toBe('In proportion to floor area occupied');
		expect(value('Discount rate')).toBe('3.5%');
		expect(value('Cost per face-to-face contact (£)')).toBe('£8.62');
	});

	it('puts place names from the data on the small maps, inside the map', () => {
		expect(comparison.places.map((p) => p.name)).toEqual(expect.arrayContaining(['Sale', 'Altrincham', 'Stretford', 'Urmston']));
		expect(comparison.places.length).toBeLessThanOrEqual(6);
		for (const p of comparison.places) {
			expect(p.x).toBeGreaterThan(0);
			expect(p.x).toBeLessThan(comparison.outlines.width);
			expect(p.y).toBeGreaterThan(0);
			expect(p.y).toBeLessThan(comparison.outlines.height);
		}
	});
});
