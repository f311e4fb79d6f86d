import { and, eq, getTableColumns } from 'drizzle-orm';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { t, type Db } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import { SITE_FIELDS } from '$lib/server/import/fields';
import { RESTRICTABLE_FIELDS, RUNNING_COST_PARTS, withheldFields } from '$lib/restricted-fields';
import { restrictedFields, setRestrictedFields, withheldFor } from '$lib/server/restricted-fields';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoWithExamples } from '$lib/server/seed';
import * as scenarios from '$lib/server/scenarios';
import * as decisions from '$lib/server/decisions';
import { GET as recordJson } from '../../../src/routes/decisions/records/[id]/record.json/+server';
import { GET as estateMap } from '../../../src/routes/api/estate/map/+server';
import { GET as engineData } from '../../../src/routes/api/engine-data/+server';
import { GET as siteJson } from '../../../src/routes/api/geo/sites/[ref]/+server';
import { GET as exportFile } from '../../../src/routes/api/export/[file]/+server';
import { GET as tableCsv } from '../../../src/routes/[table=estateTable].csv/+server';
import { load as sitePage } from '../../../src/routes/sites/[ref]/+page.server';
import { load as sitesPage } from '../../../src/routes/sites/+page.server';
import { load as mapPage } from '../../../src/routes/+page.server';
import { load as workspacePage } from '../../../src/routes/scenarios/[id]/+page.server';
import { openTestDb, testLocals } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

describe('the registry of restrictable fields', () => {
	it('lists site columns that the sites import and export carry', () => {
		const columns = getTableColumns(schema.site);
		for (const { key } of RESTRICTABLE_FIELDS) {
			expect(columns).toHaveProperty(key);
			expect(SITE_FIELDS.map((f) => f.key)).toContain(key);
		}
	});

	it('withholds the running cost whenever a part of it is restricted, and only then', () => {
		for (const part of RUNNING_COST_PARTS) expect(withheldFields([part])).toEqual([part, 'annualRunningCostGbp']);
		expect(withheldFields(['leaseEnd', 'tenure'])).toEqual(['tenure', 'leaseEnd']);
		expect(withheldFields([])).toEqual([]);
	});
});

describe('the partnership setting', async () => {
	let db: Db;
	beforeAll(async () => {
		db = await openTestDb();
		await db.insert(t.partnership).values([
			{ id: 'a', name: 'A', bbox: [0, 0, 1, 1] },
			{ id: 'b', name: 'B', bbox: [0, 0, 1, 1] }
		]);
	});

	it('keeps exactly the fields chosen, per partnership, in the registry’s order', async () => {
		expect(await setRestrictedFields(db, TEST_ACTOR, 'a', ['leaseEnd', 'rentGbpPerYear', 'rentGbpPerYear'])).toEqual(['rentGbpPerYear', 'leaseEnd']);
		expect(await setRestrictedFields(db, TEST_ACTOR, 'b', ['tenure'])).toEqual(['tenure']);
		expect(await setRestrictedFields(db, TEST_ACTOR, 'a', ['backlogGbp'])).toEqual(['backlogGbp']);
		expect(await restrictedFields(db, 'b')).toEqual(['tenure']);
		expect(await setRestrictedFields(db, TEST_ACTOR, 'a', [])).toEqual([]);
	});

	it('refuses a field the registry does not list, naming it and the accepted ones, and changes nothing', async () => {
		await setRestrictedFields(db, TEST_ACTOR, 'a', ['rentGbpPerYear']);
		await expect(setRestrictedFields(db, TEST_ACTOR, 'a', ['giaM2'])).rejects.toThrow(/"giaM2" is not a field that can be restricted: expected any of rentGbpPerYear, .*backlogGbp\./);
		expect(await restrictedFields(db, 'a')).toEqual(['rentGbpPerYear']);
	});

	it('withholds nothing from editors and above, the restricted fields from viewers and the signed out', async () => {
		for (const role of ['editor', 'data_manager', 'admin'] as const) expect((await withheldFor(db, 'a', role)).fields).toEqual([]);
		expect((await withheldFor(db, 'a', 'viewer')).fields).toEqual(['rentGbpPerYear', 'annualRunningCostGbp']);
		expect((await withheldFor(db, 'a', null)).fields).toEqual(['rentGbpPerYear', 'annualRunningCostGbp']);
	});
});

