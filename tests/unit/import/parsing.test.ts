import { describe, expect, it } from 'vitest';
import { coerceCell } from '../../../src/lib/server/import/coerce';
import { SERVICE_FIELDS, SITE_FIELDS, MATRIX_FIELDS } from '../../../src/lib/server/import/fields';
import { guessMapping } from '../../../src/lib/server/import/mapping';
import { firstInvalidUtf8Byte } from '../../../src/lib/server/import/utf8';
import { gridToOsgb36, gridToWgs84 } from '../../../src/lib/server/import/osgb';

const field = (key: string) => SITE_FIELDS.find((f) => f.key === key)!;
const mappedHeader = (headers: string[], fields = SITE_FIELDS) => {
	const mapping = guessMapping(headers, fields);
	return Object.fromEntries(Object.entries(mapping).filter(([, i]) => i !== null).map(([k, i]) => [headers[i!], k]));
};

describe('guessing the column mapping', () => {
	it('ignores case, spacing, punctuation and units', async () => {
		expect(
			mappedHeader(['Site Ref', 'NAME', 'Site type', 'GIA (m²)', 'GIA (m2)', 'Rent (£ per year)', 'Business Rates £pa', 'Lease_End', 'Step-free', 'Visit capacity (visits per week)', 'Opening hours/week', 'Latitude', 'Longitude'])
		).toEqual({
			'Site Ref': 'ref',
			NAME: 'name',
			'Site type': 'kind',
			'GIA (m²)': 'giaM2',
			'Rent (£ per year)': 'rentGbpPerYear',
			'Business Rates £pa': 'ratesGbpPerYear',
			Lease_End: 'leaseEnd',
			'Step-free': 'stepFree',
			'Visit capacity (visits per week)': 'visitCapacityPerWeek',
			'Opening hours/week': 'openingHoursPerWeek',
			Latitude: 'lat',
			Longitude: 'lon'
		});
	});

	it('prefers the literal match when two headers could feed one field', async () => {
		// "space" would read as spaceM2 once its unit is stripped, but "space_m2" says so outright.
		expect(mappedHeader(['Space (m2) note', 'space_m2', 'site', 'service'], SERVICE_FIELDS)).toEqual({
			space_m2: 'spaceM2',
			site: 'siteRef',
			service: 'serviceCode'
		});
	});

	it('maps a loose match only when the values fit, but a header that names the field always', async () => {
		const headers = ['facilities', 'lease_end'];
		const prose = [['Gym, 25 m pool and sauna', 'next year']];
		expect(guessMapping(headers, SITE_FIELDS, prose)).toMatchObject({ facilitiesGbpPerYear: null, leaseEnd: 1 });
		expect(guessMapping(headers, SITE_FIELDS, [['38,000', '2030-01-01']])).toMatchObject({ facilitiesGbpPerYear: 0, leaseEnd: 1 });
	});

	it('leaves unknown headers unmapped', async () => {
		expect(mappedHeader(['from', 'to', 'Travel time (mins)', 'notes'], MATRIX_FIELDS)).toEqual({
			from: 'zoneCode',
			to: 'siteRef',
			'Travel time (mins)': 'minutes'
		});
	});
});

describe('reading a cell', () => {
	it.each([
		['£12,500', 12500],
		['1 234.5', 1234.5],
		[' 42 ', 42],
		[7, 7],
		['1.5e3', 1500]
	])('reads %j as the number %d', async (cell, value) => {
		expect(coerceCell(cell, field('rentGbpPerYear'))).toEqual({ ok: true, value });
	});

	it.each([
		['31/03/2031', '2031-03-31'],
		['2028-02-29', '2028-02-29'],
		['1/4/2030', '2030-04-01']
	])('reads the date %s as %s', async (cell, value) => {
		expect(coerceCell(cell, field('leaseEnd'))).toEqual({ ok: true, value });
	});

	it.each(['31/02/2027', '2027-13-01', '2027/01/01', '01-04-2030', 'soon'])('rejects %s as a date', async (cell) => {
		expect(coerceCell(cell, field('leaseEnd'))).toEqual({ ok: false, problem: 'not a date', expected: 'a date as yyyy-mm-dd or dd/mm/yyyy' });
	});

	it('rejects fractional counts and opening hours beyond a week', async () => {
		expect(coerceCell('2.5', field('desks'))).toMatchObject({ ok: false, problem: 'not a whole number' });
		expect(coerceCell('200', field('openingHoursPerWeek'))).toMatchObject({ ok: false, problem: 'is above 168' });
	});

	it('reads tenure and condition without minding case, and gives empty cells as null', async () => {
		expect(coerceCell('Leasehold', field('tenure'))).toEqual({ ok: true, value: 'leasehold' });
		expect(coerceCell('b', field('condition'))).toEqual({ ok: true, value: 'B' });
		expect(coerceCell('  ', field('giaM2'))).toEqual({ ok: true, value: null });
	});

	it("drops the apostrophe an export puts before formula-like text", async () => {
		expect(coerceCell("'=SUM(A1)", field('name'))).toEqual({ ok: true, value: '=SUM(A1)' });
		expect(coerceCell("O'Brien House", field('name'))).toEqual({ ok: true, value: "O'Brien House" });
	});
});

describe('finding text that is not UTF-8', () => {
	const bytes = (...b: number[]) => new Uint8Array(b);
	it.each([
		['plain ASCII', bytes(0x61, 0x62), -1],
		['£ in UTF-8', bytes(0x61, 0xc2, 0xa3), -1],
		['an emoji', bytes(0xf0, 0x9f, 0x99, 0x82), -1],
		['Latin-1 é', bytes(0x61, 0x62, 0xe9, 0x63), 2],
		['a sequence cut short at the end', bytes(0x61, 0xe2, 0x82), 1],
		['an overlong slash', bytes(0xc0, 0xaf), 0],
		['a UTF-16 surrogate', bytes(0x61, 0xed, 0xa0, 0x80), 1]
	])('%s', (_name, input, offset) => {
		expect(firstInvalidUtf8Byte(input)).toBe(offset);
	});
});

describe('British National Grid to WGS84', () => {
	it("matches Ordnance Survey's worked example for the inverse projection (Caister water tower)", async () => {
		// OS, A Guide to Coordinate Systems in Great Britain, Annex C: E 651409.903, N 313177.270
		// is 52°39′27.2531″N, 1°43′4.5177″E on OSGB36.
		const { lat, lon } = gridToOsgb36(651409.903, 313177.27);
		const seconds = (rad: number) => ((rad * 180) / Math.PI) * 3600;
		expect(seconds(lat)).toBeCloseTo(52 * 3600 + 39 * 60 + 27.2531, 3);
		expect(seconds(lon)).toBeCloseTo(1 * 3600 + 43 * 60 + 4.5177, 3);
	});

	it('moves the point by the OSGB36→WGS84 datum shift, tens of metres, not more', async () => {
		const { lat, lon } = gridToOsgb36(651409.903, 313177.27);
		const [wLon, wLat] = gridToWgs84(651409.903, 313177.27);
		const dxM = ((wLon - (lon * 180) / Math.PI) * Math.PI / 180) * 6371000 * Math.cos(lat);
		const dyM = ((wLat - (lat * 180) / Math.PI) * Math.PI / 180) * 6371000;
		const shiftM = Math.hypot(dxM, dyM);
		expect(shiftM).toBeGreaterThan(20);
		expect(shiftM).toBeLessThan(200);
	});
});
