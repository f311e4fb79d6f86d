/**
 * Issue 11's broken-input suite: every kind of hostile or wrong file, in CSV, XLSX and GeoJSON and
 * for each import kind, generated here. Each is tried through prepareImport and through the CLI
 * (`hubplan import`, in this process for all of them and as a real child process for the ones that
 * used to crash it). Each must give its message with the file, row, column and value, exit 1, and
 * leave the database byte-identical — or, for the few that are valid, be stored right.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dataChecksum } from '../../../src/lib/server/backup';
import { closeDb, openDb, t, type Db } from '../../../src/lib/server/db';
import { eq, like } from 'drizzle-orm';
import { ensureDemoData } from '../../../src/lib/server/seed';
import { MAX_IMPORT_ROWS, MAX_PROBLEMS_LISTED, prepareImport, type ImportFile, type ImportKind, type ImportProblem } from '../../../src/lib/server/import';
import { main } from '../../../src/cli/main';
import { deepGeoJson, servicesCsv, sheetXml, xfdSitesXlsx, xlsx, zip, zipBombXlsx } from './hostile-inputs';
import { demoDb, NOW } from './helpers';
import { TEST_ACTOR } from '../../support/actor';

const CLI = path.resolve('src/cli/hubplan.js');
const encode = (text: string) => new TextEncoder().encode(text);
const csv = (name: string, lines: string[]): ImportFile => ({ name, bytes: encode(`${lines.join('\n')}\n`) });
const workbook = (name: string, rows: Parameters<typeof sheetXml>[0]): ImportFile => ({ name, bytes: xlsx(sheetXml(rows)) });
const geojson = (name: string, features: unknown[]): ImportFile => ({ name, bytes: encode(JSON.stringify({ type: 'FeatureCollection', features })) });

/** A new Trafford zone, with a polygon of `ring` (default a small closed square). */
const zone = (code: string, properties: Record<string, unknown> = {}, ring: unknown = square(-2.35, 53.42)) => ({
	type: 'Feature',
	properties: { code, name: `Zone ${code}`, pop_total: 1500, ...properties },
	geometry: { type: 'Polygon', coordinates: [ring] }
});
function square(lon: number, lat: number, d = 0.01): number[][] {
	return [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
}

const SITE_HEADER = 'ref,name,kind,lon,lat';
const site = (ref: string, extra = '') => `${ref},Hub ${ref},community_hub,-2.35,53.42${extra}`;
const LONG = (n: number) => 'x'.repeat(n);

interface Case {
	name: string;
	kind: ImportKind;
	file: () => ImportFile | Promise<ImportFile>;
	zonesCsv?: () => ImportFile;
	/** Each expected problem: [row, column, words in the problem, words in what was expected]. */
	problems: [number | null, string | null, string, string?][];
	/** For capped lists: how many problems there are in all. */
	problemCount?: number;
}

const CASES: Case[] = [
	// Size, rows, cells, depth: refused up front with the numbers, before anything can run out of memory.
	{
		name: 'a CSV one byte over the 20 MB limit',
		kind: 'sites',
		file: () => ({ name: 'big.csv', bytes: new Uint8Array(20_000_001).fill(0x61) }),
		problems: [[null, null, 'the file is 20,000,001 bytes (20 MB), over the limit', 'at most 20,000,000 bytes (20 MB)']]
	},
	{
		name: 'a services CSV of more rows than the limit',
		kind: 'services',
		file: () => ({ name: 'many.csv', bytes: encode(`site_ref,service\n${'a,b\n'.repeat(MAX_IMPORT_ROWS + 1)}`) }),
		problems: [[null, null, 'the file has 600,001 data rows, over the limit', 'at most 600,000 data rows per file']]
	},
	{
		name: 'a zones GeoJSON of more features than the limit',
		kind: 'zones',
		file: () => ({ name: 'many.geojson', bytes: encode(`{"type":"FeatureCollection","features":[${'{},'.repeat(MAX_IMPORT_ROWS)}{}]}`) }),
		problems: [[null, null, 'the file has 600,001 features, over the limit', 'at most 600,000 features']]
	},
	{
		name: 'an XLSX of more cells than the limit',
		kind: 'matrix',
		file: () => ({ name: 'cells.xlsx', bytes: xlsx(sheetXml([['zone_code', 'site_ref', 'minutes']], 'A1:C166667').replace('</sheetData>', `${'<c/>'.repeat(500_000)}</sheetData>`)) }),
		problems: [[null, null, 'the workbook holds 500,003 cells (its sheets claim the range A1:C166667), over the limit', 'at most 500,000 cells']]
	},
	{
		name: 'a zip bomb (101 MB of XML in about 100 KB)',
		kind: 'sites',
		file: async () => ({ name: 'bomb.xlsx', bytes: await zipBombXlsx(101_000_000) }),
		problems: [[null, null, 'inflates to 101,001,', 'at most 100,000,000 bytes']]
	},
	{
		name: 'a zip whose directory claims 101 MB',
		kind: 'matrix',
		file: () => ({ name: 'claims.xlsx', bytes: xlsx(sheetXml([['zone_code']]), { declaredSize: 101_000_000 }) }),
		problems: [[null, null, 'inflates to 101,001,', 'at most 100,000,000 bytes']]
	},
	{
		name: 'a zip bomb that lies about its size',
		kind: 'services',
		file: () => ({ name: 'liar.xlsx', bytes: xlsx(`<worksheet><sheetData>${' '.repeat(10_000_000)}</sheetData></worksheet>`, { declaredSize: 1000 }) }),
		problems: [[null, null, 'part xl/worksheets/sheet1.xml inflates to more than the 1,000 bytes its zip directory declares', 'true sizes']]
	},
	{
		name: 'a zip of a thousand and more parts',
		kind: 'zones',
		file: () => ({ name: 'parts.xlsx', bytes: xlsx(sheetXml([['code']]), {}, Array.from({ length: 1000 }, (_, i) => ({ name: `xl/media/p${i}.xml`, data: 'x' }))) }),
		problems: [[null, null, 'the XLSX zip holds 1,005 parts', 'at most 1,000 parts']]
	},
	{
		name: 'a file named .xlsx that is no zip',
		kind: 'matrix',
		file: () => ({ name: 'fake.xlsx', bytes: encode('zone_code,site_ref,minutes\n') }),
		problems: [[null, null, 'damaged or incomplete (no zip directory', 'a complete .xlsx file']]
	},
	{
		name: 'an XLSX of cells on a diagonal (6,001 rows, each a column further right)',
		kind: 'sites',
		file: () => workbook('diagonal.xlsx', Array.from({ length: 6001 }, (_, i) => ({ [i + 1]: 1 }))),
		problems: [[null, null, "the workbook's rows span 18,009,001 cells, counting the empty ones before each row's last cell, over the limit", 'at most 10,000,000']]
	},
	{
		name: 'an XLSX whose header row runs to column XFD over 1,000 rows',
		kind: 'matrix',
		file: () => workbook('wide.xlsx', [Array.from({ length: 16_384 }, (_, i) => `h${i}`), ...Array.from({ length: 1000 }, (_, i) => [`r${i}`])]),
		problems: [[null, null, 'the table is 1,001 rows × 16,384 columns (16,400,384 cells), over the limit', 'at most 10,000,000 cells']]
	},
	{
		name: 'a GeoJSON of 5,000 features, each with its own property name',
		kind: 'zones',
		file: () => geojson('names.geojson', Array.from({ length: 5000 }, (_, i) => ({ type: 'Feature', properties: { [`p${i}`]: 1 }, geometry: null }))),
		problems: [[null, null, 'the table is 5,000 rows × 5,000 columns (25,000,000 cells), over the limit']]
	},
	{
		name: 'a GeoJSON nested 100,000 levels deep',
		kind: 'zones',
		file: () => ({ name: 'deep.geojson', bytes: deepGeoJson(100_000) }),
		problems: [[null, null, 'the JSON nests 100,004 levels deep', 'at most 64 levels']]
	},
	{
		name: 'a sites GeoJSON of junk where features should be',
		kind: 'sites',
		file: () => geojson('junk.geojson', [null, 5, 'x', { type: 'Feature', properties: 'p', geometry: { type: 'Point', coordinates: null } }]),
		problems: [
			[1, 'ref', 'no column is mapped to "Site reference (stable id)"'],
			[1, 'name', 'no column is mapped to "Name"'],
			[1, 'kind', 'no column is mapped to "Kind of site"'],
			...[1, 2, 3, 4].map((feature): [number, string, string] => [feature, '(point) lon', 'is empty'])
		]
	},
	{
		name: 'a GeoJSON that is null',
		kind: 'zones',
		file: () => ({ name: 'null.geojson', bytes: encode('null') }),
		problems: [[null, 'type', 'not a GeoJSON FeatureCollection']]
	},

	// A long list is capped, never spread into push(): 120,000 duplicate rows once overflowed the stack.
	{
		name: 'a services CSV of 120,000 rows that repeat 2 pairs',
		kind: 'services',
		file: () => ({ name: 'repeats.csv', bytes: servicesCsv(120_000, ['lib-altrincham', 'lib-hale']) }),
		problems: [[4, 'service', 'duplicate site and service pair (also on row 2)']],
		problemCount: 119_998
	},

	// Numbers: a decimal comma, NaN, infinities and implausible values, in every format and kind.
	{
		name: 'a sites CSV with a decimal comma ("240,5" once stored as 2405)',
		kind: 'sites',
		file: () => csv('comma.csv', [`${SITE_HEADER},gia_m2`, site('new-1', ',"240,5"')]),
		problems: [[2, 'gia_m2', 'has a comma that is not a thousands separator', 'with a point for decimals (240.5)']]
	},
	{
		name: 'a services XLSX with a decimal comma in a text cell',
		kind: 'services',
		file: () => workbook('comma.xlsx', [['site_ref', 'service', 'visits_per_week'], ['lib-altrincham', 'library', '1,5']]),
		problems: [[2, 'visits_per_week', 'has a comma that is not a thousands separator']]
	},
	{
		name: 'a zones GeoJSON with a decimal comma',
		kind: 'zones',
		file: () => geojson('comma.geojson', [zone('E01999991', { pop_total: '1500,5' })]),
		problems: [[1, 'pop_total', 'has a comma that is not a thousands separator']]
	},
	{
		name: 'a matrix CSV with NaN, Infinity and 1e400',
		kind: 'matrix',
		file: () => csv('nan.csv', ['zone_code,site_ref,minutes', 'E01006074,lib-altrincham,NaN', 'E01006074,lib-hale,-Infinity', 'E01006075,lib-hale,1e400']),
		problems: [
			[2, 'minutes', 'is not a finite number'],
			[3, 'minutes', 'is not a finite number'],
			[4, 'minutes', 'is too large to be a number']
		]
	},
	{
		name: 'a zones GeoJSON with a population of 1e300 and one of 1e400 (Infinity once parsed)',
		kind: 'zones',
		file: () => ({ name: 'huge.geojson', bytes: encode(JSON.stringify({ type: 'FeatureCollection', features: [zone('E01999991', { pop_total: 1e300 }), zone('E01999992', { pop_total: 7 })] }).replace('"pop_total":7', '"pop_total":1e400')) }),
		problems: [
			[1, 'pop_total', 'is above 10,000,000', "more than London's 9 million residents"],
			[2, 'pop_total', 'is not a finite number']
		]
	},
	{
		name: 'a zones attribute CSV with a population of 1e300',
		kind: 'zones',
		file: () => geojson('zones.geojson', [zone('E01999991')]),
		zonesCsv: () => csv('attributes.csv', ['code,pop_total,pct_bad_health', 'E01999991,1e300,140']),
		problems: [
			[2, 'pop_total', 'is above 10,000,000'],
			[2, 'pct_bad_health', 'is above 100', 'a percentage']
		]
	},
	{
		name: 'a sites XLSX with implausible numbers',
		kind: 'sites',
		file: () => workbook('implausible.xlsx', [['ref', 'name', 'kind', 'lon', 'lat', 'gia_m2', 'rent_gbp_per_year', 'desks'], ['new-1', 'Hub', 'community_hub', -2.35, 53.42, 2e9, 1e300, 1e7]]),
		problems: [
			[2, 'gia_m2', 'is above 1,000,000', 'larger than any public building'],
			[2, 'rent_gbp_per_year', 'is above 100,000,000'],
			[2, 'desks', 'is above 100,000']
		]
	},
	{
		name: 'a services CSV of implausible visits and staff',
		kind: 'services',
		file: () => csv('implausible.csv', ['site_ref,service,visits_per_week,staff_fte', 'lib-altrincham,library,5000000,1e6']),
		problems: [
			[2, 'visits_per_week', 'is above 1,000,000', 'a million visits a week'],
			[2, 'staff_fte', 'is above 100,000']
		]
	},
	{
		name: 'a matrix XLSX of more than a day',
		kind: 'matrix',
		file: () => workbook('days.xlsx', [['zone_code', 'site_ref', 'minutes'], ['E01006074', 'lib-altrincham', 5000]]),
		problems: [[2, 'minutes', 'is above 1,440', 'a whole day']]
	},

	// Headers that read the same to the mapping: refused, naming both columns.
	{
		name: 'a sites CSV with two gia_m2 columns (the first once won silently)',
		kind: 'sites',
		file: () => csv('twice.csv', [`${SITE_HEADER},gia_m2,gia_m2`, site('new-1', ',100,900')]),
		problems: [[1, 'gia_m2', 'column 6 ("gia_m2") and column 7 ("gia_m2") have the same header', 'each header once']]
	},
	{
		name: 'a services XLSX with "Visits per week" and "visits_per_week"',
		kind: 'services',
		file: () => workbook('twice.xlsx', [['site_ref', 'service', 'Visits per week', 'visits_per_week'], ['lib-altrincham', 'library', 1, 2]]),
		problems: [[1, 'visits_per_week', 'column C ("Visits per week") and column D ("visits_per_week") have the same header']]
	},
	{
		name: 'a zones GeoJSON with "Name" and "name" properties',
		kind: 'zones',
		file: () => geojson('twice.geojson', [zone('E01999991', { Name: 'Other' })]),
		problems: [[1, 'Name', 'column 2 ("name") and column 4 ("Name") have the same header']]
	},
	{
		name: 'a matrix CSV with "minutes" and "Minutes"',
		kind: 'matrix',
		file: () => csv('twice.csv', ['zone_code,site_ref,minutes,Minutes', 'E01006074,lib-altrincham,5,6']),
		problems: [[1, 'Minutes', 'column 3 ("minutes") and column 4 ("Minutes") have the same header']]
	},

	// Polygons: unclosed, too short, bow-tie, out of range, junk (each once stored as a 0 ha zone or a crash).
	{
		name: 'a zones GeoJSON of broken polygons',
		kind: 'zones',
		file: () =>
			geojson('polygons.geojson', [
				zone('E01999991', {}, [[-2.35, 53.42], [-2.34, 53.42], [-2.34, 53.43]]),
				zone('E01999992', {}, [[-2.35, 53.42], [-2.34, 53.43], [-2.34, 53.42], [-2.35, 53.43], [-2.35, 53.42]]),
				zone('E01999993', {}, [[-2.35, 53.42], [-2.34, 53.42], [-2.34, 53.43], [-2.35, 53.43], [-2.35, 53.44]]),
				zone('E01999994', {}, [[-2.35, 53.42], [200, 53.42], [-2.34, 53.43], [-2.35, 53.42]]),
				zone('E01999995', {}, [['a', 1], [2, 3], [4, 5], ['a', 1]]),
				{ ...zone('E01999996'), geometry: { type: 'MultiPolygon', coordinates: [[square(-2.35, 53.42)], [[[-2.3, 53.4], [-2.3, 53.41]]]] } },
				{ ...zone('E01999997'), geometry: { type: 'Polygon', coordinates: null } },
				zone('E01999998', {}, [[-2.35, 53.42], [-2.34, 53.42], [-2.33, 53.42], [-2.35, 53.42]])
			]),
		problems: [
			[1, 'code', 'polygon: outer ring has 3 positions', 'closed, have at least 4 positions'],
			[2, 'code', 'polygon: crosses itself at longitude -2.34500, latitude 53.42500, like a bow-tie'],
			[3, 'code', 'polygon: outer ring is not closed'],
			[4, 'code', "polygon: outer ring position 2 (200, 53.42) is outside WGS84's range"],
			[5, 'code', 'polygon: outer ring position 1 is not a pair of numbers'],
			[6, 'code', 'polygon: part 2, outer ring has 2 positions'],
			[7, 'code', 'polygon: the Polygon has no coordinates'],
			[8, 'code', 'polygon: encloses no area']
		]
	},

	{
		name: 'a sites XLSX with values in column XFD under no header',
		kind: 'sites',
		file: () => workbook('stray.xlsx', [['ref', 'name', 'kind', 'lon', 'lat'], { 1: 'new-1', 2: 'Hub', 3: 'community_hub', 4: -2.35, 5: 53.42, 16384: 'stray' }]),
		problems: [[1, 'column XFD', 'a column with values has no header', 'a header for every column']]
	},

	// Text longer than $lib/limits allows, in every kind.
	{
		name: 'a sites CSV with a 201-character header',
		kind: 'sites',
		file: () => csv('header.csv', [`${SITE_HEADER},${LONG(201)}`, `${site('new-1')},x`]),
		problems: [[1, 'column 6', 'the header is 201 characters long', 'at most 200 characters']]
	},
	{
		name: 'a sites CSV with a 201-character name',
		kind: 'sites',
		file: () => csv('long.csv', [SITE_HEADER, `new-1,${LONG(201)},community_hub,-2.35,53.42`]),
		problems: [[2, 'name', 'is 201 characters long', 'at most 200 characters']]
	},
	{
		name: 'a sites XLSX with a 5,001-character address',
		kind: 'sites',
		file: () => workbook('long.xlsx', [['ref', 'name', 'kind', 'lon', 'lat', 'address'], ['new-1', 'Hub', 'community_hub', -2.35, 53.42, LONG(5001)]]),
		problems: [[2, 'address', 'is 5,001 characters long', 'at most 5,000 characters']]
	},
	{
		name: 'a services CSV with a 5,001-character note in a column no field takes',
		kind: 'services',
		file: () => csv('note.csv', ['site_ref,service,note', `lib-altrincham,library,${LONG(5001)}`]),
		problems: [[2, 'note', 'is 5,001 characters long', 'at most 5,000 characters']]
	},
	{
		name: 'a zones GeoJSON with a 201-character name',
		kind: 'zones',
		file: () => geojson('long.geojson', [zone('E01999991', { name: LONG(201) })]),
		problems: [[1, 'name', 'is 201 characters long']]
	},
	{
		name: 'a matrix CSV with a 201-character site ref',
		kind: 'matrix',
		file: () => csv('long.csv', ['zone_code,site_ref,minutes', `E01006074,${LONG(201)},5`]),
		problems: [[2, 'site_ref', 'is 201 characters long']]
	}
];

/** Cases that are valid and must be stored exactly (the XFD file ran the heap out; commas must stay thousands). */
const ACCEPTED: { name: string; kind: ImportKind; file: () => ImportFile; check: (db: Db) => Promise<void> | void }[] = [
	{
		name: 'a sites XLSX with a header cell in column XFD reads six columns, not 16,384',
		kind: 'sites',
		file: () => ({ name: 'xfd.xlsx', bytes: xfdSitesXlsx(50) }),
		check: async (db) => expect(await db.$count(t.site, like(t.site.ref, 'xfd-%'))).toBe(50)
	},
	{
		name: 'a sites CSV with commas between groups of three stores the thousands',
		kind: 'sites',
		file: () => csv('thousands.csv', [`${SITE_HEADER},gia_m2,rent_gbp_per_year`, site('new-1', ',"1,234","£12,345,678"')]),
		check: async (db) => expect(await db.select({ gia: t.site.giaM2, rent: t.site.rentGbpPerYear }).from(t.site).where(eq(t.site.ref, 'new-1'))).toEqual([{ gia: 1234, rent: 12_345_678 }])
	}
];

const summary = (p: ImportProblem) => [p.row, p.column, p.problem, p.expected] as const;

describe('a hostile import file', async () => {
	// One database for all: each case proves it wrote nothing, so the next starts from the same data.
	const { db, partnershipId } = await demoDb();
	const before = dataChecksum(db);

	it.each(CASES)('$name: refused with its problems, nothing written', async (c) => {
		const file = await c.file();
		const prepared = await prepareImport(db, partnershipId, { kind: c.kind, file, zonesCsv: c.zonesCsv?.(), options: { now: NOW } });
		const { plan } = prepared;
		expect(plan.problemCount).toBe(c.problemCount ?? c.problems.length);
		expect(plan.problems.length).toBe(Math.min(plan.problemCount, MAX_PROBLEMS_LISTED));
		const got = plan.problems.map(summary);
		for (const [row, column, problem, expected] of c.problems) {
			expect(got).toContainEqual([row, column, expect.stringContaining(problem), expect.stringContaining(expected ?? '')]);
		}
		// Every problem names its file; a whole-file problem may have no row.
		for (const p of plan.problems) expect(plan.fileNames).toContain(p.file);
		expect(plan.diff).toBeNull();
		await expect(prepared.commit(TEST_ACTOR)).rejects.toThrow(/nothing was written/);
		expect(dataChecksum(db)).toBe(before);
	});

	it.each(ACCEPTED)('$name', async (c) => {
		const { db, partnershipId } = await demoDb();
		const prepared = await prepareImport(db, partnershipId, { kind: c.kind, file: c.file(), options: { now: NOW } });
		expect(prepared.plan.problems).toEqual([]);
		await prepared.commit(TEST_ACTOR);
		await c.check(db);
	});
});

describe('hubplan import given a hostile file', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-hostile-'));
	const dbFile = path.join(dir, 'hubplan.sqlite');
	const fileHash = () => createHash('sha256').update(fs.readFileSync(dbFile)).digest('hex');
	let checksum = '';

	beforeAll(async () => {
		const db = await openDb(dbFile);
		await ensureDemoData(db, TEST_ACTOR);
		checksum = dataChecksum(db);
		await closeDb(db);
		vi.stubEnv('HUBPLAN_DB', dbFile);
	});
	afterAll(() => vi.unstubAllEnvs());

	/** Writes the case's files and gives the CLI's arguments. */
	async function argsFor(c: Case): Promise<string[]> {
		const write = (f: ImportFile) => {
			const file = path.join(dir, f.name);
			fs.writeFileSync(file, f.bytes);
			return file;
		};
		const zonesCsv = c.zonesCsv ? ['--zones-csv', write(c.zonesCsv())] : [];
		return ['import', write(await c.file()), '--kind', c.kind, ...zonesCsv];
	}

	/** Runs `hubplan …` in this process (its real entry point), capturing stderr. */
	async function hubplan(args: string[]): Promise<{ status: number; stderr: string }> {
		let stderr = '';
		const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
		const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
		try {
			return { status: await main(args), stderr };
		} finally {
			spy.mockRestore();
			out.mockRestore();
		}
	}

	it.each(CASES)('$name: exit 1, every problem printed, the database file unchanged', async (c) => {
		const before = fileHash();
		const { status, stderr } = await hubplan(await argsFor(c));
		expect(status).toBe(1);
		const count = c.problemCount ?? c.problems.length;
		expect(stderr).toContain(`${count.toLocaleString('en-GB')} problem(s); nothing was written`);
		for (const [, , problem] of c.problems) expect(stderr).toContain(problem);
		if (count > MAX_PROBLEMS_LISTED) expect(stderr).toContain(`… and ${(count - MAX_PROBLEMS_LISTED).toLocaleString('en-GB')} more`);
		expect(fileHash()).toBe(before);
	});

	it('as a separate process, refuses the files that used to crash it (exit 1, not 134) and leaves the data as it was', async () => {
		const crashers = ['a GeoJSON nested 100,000 levels deep', 'a services CSV of 120,000 rows that repeat 2 pairs'];
		for (const name of crashers) {
			const result = spawnSync('node', [CLI, ...(await argsFor(CASES.find((c) => c.name === name)!))], { env: { ...process.env, HUBPLAN_DB: dbFile }, encoding: 'utf8' });
			expect(result.status, result.stderr).toBe(1);
			expect(result.stderr).toMatch(/problem\(s\); nothing was written/);
		}
		const db = await openDb(dbFile);
		expect(dataChecksum(db)).toBe(checksum);
		await closeDb(db);
	}, 120_000);

	it('as a separate process, reads the XFD workbook (a dry run: nothing written)', async () => {
		const file = path.join(dir, 'xfd.xlsx');
		fs.writeFileSync(file, xfdSitesXlsx(2000));
		const result = spawnSync('node', [CLI, 'import', file, '--kind', 'sites', '--dry-run'], { env: { ...process.env, HUBPLAN_DB: dbFile }, encoding: 'utf8' });
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain('2000 to add');
	}, 60_000);
});

describe('the zip reader that guards exceljs', async () => {
	it('reads the zips this suite builds as exceljs does', async () => {
		const { db, partnershipId } = await demoDb();
		const bytes = zip([{ name: 'a.txt', data: 'hello' }]);
		const { plan } = await prepareImport(db, partnershipId, { kind: 'sites', file: { name: 'plain.xlsx', bytes } });
		// A zip with no workbook in it passes the size checks and is then refused by exceljs.
		expect(plan.problems.map((p) => p.problem)).toEqual([expect.stringMatching(/^the XLSX file is damaged or incomplete|the first worksheet is empty/)]);
	});
});
