import { describe, expect, it } from 'vitest';
import { defaultParameters } from '$lib/engine';
import { fieldErrors, fieldId, summaryLinks } from '$lib/components/form-errors';
import { emptyNewSiteForm, parseNewSite, placesByNearness } from '$lib/workspace/new-site';
import { parseFormValues, toFormValues } from '$lib/workspace/parameters-form';

describe('parameters form', () => {
	it('gives back exactly the parameters it was filled from', () => {
		const p = defaultParameters();
		p.appraisal.capitalReceiptsGbp = { 'lib-hale': 250000 };
		const values = toFormValues(p, ['trafford-council'], ['lib-hale']);
		expect(values.thresholdsM).toBe('1, 3');
		expect(values['appraisal.discountRate']).toBe('0.035');
		expect(values['appraisal.capitalReceiptsGbp.lib-hale']).toBe('250000');
		expect(parseFormValues(values, p)).toEqual({ parameters: p, errors: {} });
	});

	it('reports typing mistakes and the engine’s own limits next to each field', () => {
		const p = defaultParameters();
		const values = { ...toFormValues(p, [], []), 'appraisal.discountRate': '-1', thresholdsM: '1, two', 'distance.circuity': '', 'channelShift.baseShare': '1.5' };
		const { errors } = parseFormValues(values, p);
		expect(errors['appraisal.discountRate']).toMatch(/between 0 and 1.*got -1/);
		expect(errors.thresholdsM).toContain('“1, two”');
		expect(errors['distance.circuity']).toBe('Enter a number.');
		expect(errors['channelShift.baseShare']).toMatch(/share between 0 and 1, got 1.5/);
		expect(Object.keys(errors)).toHaveLength(4);
	});

	it('stores thresholds typed in miles as metres', () => {
		const p = defaultParameters();
		const { parameters } = parseFormValues({ ...toFormValues(p, [], []), thresholdsM: '0.5 2' }, p);
		expect(parameters.thresholdsM).toEqual([804.672, 3218.688]);
	});

	it('checks agreed shares add up, and drops a cleared capital receipt', () => {
		const p = defaultParameters();
		p.appraisal.capitalReceiptsGbp = { 'lib-hale': 1000 };
		const values = {
			...toFormValues(p, ['a', 'b'], ['lib-hale']),
			'appraisal.partnerSplit': 'agreed',
			'appraisal.agreedShares.a': '0.5',
			'appraisal.agreedShares.b': '0.4',
			'appraisal.capitalReceiptsGbp.lib-hale': ''
		};
		const { parameters, errors } = parseFormValues(values, p);
		expect(errors['appraisal.agreedShares']).toMatch(/add up to 1/);
		expect(parameters.appraisal.capitalReceiptsGbp).toEqual({});
		values['appraisal.agreedShares.b'] = '0.5';
		expect(parseFormValues(values, p).errors).toEqual({});
	});

	it('accepts a capital receipt written as a pilot cost is, "£60,000"', () => {
		const p = defaultParameters();
		const values = { ...toFormValues(p, [], ['lib-hale']), 'appraisal.capitalReceiptsGbp.lib-hale': '£60,000' };
		const { parameters, errors } = parseFormValues(values, p);
		expect(errors).toEqual({});
		expect(parameters.appraisal.capitalReceiptsGbp).toEqual({ 'lib-hale': 60000 });
	});
});

describe('new site form', () => {
	const filled = { ...emptyNewSiteForm(), name: ' Town Hub ', lon: '-2.31', lat: '53.42', giaM2: '1,200', services: ['library'] };

	it('makes a new site with the given ref', () => {
		expect(parseNewSite(filled, 'new-town-hub')).toEqual({
			site: {
				ref: 'new-town-hub',
				name: 'Town Hub',
				kind: 'community_hub',
				lon: -2.31,
				lat: 53.42,
				giaM2: 1200,
				annualRunningCostGbp: null,
				services: [{ service: 'library', visitsPerWeek: null, spaceM2: null, staffFte: null }]
			},
			errors: {}
		});
	});

	it('refuses an empty form with a message for each field', () => {
		const { site, errors } = parseNewSite(emptyNewSiteForm(), 'x');
		expect(site).toBeNull();
		expect(Object.keys(errors).sort()).toEqual(['lat', 'lon', 'name', 'services']);
	});

	it('refuses a place outside the UK and a floor area of 0', () => {
		const { errors } = parseNewSite({ ...filled, lon: '12', giaM2: '0', annualRunningCostGbp: 'lots' }, 'x');
		expect(errors.lon).toMatch(/Longitude 12 is outside the UK/);
		expect(errors.giaM2).toMatch(/above 0 \(got “0”\)/);
		expect(errors.annualRunningCostGbp).toMatch(/got “lots”/);
	});
});

describe('form errors', () => {
	it('keeps the first message per field and links the summary to the field ids', () => {
		const errors = fieldErrors([
			{ path: 'name', message: 'first' },
			{ path: 'name', message: 'second' },
			{ path: 'appraisal.discountRate', message: 'rate' }
		]);
		expect(errors).toEqual({ name: 'first', 'appraisal.discountRate': 'rate' });
		expect(summaryLinks(errors, 'edit')).toEqual([
			{ href: '#edit-name', message: 'first' },
			{ href: '#edit-appraisal-discountRate', message: 'rate' }
		]);
		expect(fieldId('thresholdsM[0]')).toBe('field-thresholdsM-0');
	});
});

describe('placesByNearness (placing a new site without the map)', () => {
	const places = [
		{ id: 'site:b', label: 'Bowdon Library', lon: -2.365, lat: 53.376 },
		{ id: 'zone:a', label: 'Altrincham centre', lon: -2.35, lat: 53.387 },
		{ id: 'site:s', label: 'Sale Library', lon: -2.318, lat: 53.425 }
	];

	it('lists places alphabetically until the map is clicked', () => {
		expect(placesByNearness(places, null).map((p) => p.id)).toEqual(['zone:a', 'site:b', 'site:s']);
	});

	it('lists the nearest first once a point is clicked, saying how far each is', () => {
		const near = placesByNearness(places, { lon: -2.317, lat: 53.424 });
		expect(near.map((p) => p.id)).toEqual(['site:s', 'zone:a', 'site:b']);
		expect(near[0].label).toMatch(/^Sale Library \(\d+ m away\)$/);
		expect(near[2].label).toMatch(/^Bowdon Library \(\d+\.\d km away\)$/);
		expect(near[0]).toMatchObject({ lon: -2.318, lat: 53.425 });
	});

	it('offers nothing when there is nothing to choose', () => {
		expect(placesByNearness([], { lon: 0, lat: 51 })).toEqual([]);
	});
});
