import { describe, expect, it } from 'vitest';
import { labelledTicks, timeline, TICK_LABEL_WIDTH_PX } from '../../../src/routes/scenarios/[id]/pilot/timeline';

const twoYears = timeline([{ startDate: '2027-01-10', endDate: '2028-12-20' }], '2027-03-01')!;

describe('timeline month labels', () => {
	// Issue 13: at 390 px the pilot timeline's month labels piled up on one another.
	it('labels only months at least a label apart on a narrow axis, each within the axis', () => {
		const widthPx = 300;
		const shown = labelledTicks(twoYears.ticks, widthPx);
		expect(shown.length).toBeGreaterThan(1);
		expect(shown.length).toBeLessThan(twoYears.ticks.length);
		const lefts = shown.map((t) => (t.leftPct / 100) * widthPx);
		for (let i = 1; i < lefts.length; i++) {
			expect(lefts[i] - lefts[i - 1]).toBeGreaterThanOrEqual(TICK_LABEL_WIDTH_PX);
			expect(lefts[i] + TICK_LABEL_WIDTH_PX).toBeLessThanOrEqual(widthPx);
		}
	});

	it('gives the year on the first label and wherever the year changes, even when January is skipped', () => {
		const shown = labelledTicks(twoYears.ticks, 300);
		expect(shown[0].label).toBe('Jan 2027');
		const withYear = shown.filter((t) => /\d{4}/.test(t.label)).map((t) => t.label.slice(-4));
		expect(withYear).toEqual(['2027', '2028']);
	});

	it('labels every month on a wide axis, and before the axis is measured', () => {
		expect(labelledTicks(twoYears.ticks, 24 * 200).map((t) => t.label)).toEqual(twoYears.ticks.map((t) => t.label));
		expect(labelledTicks(twoYears.ticks, null)).toHaveLength(twoYears.ticks.length);
		expect(labelledTicks([], 300)).toEqual([]);
	});
});
