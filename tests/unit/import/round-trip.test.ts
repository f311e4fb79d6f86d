import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { dialect, sqliteClientOf, t } from '../../../src/lib/server/db';
import { openDb, type Db } from '../../../src/lib/server/db';
import { ensureDemoData } from '../../../src/lib/server/seed';
import { firstPartnership, getSite, listSites, listZones } from '../../../src/lib/server/estate';
import { backupDatabase, dataChecksum, restoreDatabase } from '../../../src/lib/server/backup';
import { exportFile } from '../../../src/lib/server/export';
import { prepareImport, type ImportKind } from '../../../src/lib/server/import';
import * as scenarios from '../../../src/lib/server/scenarios';
import { demoDb, fixture, NOW } from './helpers';
import { NOTHING_WITHHELD } from '$lib/server/restricted-fields';
import { TEST_ACTOR } from '../../support/actor';

const bytesOf = (body: string | Uint8Array) => (typeof body === 'string' ? new TextEncoder().encode(body) : body);

async function importOk(db: Db, pid: string, kind: ImportKind, name: string, body: string | Uint8Array, removeMissing = false) {
	const prepared = await prepareImport(db, pid, { kind, file: { name, bytes: bytesOf(body) }, options: { now: NOW, removeMissing } });
	expect(prepared.plan.problems).toEqual([]);
	return prepared;
}

/** What an import can carry about a site: everything but ids, provenance, attributes and timestamps. */
async function siteFacts(db: Db, pid: string) {
	return (await listSites(db, pid)).map((s) => ({
		ref: s.ref, name: s.name, kind: s.kind, operatorName: s.operatorName, organisationId: s.organisationId,
		address: s.address, postcode: s.postcode, lon: s.lon, lat: s.lat, giaM2: s.giaM2,
		rentGbpPerYear: s.rentGbpPerYear, ratesGbpPerYear: s.ratesGbpPerYear, facilitiesGbpPerYear: s.facilitiesGbpPerYear,
		tenure: s.tenure, leaseEnd: s.leaseEnd, leaseBreak: s.leaseBreak, condition: s.condition, backlogGbp: s.backlogGbp,
		desks: s.desks, counterPositions: s.counterPositions, interviewRooms: s.interviewRooms,
		visitCapacityPerWeek: s.visitCapacityPerWeek, openingHoursPerWeek: s.openingHoursPerWeek, stepFree: s.stepFree,
		services: s.services.map((x) => [x.serviceCode, x.visitsPerWeek, x.staffFte, x.spaceM2])
	}));
}

