import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dataChecksum } from '../../../src/lib/server/backup';
import { MAX_IMPORT_BYTES, prepareImport, type ImportKind, type ImportProblem } from '../../../src/lib/server/import';
import { demoDb, fixture, NOW } from './helpers';
import { TEST_ACTOR } from '../../support/actor';

interface Case {
	file: string;
	kind: ImportKind;
	zonesCsv?: string;
	/** Each expected problem: [row, column, words in the problem]. */
	expect: [number | null, string | null, string][];
}

/** Every broken fixture, with the exact problems the user must see. */
const CASES: Case[] = [
	{ file: 'empty.csv', kind: 'sites', expect: [[null, null, 'the file is empty']] },
	{ file: 'header-only.csv', kind: 'sites', expect: [[null, null, 'no data rows below the header']] },
	{ file: 'not-utf8.csv', kind: 'sites', expect: [[2, null, 'not UTF-8: byte 0xE9 at offset 31 (line 2)']] },
	{
		file: 'truncated.csv',
		kind: 'sites',
		expect: [
			[3, null, 'quoted value is never closed'],
			[3, null, 'has 4 of 6 columns']
		]
	},
	{ file: 'truncated.geojson', kind: 'zones', expect: [[null, null, 'GeoJSON ends early']] },
	{ file: 'sites-unknown-kind.csv', kind: 'sites', expect: [[2, 'kind', 'unknown kind']] },
	{ file: 'sites-outside-uk.csv', kind: 'sites', expect: [[2, 'lon', 'outside the UK']] },
	{ file: 'sites-swapped.csv', kind: 'sites', expect: [[2, 'lat', 'looks swapped']] },
	{ file: 'sites-duplicate-ref.csv', kind: 'sites', expect: [[4, 'ref', 'duplicate site ref (also on row 2)']] },
	{
		file: 'sites-negative.csv',
		kind: 'sites',
		expect: [
			[2, 'gia_m2', 'is negative'],
			[2, 'rent_gbp_per_year', 'is negative']
		]
	},
	{
		file: 'sites-bad-date.csv',
		kind: 'sites',
		expect: [
			[2, 'lease_end', 'not a date'],
			[2, 'lease_break', 'not a date']
		]
	},
	{
		file: 'sites-many-problems.csv',
		kind: 'sites',
		expect: [
			[3, 'kind', 'unknown kind'],
			[4, 'gia_m2', 'not a number'],
			[4, 'condition', 'not one of the accepted values'],
			[4, 'step_free', 'not yes or no'],
			[5, 'ref', 'duplicate site ref'],
			[5, 'lat', 'not in degrees']
		]
	},
	{
		file: 'services-bad-refs.csv',
		kind: 'services',
		expect: [
			[2, 'service', 'unknown service'],
			[3, 'site_ref', 'matches no site']
		]
	},
	{
		file: 'matrix-unknown-zone.csv',
		kind: 'matrix',
		expect: [
			[3, 'zone_code', 'ONS code matches no zone'],
			[4, 'minutes', 'is negative'],
			[4, 'site_ref', 'matches no site']
		]
	},
	{
		file: 'zones-new.geojson',
		kind: 'zones',
		zonesCsv: 'zones-attributes-unknown-code.csv',
		expect: [
			[3, 'code', 'ONS code matches no zone'],
			[1, 'pop_total', 'a new zone has no population']
		]
	}
];

const summary = (p: ImportProblem) => [p.row, p.column, p.problem] as const;

