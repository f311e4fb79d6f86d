import { describe, expect, it } from 'vitest';
import { t } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID, ensureDemoData } from '$lib/server/seed';
import { getSite, getZone, listSites, loadEngineData } from '$lib/server/estate';
import { LIBRARY_VISITS_PER_RESIDENT_PER_YEAR } from '$lib/server/estimates';
import { defaultParameters, evaluateScenario } from '$lib/engine';
import { openTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

describe('seeding the Trafford pack', async () => {
	const db = await openTestDb();
	const first = await ensureDemoData(db, TEST_ACTOR);

	it('loads every building and zone of the pack once', async () => {
		expect(first).toContain('308 sites, 139 zones');
		expect((await db.select().from(t.site))).toHaveLength(308);
		expect((await db.select().from(t.zone))).toHaveLength(139);
	});

	it('keeps the data already there when run again', async () => {
		expect(await ensureDemoData(db, TEST_ACTOR)).toContain('already loaded');
		expect((await db.select().from(t.site))).toHaveLength(308);
		// One public service per building, and the staff offices of the 3 council offices.
		expect((await db.select().from(t.siteService))).toHaveLength(311);
	});

	it('estimates a library’s space from the MLA standard, never as its building’s floor area', async () => {
		const sale = (await loadEngineData(db, DEMO_PARTNERSHIP_ID)).sites.find((s) => s.ref === 'lib-sale')!;
		// 22,900-odd residents × 30 m² per 1,000 = 688 m², capped at the 600 m² of the building today.
		expect(sale.services[0]).toMatchObject({ service: 'library', spaceM2: 600 });
		const stretford = (await loadEngineData(db, DEMO_PARTNERSHIP_ID)).sites.find((s) => s.ref === 'lib-stretford')!;
		expect(stretford.services[0].spaceM2).toBeLessThan(stretford.giaM2!);
	});

	it('keeps a town hall open when its counter is withdrawn: its staff offices stay', async () => {
		const data = await loadEngineData(db, DEMO_PARTNERSHIP_ID);
		const r = evaluateScenario(data, [{ type: 'withdraw_service', siteRef: 'co-trafford-town-hall', service: 'council_customer_service' }], defaultParameters());
		expect(r.appraisal.vacatedSites).toEqual([]);
	});

	it('stores the ONS mid-2024 population and IMD 2025 of a zone', async () => {
		const zone = await getZone(db, DEMO_PARTNERSHIP_ID, 'E01006074');
		expect(zone?.popTotal).toBe(1634);
		expect(zone?.imdDecile).toBe(5);
		expect(zone?.populationSource).toBe('ONS mid-2024 population estimates');
	});

	it('records register GIA as recorded and a typical size as an estimate', async () => {
		const stretford = await getSite(db, DEMO_PARTNERSHIP_ID, 'lib-stretford');
		expect(stretford?.giaM2).toBe(1142);
		expect(stretford?.provenance.giaM2?.basis).toBe('recorded');
		const altrincham = await getSite(db, DEMO_PARTNERSHIP_ID, 'lib-altrincham');
		expect(altrincham?.giaM2).toBe(600);
		expect(altrincham?.provenance.giaM2?.basis).toBe('estimated');
		expect(altrincham?.provenance.facilitiesGbpPerYear?.basis).toBe('estimated');
	});

	it('never takes a delivery-office footprint as a post office counter area', async () => {
		const big = await getSite(db, DEMO_PARTNERSHIP_ID, 'po-3319f249');
		expect(big?.giaM2).toBe(100);
		expect(big?.provenance.giaM2).toMatchObject({ basis: 'estimated' });
	});

	it('gives library visits that add up to the residents × the CIPFA rate', async () => {
		const libraries = (await listSites(db, DEMO_PARTNERSHIP_ID)).filter((s) => s.kind === 'library');
		const weekly = libraries.reduce((sum, s) => sum + (s.visitsPerWeek ?? 0), 0);
		const residents = (await db.select().from(t.zone)).reduce((sum, z) => sum + z.popTotal, 0);
		expect(weekly).toBeCloseTo((residents * LIBRARY_VISITS_PER_RESIDENT_PER_YEAR) / 52, -1);
		expect(libraries.every((s) => s.visitsEstimated)).toBe(true);
	});

	it('leaves visits unestimated where no published rate exists', async () => {
		const po = (await listSites(db, DEMO_PARTNERSHIP_ID)).find((s) => s.kind === 'post_office');
		expect(po?.visitsPerWeek).toBeNull();
	});

	it('shapes the estate as engine input with the groups the data carries', async () => {
		const data = await loadEngineData(db, DEMO_PARTNERSHIP_ID);
		expect(data.zones).toHaveLength(139);
		expect(data.sites).toHaveLength(308);
		const zone = data.zones.find((z) => z.code === 'E01006074');
		expect(zone?.groups).toMatchObject({ age65: 339, age75: 201, noCar: 129, disabled: 320, badHealth: 107, deprived: 0 });
		expect(data.sites.find((s) => s.ref === 'lib-altrincham')?.annualRunningCostGbp).toBe(60000);
	});
});

describe('Census equality counts', async () => {
	it('are loaded with the pack: a zone’s counts, its MSOA, and the MSOAs’ counts', async () => {
		const db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		const zone = await getZone(db, DEMO_PARTNERSHIP_ID, 'E01006074');
		expect(zone?.areaCode).toBe('E02001283');
		expect(zone?.equality).toMatchObject({ 'sex.base': 1642, 'sex.female': 844, 'ethnicity.whiteBritish': 1276 });
		expect((await db.select().from(t.area))).toHaveLength(28);
		const data = await loadEngineData(db, DEMO_PARTNERSHIP_ID);
		expect(data.areas).toHaveLength(28);
		// The zone's own columns join them, each over its own table's total.
		expect(data.zones.find((z) => z.code === 'E01006074')?.equality).toMatchObject({ 'age.base': 1634, 'sex.female': 844 });
	});

	it('reach a database seeded before they existed, once, when the seed runs again', async () => {
		const db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		await db.update(t.zone).set({ equality: null, areaCode: null });
		await db.delete(t.area);
		expect(await ensureDemoData(db, TEST_ACTOR)).toContain('added Census equality counts to 139 zones');
		expect((await getZone(db, DEMO_PARTNERSHIP_ID, 'E01006074'))?.equality?.['sex.female']).toBe(844);
		expect((await db.select().from(t.area))).toHaveLength(28);
		expect(await ensureDemoData(db, TEST_ACTOR)).not.toContain('added');
	});
});
