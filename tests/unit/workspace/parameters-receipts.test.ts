import { describe, expect, it } from 'vitest';
import { defaultParameters } from '$lib/engine';
import { parseFormValues, syncReceiptFields, toFormValues, withoutReopenedReceipts } from '$lib/workspace/parameters-form';

describe('the parameters form when buildings close or reopen', () => {
	const p = defaultParameters();
	p.appraisal.capitalReceiptsGbp = { 'lib-woodsend': 90000 };
	const orgs = ['trafford-council'];

	it('keeps unsaved typing and adds a receipt field for a newly closed building (regression: closing one reset the form)', () => {
		const typing = { ...toFormValues(p, orgs, ['lib-hale']), 'appraisal.discountRate': '0.05', 'appraisal.capitalReceiptsGbp.lib-hale': '250000' };
		const after = syncReceiptFields(typing, p, ['lib-hale', 'lib-woodsend']);
		expect(after['appraisal.discountRate']).toBe('0.05');
		expect(after['appraisal.capitalReceiptsGbp.lib-hale']).toBe('250000');
		// The new field starts from the stored receipt, if there is one.
		expect(after['appraisal.capitalReceiptsGbp.lib-woodsend']).toBe('90000');
		expect(Object.keys(after).sort()).toEqual(Object.keys(toFormValues(p, orgs, ['lib-hale', 'lib-woodsend'])).sort());
		expect(parseFormValues(after, p).parameters.appraisal.discountRate).toBe(0.05);
	});

	it('drops the receipt field of a reopened building (an undone closure) and keeps the rest', () => {
		const typing = { ...toFormValues(p, orgs, ['lib-hale', 'lib-woodsend']), thresholdsM: '2, 4' };
		const after = syncReceiptFields(typing, p, ['lib-woodsend']);
		expect(after).not.toHaveProperty('appraisal.capitalReceiptsGbp.lib-hale');
		expect(after.thresholdsM).toBe('2, 4');
		expect(after['appraisal.capitalReceiptsGbp.lib-woodsend']).toBe('90000');
		const errors = { 'appraisal.capitalReceiptsGbp.lib-hale': 'Enter a number.', thresholdsM: 'Too many.', 'appraisal.agreedShares': 'Add up to 1.' };
		expect(withoutReopenedReceipts(errors, ['lib-woodsend'])).toEqual({ thresholdsM: 'Too many.', 'appraisal.agreedShares': 'Add up to 1.' });
	});

	it('changes nothing when the closed buildings are the same', () => {
		const values = toFormValues(p, orgs, ['lib-hale']);
		expect(syncReceiptFields(values, p, ['lib-hale'])).toEqual(values);
		expect(syncReceiptFields(toFormValues(p, orgs, []), p, [])).toEqual(toFormValues(p, orgs, []));
	});
});