describe('no response to a viewer holds a restricted value', async () => {
	let db: Db;
	let viewer: App.Locals;
	let admin: App.Locals;
	let scenarioId: number;
	let recordId: number;
	/** Values nothing else in the estate has, so finding them in a response can only be a leak. */
	const RENT = 987_654.25;
	const LEASE_END = '2031-03-17';
	const BACKLOG = 123_456.75;
	let runningCost: number;

	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoWithExamples(db, TEST_ACTOR);
		const where = and(eq(t.site.partnershipId, P), eq(t.site.ref, 'lib-altrincham'));
		await db.update(t.site).set({ rentGbpPerYear: RENT, leaseEnd: LEASE_END, tenure: 'leasehold', backlogGbp: BACKLOG }).where(where);
		const [site] = await db.select().from(t.site).where(where);
		runningCost = RENT + (site.ratesGbpPerYear ?? 0) + (site.facilitiesGbpPerYear ?? 0);
		await setRestrictedFields(db, TEST_ACTOR, P, ['rentGbpPerYear', 'tenure', 'leaseEnd', 'backlogGbp']);
		viewer = await testLocals(db, 'viewer');
		admin = await testLocals(db, 'admin');
		scenarioId = (await scenarios.list(db, P)).find((s) => !s.isBaseline)!.id;
		const saved = await decisions.saveComparison(db, TEST_ACTOR, P, { title: 'Options', recommendation: 'Go ahead', rationale: 'It saves money', author: 'Test', ids: ['baseline', String(scenarioId)], service: 'library' });
		recordId = (await decisions.freeze(db, TEST_ACTOR, P, saved.id, '2027-01-14')).id;
	});

	const request = (path: string) => new Request(`http://localhost${path}`);
	const url = (path: string) => new URL(`http://localhost${path}`);

	/** Every response a viewer can get that shows a building's facts, as text. */
	async function responses(locals: App.Locals): Promise<Record<string, string>> {
		const text = async (response: Response) => response.text();
		const ref = { ref: 'lib-altrincham' };
		const out: Record<string, string> = {
			'/api/estate/map': await text(await estateMap({ request: request('/api/estate/map'), locals } as never)),
			'/api/engine-data': await text(await engineData({ request: request('/api/engine-data'), locals } as never)),
			'/api/geo/sites/lib-altrincham': await text(await siteJson({ params: ref, locals } as never)),
			'/sites.csv': await text(await tableCsv({ params: { table: 'sites' }, url: url('/sites.csv?all=1'), locals } as never)),
			'/sites/lib-altrincham': JSON.stringify(await sitePage({ params: ref, locals } as never)),
			'/sites': JSON.stringify(await sitesPage({ url: url('/sites?q=altrincham'), locals } as never)),
			'/': JSON.stringify(await mapPage({ locals } as never)),
			'/scenarios/[id]': JSON.stringify(await workspacePage({ params: { id: String(scenarioId) }, locals } as never)),
			'/decisions/records/[id]/record.json': await text(await recordJson({ params: { id: String(recordId) }, locals } as never))
		};
		for (const file of ['sites.csv', 'sites.geojson', 'services.csv', 'scenarios.csv']) {
			out[`/api/export/${file}`] = await text(await exportFile({ params: { file }, locals } as never));
		}
		return out;
	}

	/** Where any of the restricted values (or the running cost made from the rent) appears in the responses. */
	function leaks(all: Record<string, string>): string[] {
		const needles = [String(RENT), LEASE_END, String(BACKLOG), String(runningCost), 'leasehold'];
		return Object.entries(all).flatMap(([path, body]) => needles.filter((n) => body.includes(n)).map((n) => `${path} holds ${n}`));
	}

	it('the viewer’s responses hold none of the values, while an admin’s hold them (so the test can see a leak)', async () => {
		expect(leaks(await responses(viewer))).toEqual([]);
		const adminLeaks = leaks(await responses(admin));
		expect(adminLeaks).toContain(`/api/geo/sites/lib-altrincham holds ${RENT}`);
		expect(adminLeaks).toContain(`/api/export/sites.csv holds ${LEASE_END}`);
		expect(adminLeaks).toContain(`/api/engine-data holds ${LEASE_END}`);
		expect(adminLeaks).toContain(`/decisions/records/[id]/record.json holds ${LEASE_END}`);
	});

	it('the viewer sees "restricted" on the site page, the sites table and its CSV; exports leave the columns out', async () => {
		const page = (await sitePage({ params: { ref: 'lib-altrincham' }, locals: viewer } as never)) as { detail: { site: { restrictedFields: string[]; rentGbpPerYear: number | null } } };
		expect(page.detail.site.restrictedFields).toEqual(['rentGbpPerYear', 'tenure', 'leaseEnd', 'backlogGbp', 'annualRunningCostGbp']);
		expect(page.detail.site.rentGbpPerYear).toBeNull();
		const csv = await (await tableCsv({ params: { table: 'sites' }, url: url('/sites.csv?q=altrincham+library'), locals: viewer } as never)).text();
		const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, '').trim(), { header: true }).data;
		expect(rows.find((r) => r.ref === 'lib-altrincham')?.annual_running_cost_gbp).toBe('restricted');
		const exported = await (await exportFile({ params: { file: 'sites.csv' }, locals: viewer } as never)).text();
		const columns = exported.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
		expect(columns).not.toContain('rent_gbp_per_year');
		expect(columns).not.toContain('lease_end');
		expect(columns).toContain('rates_gbp_per_year');
		const workspace = (await workspacePage({ params: { id: String(scenarioId) }, locals: viewer } as never)) as { moneyRestricted: boolean };
		expect(workspace.moneyRestricted).toBe(true);
	});

	it('the cached estate map and sites table are kept apart by what is withheld, and follow a change of the setting', async () => {
		const map = async (locals: App.Locals) => (await estateMap({ request: request('/api/estate/map'), locals } as never)).text();
		expect(await map(admin)).toContain(String(runningCost));
		expect(await map(viewer)).not.toContain(String(runningCost));
		expect(await map(admin)).toContain(String(runningCost));
		await setRestrictedFields(db, TEST_ACTOR, P, []);
		expect(await map(viewer)).toContain(String(runningCost));
		await setRestrictedFields(db, TEST_ACTOR, P, ['rentGbpPerYear']);
		expect(await map(viewer)).not.toContain(String(runningCost));
		await setRestrictedFields(db, TEST_ACTOR, P, ['rentGbpPerYear', 'tenure', 'leaseEnd', 'backlogGbp']);
	});
});