describe('a broken import file', async () => {
	it.each(CASES)('$file gives its specific problems and leaves the data unchanged', async (c) => {
		const { db, partnershipId } = await demoDb();
		const before = dataChecksum(db);
		const prepared = await prepareImport(db, partnershipId, {
			kind: c.kind,
			file: fixture(c.file),
			zonesCsv: c.zonesCsv ? fixture(c.zonesCsv) : undefined,
			options: { now: NOW }
		});
		const got = prepared.plan.problems.map(summary);
		expect(got).toHaveLength(c.expect.length);
		for (const [row, column, words] of c.expect) {
			expect(got).toContainEqual([row, column, expect.stringContaining(words)]);
		}
		expect(prepared.plan.diff).toBeNull();
		await expect(prepared.commit(TEST_ACTOR)).rejects.toThrow(/nothing was written/);
		expect(dataChecksum(db)).toBe(before);
	});

	it('names the file and says what was expected for every problem', async () => {
		const { db, partnershipId } = await demoDb();
		const { plan } = await prepareImport(db, partnershipId, { kind: 'sites', file: fixture('sites-swapped.csv') });
		expect(plan.problems[0]).toEqual({
			file: 'sites-swapped.csv',
			row: 2,
			rowLabel: 'row',
			column: 'lat',
			value: '-2.3118',
			problem: 'looks swapped: this latitude is a UK longitude and the longitude a UK latitude',
			expected: 'longitude -8.7…1.9 and latitude 49.8…60.9 (WGS84 degrees)'
		});
	});

	it('refuses a file over the size limit before reading it, giving its size and the limit distinctly (not "20.0 MB, over 20.0 MB")', async () => {
		const { db, partnershipId } = await demoDb();
		const bytes = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61);
		const { plan } = await prepareImport(db, partnershipId, { kind: 'sites', file: { name: 'huge.csv', bytes } });
		expect(plan.problems).toHaveLength(1);
		expect(plan.problems[0].problem).toBe('the file is 20,000,001 bytes (20 MB), over the limit');
		expect(plan.problems[0].expected).toBe('a file of at most 20,000,000 bytes (20 MB)');
	});

	it('says an XLSX cut short half-way is damaged or incomplete', async () => {
		const { db, partnershipId } = await demoDb();
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('sites');
		sheet.addRow(['ref', 'name', 'kind', 'lon', 'lat']);
		for (let i = 0; i < 200; i++) sheet.addRow([`new-${i}`, `Hub ${i}`, 'community_hub', -2.3, 53.4]);
		const whole = new Uint8Array(await workbook.xlsx.writeBuffer());
		const before = dataChecksum(db);
		const { plan } = await prepareImport(db, partnershipId, {
			kind: 'sites',
			file: { name: 'cut.xlsx', bytes: whole.slice(0, Math.floor(whole.length / 2)) }
		});
		expect(plan.problems).toHaveLength(1);
		expect(plan.problems[0].problem).toMatch(/^the XLSX file is damaged or incomplete/);
		expect(dataChecksum(db)).toBe(before);
	});

	it('lists a required column nobody mapped', async () => {
		const { db, partnershipId } = await demoDb();
		const bytes = new TextEncoder().encode('ref,kind,lon,lat\nnew-1,community_hub,-2.3,53.4\n');
		const { plan } = await prepareImport(db, partnershipId, { kind: 'sites', file: { name: 'noname.csv', bytes } });
		expect(plan.problems.map((p) => [p.column, p.problem])).toEqual([['name', 'no column is mapped to "Name"']]);
	});

	it('asks for coordinates when neither lon/lat nor easting/northing is there, and for each empty one', async () => {
		const { db, partnershipId } = await demoDb();
		const none = new TextEncoder().encode('ref,name,kind,lon\nnew-1,Hub,community_hub,-2.3\n');
		const { plan } = await prepareImport(db, partnershipId, { kind: 'sites', file: { name: 'nolat.csv', bytes: none } });
		expect(plan.problems.map((p) => [p.row, p.column, p.problem])).toEqual([[1, 'lon', 'no columns are mapped to the coordinates']]);
		const gaps = new TextEncoder().encode('ref,name,kind,lon,lat\nnew-1,Hub,community_hub,-2.3,\nnew-2,Hub 2,community_hub,west,53.4\n');
		const second = await prepareImport(db, partnershipId, { kind: 'sites', file: { name: 'gaps.csv', bytes: gaps } });
		expect(second.plan.problems.map((p) => [p.row, p.column, p.problem])).toEqual([
			[2, 'lat', 'is empty'],
			[3, 'lon', 'not a number']
		]);
	});
});