describe('importing sites', async () => {
	it('adds new sites, changes only the fields that differ, and marks them recorded from the file', async () => {
		const { db, partnershipId } = await demoDb();
		const prepared = await importOk(db, partnershipId, 'sites', 'sites-good.csv', fixture('sites-good.csv').bytes);
		const diff = prepared.plan.diff!;
		expect(diff.added.map((e) => e.id)).toEqual(['hub-stretford-mall', 'hub-sale-waterside']);
		expect(diff.changed).toEqual([
			{
				id: 'lib-altrincham',
				label: 'Altrincham Library',
				changes: [
					{ field: 'giaM2', from: 600, to: 980 },
					{ field: 'condition', from: null, to: 'C' },
					{ field: 'backlogGbp', from: null, to: 45000 }
				]
			}
		]);
		expect(diff.removed).toHaveLength(308 - 1);
		expect(diff.removeMissing).toBe(false);

		const run = await prepared.commit(TEST_ACTOR);
		expect(run).toMatchObject({ added: 2, changed: 1, removed: 0 });
		const mall = (await getSite(db, partnershipId, 'hub-stretford-mall'))!;
		expect(mall).toMatchObject({
			giaM2: 1250, rentGbpPerYear: 85000, ratesGbpPerYear: 21500, facilitiesGbpPerYear: 40000,
			tenure: 'leasehold', leaseEnd: '2031-03-31', leaseBreak: '2028-03-31', condition: 'B', backlogGbp: 12000,
			desks: 30, counterPositions: 4, interviewRooms: 3, visitCapacityPerWeek: 2500, openingHoursPerWeek: 45,
			stepFree: true, organisationId: 'voluntary-sector', source: 'sites-good.csv', asOf: '2026-11-25'
		});
		// Placed in the zone its point falls in, as pack sites are.
		const zone = (await listZones(db, partnershipId, { geometry: true })).find((z) => z.code === mall.lsoaCode)!;
		expect(booleanPointInPolygon([mall.lon, mall.lat], zone.geometry as GeoJSON.Polygon)).toBe(true);
		expect(mall.provenance.giaM2).toEqual({ basis: 'recorded', source: 'sites-good.csv (imported 2026-11-25)' });
		const library = (await getSite(db, partnershipId, 'lib-altrincham'))!;
		expect(library.giaM2).toBe(980);
		expect(library.provenance.giaM2).toEqual({ basis: 'recorded', source: 'sites-good.csv (imported 2026-11-25)' });
		// Untouched facts keep their stored value and provenance.
		expect(library.provenance.facilitiesGbpPerYear?.basis).toBe('estimated');
		expect(await listSites(db, partnershipId)).toHaveLength(310);
		const runs = await db.select().from(t.importRun);
		expect(runs).toMatchObject([{ kind: 'sites', fileName: 'sites-good.csv', added: 2, changed: 1, removed: 0 }]);
		expect(runs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
	});

	it('deletes sites missing from the file only when asked', async () => {
		const { db, partnershipId } = await demoDb();
		const prepared = await importOk(db, partnershipId, 'sites', 'sites-good.csv', fixture('sites-good.csv').bytes, true);
		expect(await prepared.commit(TEST_ACTOR)).toMatchObject({ added: 2, changed: 1, removed: 307 });
		expect((await listSites(db, partnershipId)).map((s) => s.ref).sort()).toEqual(['hub-sale-waterside', 'hub-stretford-mall', 'lib-altrincham']);
	});

	it('reads an XLSX with typed cells and Excel dates', async () => {
		const { db, partnershipId } = await demoDb();
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Estate');
		sheet.addRow(['Site ID', 'Building name', 'Site type', 'Longitude', 'Latitude', 'Floor area (m2)', 'Lease expiry', 'Step-free access']);
		sheet.addRow(['x-1', 'Excel Hub', 'library', -2.3, 53.45, 321.5, new Date(Date.UTC(2030, 5, 30)), true]);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		const prepared = await importOk(db, partnershipId, 'sites', 'estate.xlsx', bytes);
		expect(prepared.plan.mapping).toMatchObject({ ref: 0, name: 1, kind: 2, lon: 3, lat: 4, giaM2: 5, leaseEnd: 6, stepFree: 7 });
		expect(prepared.plan.preview[0]).toEqual(['x-1', 'Excel Hub', 'library', '-2.3', '53.45', '321.5', '2030-06-30', 'true']);
		await prepared.commit(TEST_ACTOR);
		expect(await getSite(db, partnershipId, 'x-1')).toMatchObject({ giaM2: 321.5, leaseEnd: '2030-06-30', stepFree: true });
	});

	it('places a site given by British National Grid easting and northing', async () => {
		const { db, partnershipId } = await demoDb();
		const bytes = new TextEncoder().encode('ref,name,kind,Easting,Northing\ngrid-1,Grid Hub,community_hub,378000,395000\n');
		await (await importOk(db, partnershipId, 'sites', 'grid.csv', bytes)).commit(TEST_ACTOR);
		const site = (await getSite(db, partnershipId, 'grid-1'))!;
		// Grid square SJ 78 95 is in Trafford: the point must fall inside the borough's bounding box.
		const [west, south, east, north] = (await firstPartnership(db)).bbox;
		expect(site.lon).toBeGreaterThan(west);
		expect(site.lon).toBeLessThan(east);
		expect(site.lat).toBeGreaterThan(south);
		expect(site.lat).toBeLessThan(north);
		// Pinned to the OS method's output, so a change to the transformation shows up here.
		expect(site.lon).toBeCloseTo(-2.33274, 5);
		expect(site.lat).toBeCloseTo(53.45130, 5);
	});

	it('takes a mapping the user chose over the guess', async () => {
		const { db, partnershipId } = await demoDb();
		const bytes = new TextEncoder().encode('code,title,type,E,N,size\nz-1,Mapped Hub,library,-2.3,53.45,77\n');
		const prepared = await prepareImport(db, partnershipId, {
			kind: 'sites',
			file: { name: 'odd.csv', bytes },
			mapping: { ref: 0, name: 'title', lon: 3, lat: 4, giaM2: 'size' }
		});
		expect(prepared.plan.problems).toEqual([]);
		await prepared.commit(TEST_ACTOR);
		expect(await getSite(db, partnershipId, 'z-1')).toMatchObject({ name: 'Mapped Hub', lon: -2.3, lat: 53.45, giaM2: 77 });
	});
});

describe('services, zones and matrices', async () => {
	it('imports services per site by (site, service)', async () => {
		const { db, partnershipId } = await demoDb();
		const prepared = await importOk(db, partnershipId, 'services', 'services-good.csv', fixture('services-good.csv').bytes);
		expect(prepared.plan.diff!.added.map((e) => e.id)).toEqual(['lib-altrincham / advice']);
		expect(prepared.plan.diff!.changed[0].changes!.map((c) => c.field)).toEqual(['visitsPerWeek', 'staffFte', 'spaceM2']);
		await prepared.commit(TEST_ACTOR);
		const services = (await getSite(db, partnershipId, 'lib-altrincham'))!.services;
		expect(services.map((s) => [s.serviceCode, s.visitsPerWeek, s.staffFte, s.spaceM2]).sort()).toEqual([
			['advice', 120, 1.5, 40],
			['library', 1900, 6, 800]
		]);
		expect(services.find((s) => s.serviceCode === 'library')!.provenance.visitsPerWeek).toEqual({
			basis: 'recorded',
			source: 'services-good.csv (imported 2026-11-25)'
		});
	});

	it('adds a zone from a GeoJSON polygon with attributes joined from a CSV by ONS code', async () => {
		const { db, partnershipId } = await demoDb();
		const prepared = await prepareImport(db, partnershipId, {
			kind: 'zones',
			file: fixture('zones-new.geojson'),
			zonesCsv: fixture('zones-new-attributes.csv'),
			options: { now: NOW }
		});
		expect(prepared.plan.problems).toEqual([]);
		expect(prepared.plan.diff!.added).toEqual([{ id: 'E01999990', label: 'Test zone A' }]);
		await prepared.commit(TEST_ACTOR);
		const zone = (await listZones(db, partnershipId)).find((z) => z.code === 'E01999990')!;
		expect(zone).toMatchObject({ name: 'Test zone A', popTotal: 1500, imdDecile: 4, households: 600 });
		// Area computed from the polygon: it is the first Trafford zone's, 112.78 ha in the pack.
		expect(zone.areaHa).toBeCloseTo(112.78, 0);
		expect(zone.populationSource).toBe('zones-new.geojson + zones-new-attributes.csv (imported 2026-11-25)');
	});

	it('reads long and wide matrices to the same cells', async () => {
		const cells = async (file: string) => {
			const { db, partnershipId } = await demoDb();
			const prepared = await importOk(db, partnershipId, 'matrix', file, fixture(file).bytes);
			await prepared.commit(TEST_ACTOR);
			const matrix = (await db.select().from(t.travelMatrix))[0]!;
			expect(matrix).toMatchObject({ name: file.replace('.csv', ''), mode: 'public_transport' });
			return (await db.select().from(t.travelTime).where(eq(t.travelTime.matrixId, matrix.id))).map((c) => [c.zoneCode, c.siteRef, c.minutes]).sort();
		};
		const long = await cells('matrix-long.csv');
		expect(long).toEqual([
			['E01006074', 'lib-altrincham', 12.5],
			['E01006074', 'lib-coppice', 31],
			['E01006075', 'lib-altrincham', 6],
			['E01006075', 'lib-coppice', 28]
		]);
		expect(await cells('matrix-wide.csv')).toEqual(long);
	});
});

describe('round trips', async () => {
	it.each([
		['sites', 'csv', 308],
		['sites', 'xlsx', 308],
		['sites', 'geojson', 308],
		['services', 'csv', 311], // 308 public services and 3 council staff offices
		['zones', 'csv', 139],
		['zones', 'geojson', 139]
	] as const)('re-importing a %s %s export changes nothing', async (kind, format, rows) => {
		const { db, partnershipId } = await demoDb();
		const file = await exportFile(db, partnershipId, kind, format, NOTHING_WITHHELD);
		const prepared = await importOk(db, partnershipId, kind, file.fileName, file.body);
		expect(prepared.plan.diff).toMatchObject({ added: [], changed: [], removed: [], unchanged: rows });
	});

	it("importing the open-data pack's own files changes nothing (prose and timetable columns are not guessed as figures)", async () => {
		const { db, partnershipId } = await demoDb();
		const read = (file: string) => ({ name: path.basename(file), bytes: fs.readFileSync(file) });
		const sites = await prepareImport(db, partnershipId, { kind: 'sites', file: read('data/trafford/sites.geojson') });
		expect(sites.plan.problems).toEqual([]);
		expect(sites.plan.mapping.openingHoursPerWeek).toBeNull();
		expect(sites.plan.mapping.facilitiesGbpPerYear).toBeNull();
		expect(sites.plan.diff).toMatchObject({ added: [], changed: [], unchanged: 308 });
		const zones = await prepareImport(db, partnershipId, {
			kind: 'zones',
			file: read('data/trafford/zones.geojson'),
			zonesCsv: read('data/trafford/zones.csv')
		});
		expect(zones.plan.problems).toEqual([]);
		expect(zones.plan.diff).toMatchObject({ added: [], changed: [], unchanged: 139 });
	});

	it('export then import into an empty estate gives the same sites and services', async () => {
		const source = await demoDb();
		// Give the source some facts the pack lacks, so the round trip carries every type.
		await (await importOk(source.db, source.partnershipId, 'sites', 'sites-good.csv', fixture('sites-good.csv').bytes)).commit(TEST_ACTOR);
		await (await importOk(source.db, source.partnershipId, 'services', 'services-good.csv', fixture('services-good.csv').bytes)).commit(TEST_ACTOR);
		const sitesCsv = await exportFile(source.db, source.partnershipId, 'sites', 'csv', NOTHING_WITHHELD);
		const servicesXlsx = await exportFile(source.db, source.partnershipId, 'services', 'xlsx', NOTHING_WITHHELD);

		const target = await demoDb();
		await target.db.delete(t.site);
		expect(await listSites(target.db, target.partnershipId)).toEqual([]);
		await (await importOk(target.db, target.partnershipId, 'sites', 'sites.csv', sitesCsv.body)).commit(TEST_ACTOR);
		await (await importOk(target.db, target.partnershipId, 'services', 'services.xlsx', servicesXlsx.body)).commit(TEST_ACTOR);
		expect(siteFacts(target.db, target.partnershipId)).toEqual(siteFacts(source.db, source.partnershipId));
	});

	it('exports CSV with a UTF-8 byte-order mark and formula-looking text defused, and reads it back unchanged', async () => {
		const { db, partnershipId } = await demoDb();
		await db.update(t.site).set({ name: '=HYPERLINK("http://evil")' }).where(eq(t.site.ref, 'lib-altrincham'));
		await db.update(t.site).set({ name: '-Hale Library' }).where(eq(t.site.ref, 'lib-hale'));
		const csv = (await exportFile(db, partnershipId, 'sites', 'csv', NOTHING_WITHHELD)).body as string;
		expect(csv.startsWith('\uFEFFref,name,kind,')).toBe(true);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
		expect(csv).toContain(",'-Hale Library,");
		const prepared = await importOk(db, partnershipId, 'sites', 'sites.csv', csv);
		expect(prepared.plan.diff!.changed).toEqual([]);
	});

	it('puts formula-looking text into XLSX as plain text, without the CSV apostrophe, and reads it back unchanged', async () => {
		const { db, partnershipId } = await demoDb();
		await db.update(t.site).set({ name: '=HYPERLINK("http://evil")' }).where(eq(t.site.ref, 'lib-altrincham'));
		const xlsx = (await exportFile(db, partnershipId, 'sites', 'xlsx', NOTHING_WITHHELD)).body as Uint8Array;
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
		const sheet = book.worksheets[0];
		const nameColumn = (sheet.getRow(1).values as string[]).indexOf('name');
		const cells: ExcelJS.Cell[] = [];
		sheet.eachRow((row) => cells.push(row.getCell(nameColumn)));
		const evil = cells.find((c) => String(c.value).includes('HYPERLINK'))!;
		expect(evil.value).toBe('=HYPERLINK("http://evil")');
		expect(evil.type).toBe(ExcelJS.ValueType.String);
		const prepared = await importOk(db, partnershipId, 'sites', 'sites.xlsx', xlsx);
		expect(prepared.plan.diff!.changed).toEqual([]);
	});

	it('exports scenarios with their engine results', async () => {
		const { db, partnershipId } = await demoDb();
		await scenarios.create(db, TEST_ACTOR, partnershipId, { name: 'Close Coppice library', actions: [{ type: 'close', siteRef: 'lib-coppice' }] });
		const csv = (await exportFile(db, partnershipId, 'scenarios', 'csv', NOTHING_WITHHELD)).body as string;
		const [header, row] = csv.replace('\uFEFF', '').trim().split('\r\n');
		const cells = Object.fromEntries(header.split(',').map((h, i) => [h, row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)![i]?.replace(/,$/, '')]));
		expect(cells.name).toBe('Close Coppice library');
		expect(cells.sites_vacated).toBe('1');
		expect(cells.result_error).toBe('');
		expect(Number(cells.npv_gbp)).not.toBeNaN();
	});

	// An SQLite file backup; PostgreSQL's (pg_dump) is pg-restore.test.ts's.
	it.skipIf(dialect === 'postgres')('backup then restore gives the same data, and integrity_check is ok', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-backup-'));
		const db = await openDb(path.join(dir, 'live.sqlite'));
		await ensureDemoData(db, TEST_ACTOR);
		const before = dataChecksum(db);
		await backupDatabase(db, path.join(dir, 'backup.sqlite'));
		await db.delete(t.site);
		expect(dataChecksum(db)).not.toBe(before);
		await restoreDatabase(db, TEST_ACTOR, path.join(dir, 'backup.sqlite'));
		expect(dataChecksum(db)).toBe(before);
		// The restored log is the backup's, plus the restore itself.
		const log = await db.select({ kind: t.auditEvent.entityKind, who: t.auditEvent.actorLabel, summary: t.auditEvent.summary }).from(t.auditEvent);
		expect(log.map((e) => e.kind)).toEqual(['seed', 'restore']);
		expect(log[1]).toEqual({ kind: 'restore', who: 'test suite', summary: 'Database restored from the backup "backup.sqlite"' });
		expect(sqliteClientOf(db)!.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(fs.readdirSync(dir).sort()).toEqual(['backup.sqlite', 'live.sqlite', 'live.sqlite-shm', 'live.sqlite-wal']);
	});

	// An SQLite file backup; PostgreSQL's (pg_dump) is pg-restore.test.ts's.
	it.skipIf(dialect === 'postgres')('refuses to restore a file that is not a Hubplan database, leaving the data as it was', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-restore-'));
		const db = await openDb(path.join(dir, 'live.sqlite'));
		await ensureDemoData(db, TEST_ACTOR);
		const before = dataChecksum(db);
		fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a database at all');
		await expect(restoreDatabase(db, TEST_ACTOR, path.join(dir, 'notes.txt'))).rejects.toThrow(/not a Hubplan backup: it is not an SQLite database/);
		const other = new Database(path.join(dir, 'other.sqlite'));
		other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT)');
		other.close();
		await expect(restoreDatabase(db, TEST_ACTOR, path.join(dir, 'other.sqlite'))).rejects.toThrow(/is an SQLite database but not a Hubplan one: it has no __drizzle_migrations, partnership/);
		const damaged = path.join(dir, 'damaged.sqlite');
		await backupDatabase(db, damaged);
		const bytes = fs.readFileSync(damaged);
		// Scribble over the middle of the file: the header still says SQLite, the pages do not add up.
		bytes.fill(0x5a, 4096 * 3, 4096 * 40);
		fs.writeFileSync(damaged, bytes);
		await expect(restoreDatabase(db, TEST_ACTOR, damaged)).rejects.toThrow(/damaged|malformed/);
		expect(dataChecksum(db)).toBe(before);
	});
});
