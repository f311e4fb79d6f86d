import { describe, expect, it } from 'vitest';
import { FreezeFormSchema, SaveComparisonFormSchema } from '$lib/decisions/form-schema';
import { InputError, parseInput } from '$lib/validation';
import * as recordPage from '../../../src/routes/decisions/records/[id]/+page.server';

const issues = (run: () => unknown) => {
	try {
		run();
	} catch (e) {
		if (e instanceof InputError) return e.issues;
		throw e;
	}
	throw new Error('expected the input to be refused');
};

describe('decision forms', () => {
	it('take the cabinet date as yyyy-mm-dd or dd/mm/yyyy, and refuse a blank or impossible one by name', () => {
		expect(parseInput(FreezeFormSchema, { presentedOn: '14/01/2027' })).toEqual({ presentedOn: '2027-01-14' });
		expect(issues(() => parseInput(FreezeFormSchema, { presentedOn: '' }))).toEqual([{ path: 'presentedOn', message: 'Enter the date it was presented to cabinet.' }]);
		expect(issues(() => parseInput(FreezeFormSchema, { presentedOn: '2027-02-30' }))).toEqual([
			{ path: 'presentedOn', message: '"2027-02-30" is not a real date; write it as yyyy-mm-dd or dd/mm/yyyy, e.g. 2027-01-14' }
		]);
	});

	it('read the options of a save as a list and refuse text over the limits', () => {
		expect(parseInput(SaveComparisonFormSchema, { ids: 'Baseline, 4,7', service: '', title: 't', recommendation: '', rationale: '', author: '' }).ids).toEqual(['baseline', '4', '7']);
		expect(issues(() => parseInput(SaveComparisonFormSchema, { ids: 'baseline,4', title: 'x'.repeat(201) }))).toEqual([
			{ path: 'title', message: 'must be 200 characters or fewer (it has 201)' }
		]);
	});

	it('give a decision record page nothing to post to', () => {
		expect(Object.keys(recordPage)).toEqual(['load']);
	});
});
