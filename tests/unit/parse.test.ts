import { describe, expect, it } from 'vitest';
import { isInUk, isoDate, parseDate, parseNumber, UK_BOUNDS } from '$lib/parse';
import { formatCount, formatGbp } from '$lib/format';

describe('parseNumber', () => {
	it('reads numbers as people write them', () => {
		expect(parseNumber('60000')).toBe(60000);
		expect(parseNumber('£60,000')).toBe(60000);
		expect(parseNumber(' 1,234.5 ')).toBe(1234.5);
		expect(parseNumber('1 234')).toBe(1234);
		expect(parseNumber('-2.35')).toBe(-2.35);
		expect(parseNumber('.5')).toBe(0.5);
		expect(parseNumber('1.5e3')).toBe(1500);
	});

	it('reads back the negative money and counts Hubplan prints', () => {
		expect(parseNumber(formatGbp(-1234))).toBe(-1234);
		expect(parseNumber(formatCount(-12))).toBe(-12);
		expect(parseNumber('£-10')).toBe(-10);
	});

	it('gives null for blank text and anything that is not a number', () => {
		for (const text of ['', '  ', 'sixty', '1,2,3x', '£', '12..5', '0x10', 'Infinity']) expect(parseNumber(text)).toBeNull();
	});
});

describe('parseDate', () => {
	it('reads yyyy-mm-dd and dd/mm/yyyy as the same calendar date', () => {
		expect(parseDate('2011-10-01')).toBe('2011-10-01');
		expect(parseDate('01/10/2011')).toBe('2011-10-01');
		expect(parseDate(' 1/10/2011 ')).toBe('2011-10-01');
		expect(parseDate('29/02/2024')).toBe('2024-02-29');
	});

	it('refuses days that do not exist and other forms', () => {
		for (const text of ['2011-02-30', '31/04/2026', '29/02/2023', '2011-13-01', '10/01/11', '2011-1-1', 'next spring', ''])
			expect(parseDate(text)).toBeNull();
	});

	it('takes a moment to its UTC calendar date', () => {
		expect(isoDate(new Date('2026-11-25T23:59:00Z'))).toBe('2026-11-25');
	});
});

describe('UK bounds', () => {
	it('holds Trafford and refuses swapped coordinates and Paris', () => {
		expect(isInUk(-2.35, 53.42)).toBe(true);
		expect(isInUk(53.42, -2.35)).toBe(false);
		expect(isInUk(2.35, 48.86)).toBe(false);
		expect(isInUk(UK_BOUNDS.lonMin, UK_BOUNDS.latMax)).toBe(true);
		expect(isInUk(Number.NaN, 53)).toBe(false);
	});
});
