import { describe, expect, it } from 'vitest';
import { DEMO_PARTNERSHIP_ID, ensureDemoData } from '$lib/server/seed';
import { listZones } from '$lib/server/estate';
import {
	contextLayerRefs,
	siteDetail,
	siteSummaries,
	zoneFeatures,
	zoneProfile,
	zoneSummary
} from '$lib/map/summaries.server';
import { openTestDb } from '../../support/db';
import { NOTHING_WITHHELD } from '$lib/server/restricted-fields';
import { TEST_ACTOR } from '../../support/actor';

describe('what the map and tables ship to the browser', async () => {
	const db = await openTestDb();
	await ensureDemoData(db, TEST_ACTOR);
	const { sites, organisations } = await siteSummaries(db, DEMO_PARTNERSHIP_ID, NOTHING_WITHHELD);

	it('summarises all 308 buildings with their partner', async () => {
		expect(sites).toHaveLength(308);
		expect(sites.filter((s) => s.kind === 'library')).toHaveLength(13);
		expect(organisations.map((o) => o.id)).toContain('trafford-council');
	});

	it('marks a typical-size area and the cost made from it as estimates', async () => {
		const altrincham = sites.find((s) => s.ref === 'lib-altrincham')!;
		expect(altrincham).toMatchObject({
			name: 'Altrincham Library',
			organisationName: 'Trafford Council',
			giaM2: 600,
			giaEstimated: true,
			annualRunningCostGbp: 60000,
			runningCostEstimated: true,
			visitsEstimated: true
		});
	});

	it('keeps a register GIA as recorded while the cost made from it is still an estimate', async () => {
		const stretford = sites.find((s) => s.ref === 'lib-stretford')!;
		expect(stretford.giaM2).toBe(1142);
		expect(stretford.giaEstimated).toBe(false);
		expect(stretford.runningCostEstimated).toBe(true);
	});

	it('leaves buildings with no visit model without a figure rather than a zero', async () => {
		const dentist = sites.find((s) => s.kind === 'dentist')!;
		expect(dentist.visitsPerWeek).toBeNull();
		expect(dentist.visitsEstimated).toBe(false);
	});

	it('gives zones as slim rows and as polygons carrying only code and name', async () => {
		const zones = await listZones(db, DEMO_PARTNERSHIP_ID, { geometry: true });
		const bowdon = zoneSummary(zones.find((z) => z.code === 'E01006074')!);
		expect(bowdon).toMatchObject({ popTotal: 1634, imdDecile: 5, wardName: 'Bowdon' });
		const features = zoneFeatures(zones);
		expect(features.features).toHaveLength(139);
		expect(Object.keys(features.features[0].properties!)).toEqual(['code', 'name']);
	});

	it('finds one building or zone in full, or null for an unknown one', async () => {
		expect((await siteDetail(db, DEMO_PARTNERSHIP_ID, 'lib-altrincham', NOTHING_WITHHELD))?.site.services[0].serviceName).toBe('Library');
		expect(await siteDetail(db, DEMO_PARTNERSHIP_ID, 'nope', NOTHING_WITHHELD)).toBeNull();
		const profile = (await zoneProfile(db, DEMO_PARTNERSHIP_ID, 'E01006074'))!;
		expect('geometry' in profile).toBe(false);
		expect(profile.pop65Plus).toBe(339);
		expect(await zoneProfile(db, DEMO_PARTNERSHIP_ID, 'E0')).toBeNull();
	});

	it('points the map at the context layers the pack has, leaving out bus stops', async () => {
		const names = (await contextLayerRefs(db, DEMO_PARTNERSHIP_ID)).map((c) => c.name);
		expect(names.sort()).toEqual(
			['boundary', 'built_up_areas', 'greenspace_sites', 'metrolink_lines_osm', 'metrolink_stops', 'rail_stations', 'wards_2023', 'watercourses'].sort()
		);
	});

	it('names the partnership in each context layer URL, so a browser never serves one partnership the layer it kept for another', async () => {
		const [boundary] = await contextLayerRefs(db, DEMO_PARTNERSHIP_ID);
		expect(boundary.url).toBe(`/api/geo/context/${boundary.name}?partnership=${DEMO_PARTNERSHIP_ID}`);
	});
});
