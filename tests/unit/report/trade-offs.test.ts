import { describe, expect, it } from 'vitest';
import { serviceInSentence, tradeOffSentences, type TradeOffOption } from '$lib/report/trade-offs';

const today: TradeOffOption = { name: 'Today’s estate', isBaseline: true, annualCashableSavingGbp: 0, oneOffCostGbp: 0, npvCashableGbp: 0, periodYears: 10, lost: [], gained: [], failing: [] };
const option = (name: string, saving: number, oneOff: number, npv: number, lost: TradeOffOption['lost'], failing: string[] = []): TradeOffOption => ({
	name,
	isBaseline: false,
	annualCashableSavingGbp: saving,
	oneOffCostGbp: oneOff,
	npvCashableGbp: npv,
	periodYears: 10,
	lost,
	gained: [],
	failing
});
const lost = (group: TradeOffOption['lost'][number]['group'], people: number) => ({ service: 'Library', threshold: '1 mile', group, people });

describe('trade-off sentences', () => {
	it('sets the extra saving against the group left furthest behind', () => {
		const a = option('Option A', 40000, 100000, 200000, [lost('all', 500), lost('age75', 20)]);
		const b = option('Option B', 90000, 100000, 600000, [lost('all', 900), lost('age75', 350)]);
		expect(tradeOffSentences([today, a, b])).toEqual([
			'Option A saves £40,000 a year for a one-off cost of £100,000 and leaves 500 people beyond 1 mile of the nearest library.',
			'Option B saves £90,000 a year for a one-off cost of £100,000 and leaves 900 people beyond 1 mile of the nearest library.',
			// 400 more people in all is a larger gap than 330 more residents aged 75+, so it is the one named.
			'Option B saves £50,000 more a year than option A but leaves 400 more people beyond 1 mile of the nearest library.'
		]);
	});

	it('names a criterion the cheaper-to-run option fails, and an NPV that points the other way', () => {
		const a = option('Option A', 40000, 50000, 250000, [], []);
		const b = option('Option B', 60000, 400000, 100000, [lost('noCar', 120)], ['Post Office: 90 % of people within 1 mile']);
		expect(tradeOffSentences([a, b])[2]).toBe(
			'Option B saves £20,000 more a year than option A but leaves 120 more households with no car beyond 1 mile of the nearest library, and fails Post Office: 90 % of people within 1 mile, which option A passes, though over 10 years its net present value is £150,000 lower because its one-off cost is £350,000 higher.'
		);
	});

	it('says when options save about the same, and when no one loses reach', () => {
		const a = option('Option A', 10000, 0, 80000, []);
		const b = option('Option B', 10200, 0, 81000, [lost('all', 30)]);
		const sentences = tradeOffSentences([a, b]);
		expect(sentences[0]).toBe('Option A saves £10,000 a year with no one-off cost and leaves everyone within reach of the services they have today.');
		expect(sentences[2]).toBe('Option A and option B save about the same a year; option B leaves 30 more people beyond 1 mile of the nearest library.');
	});

	it('has nothing to trade off with only today’s estate, or nothing at all', () => {
		expect(tradeOffSentences([today])).toEqual([]);
		expect(tradeOffSentences([])).toEqual([]);
	});

	it('keeps proper names as they are inside a sentence', () => {
		expect(serviceInSentence('Library')).toBe('library');
		expect(serviceInSentence('Post office counter')).toBe('post office counter');
		expect(serviceInSentence('Jobcentre Plus')).toBe('Jobcentre Plus');
		expect(serviceInSentence('GP practice')).toBe('GP practice');
	});
});
