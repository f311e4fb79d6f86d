import { describe, expect, it } from 'vitest';
import {
	formatCount,
	formatCoverageThreshold,
	formatDate,
	formatDateTime,
	formatDistance,
	formatGbp,
	formatMonth,
	formatNumber,
	formatPercent,
	formatShare,
	formatThreshold
} from '$lib/format';
import { METRES_PER_MILE } from '$lib/engine';

describe('money', () => {
	it('writes whole pounds with separators and the typographic minus', () => {
		expect(formatGbp(60000)).toBe('£60,000');
		expect(formatGbp(894115.97)).toBe('£894,116');
		expect(formatGbp(-1234)).toBe('−£1,234');
		expect(formatGbp(-1234.5)).toBe('−£1,235');
		expect(formatGbp(0)).toBe('£0');
	});

	it('never shows minus zero when a small loss rounds away', () => {
		expect(formatGbp(-0.4)).toBe('£0');
		expect(formatCount(-0.2)).toBe('0');
	});

	it('shows pence only when asked and only when there are some', () => {
		expect(formatGbp(250.5, { pence: true })).toBe('£250.50');
		expect(formatGbp(-1234.5, { pence: true })).toBe('−£1,234.50');
		expect(formatGbp(60000, { pence: true })).toBe('£60,000');
	});

	it('shows a missing figure as an em dash', () => {
		expect(formatGbp(null)).toBe('—');
		expect(formatCount(undefined)).toBe('—');
		expect(formatPercent(null)).toBe('—');
		expect(formatShare(undefined)).toBe('—');
		expect(formatDistance(null, 'm')).toBe('—');
	});
});

describe('counts, numbers and percentages', () => {
	it('rounds counts and keeps separators', () => {
		expect(formatCount(1436.79)).toBe('1,437');
		expect(formatCount(-12)).toBe('−12');
		expect(formatNumber(12.3456)).toBe('12.35');
		expect(formatNumber(4000)).toBe('4,000');
	});

	it('writes percentages and shares the same way, "20.5%"', () => {
		expect(formatPercent(20.46)).toBe('20.5%');
		expect(formatShare(0.2046)).toBe('20.5%');
		expect(formatShare(7 / 12, 0)).toBe('58%');
		expect(formatShare(-0.05)).toBe('−5.0%');
	});
});

describe('thresholds and distances', () => {
	it('names whole miles as miles', () => {
		expect(formatThreshold(METRES_PER_MILE, 'm')).toBe('1 mile');
		expect(formatThreshold(3 * METRES_PER_MILE, 'm')).toBe('3 miles');
		expect(formatThreshold(4828.032, 'm')).toBe('3 miles');
	});

	it('gives other distances as km to one decimal, or metres below 1 km', () => {
		expect(formatThreshold(1.5 * METRES_PER_MILE, 'm')).toBe('2.4 km');
		expect(formatThreshold(2500, 'm')).toBe('2.5 km');
		expect(formatThreshold(12000, 'm')).toBe('12 km');
		expect(formatThreshold(800, 'm')).toBe('800 m');
		expect(formatThreshold(0.5 * METRES_PER_MILE, 'm')).toBe('805 m');
	});

	it('gives travel-time thresholds in minutes', () => {
		expect(formatThreshold(15, 'min')).toBe('15 min');
		expect(formatCoverageThreshold({ thresholdMin: 15 })).toBe('15 min');
		expect(formatCoverageThreshold({ thresholdM: METRES_PER_MILE })).toBe('1 mile');
	});

	it('writes measured trips in whole units', () => {
		expect(formatDistance(1234.4, 'm')).toBe('1,234 m');
		expect(formatDistance(12, 'min')).toBe('12 min');
	});
});

describe('dates', () => {
	it('writes a calendar date as "1 Oct 2011" whatever the local time zone', () => {
		expect(formatDate('2011-10-01')).toBe('1 Oct 2011');
		expect(formatDate('2026-11-25T23:59:00Z')).toBe('25 Nov 2026');
		expect(formatMonth(new Date(Date.UTC(2011, 9, 1)))).toBe('Oct 2011');
		expect(formatMonth(new Date(Date.UTC(2011, 9, 1)), false)).toBe('Oct');
	});

	it('shows stored timestamps in UTC, and passes through what is not one', () => {
		expect(formatDateTime('2026-11-25T23:04:59.123Z')).toBe('25 Nov 2026, 23:04 UTC');
		expect(formatDateTime('not a date')).toBe('not a date');
		expect(formatDate('not a date')).toBe('not a date');
	});
});
