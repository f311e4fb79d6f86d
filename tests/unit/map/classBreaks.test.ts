import { describe, expect, it } from 'vitest';
import { classIndex, classesFromBreaks, quantileBreaks } from '../../../src/lib/map/classBreaks';

describe('quantileBreaks', () => {
	it('gives the type-7 quantiles as upper bounds', () => {
		expect(quantileBreaks([1, 2, 3, 4], 2)).toEqual([2.5, 4]);
		expect(quantileBreaks([10, 20, 30, 40, 50], 5)).toEqual([18, 26, 34, 42, 50]);
	});

	it('merges repeated bounds so no class is empty', () => {
		expect(quantileBreaks([5, 5, 5, 5, 9], 4)).toEqual([5, 9]);
	});

	it('ignores missing values and returns nothing for no data', () => {
		expect(quantileBreaks([NaN, 3, Infinity, 1], 2)).toEqual([2, 3]);
		expect(quantileBreaks([], 5)).toEqual([]);
	});

	it('rejects a class count that is not a positive whole number, naming it', () => {
		expect(() => quantileBreaks([1], 0)).toThrow('got 0');
		expect(() => quantileBreaks([1], 2.5)).toThrow('got 2.5');
	});
});

describe('classIndex', () => {
	const uppers = [10, 20, 30];
	it('puts a value in the first class whose upper bound reaches it', () => {
		expect(classIndex(10, uppers)).toBe(0);
		expect(classIndex(10.01, uppers)).toBe(1);
		expect(classIndex(30, uppers)).toBe(2);
	});
	it('clamps values beyond the last bound into the last class', () => {
		expect(classIndex(99, uppers)).toBe(2);
	});
	it('returns -1 for a missing value', () => {
		expect(classIndex(null, uppers)).toBe(-1);
		expect(classIndex(NaN, uppers)).toBe(-1);
		expect(classIndex(5, [])).toBe(-1);
	});
});

describe('classesFromBreaks', () => {
	it('labels classes from the minimum to each upper bound and samples the palette ends', () => {
		const classes = classesFromBreaks([1, 5, 9], [5, 9], ['a', 'b', 'c'], String);
		expect(classes).toEqual([
			{ lower: 1, upper: 5, colour: 'a', label: '1 – 5' },
			{ lower: 5, upper: 9, colour: 'c', label: '5 – 9' }
		]);
	});
	it('refuses more classes than colours', () => {
		expect(() => classesFromBreaks([1, 2], [1, 2], ['a'], String)).toThrow('2 classes need at least 2 colours, got 1');
	});
});
