import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/lib/server/db';
import { InvalidImportError, prepareImport } from '../../../src/lib/server/import';
import { demoDb, NOW } from './helpers';
import { TEST_ACTOR } from '../../support/actor';

const CSV = [
	'Site ref,Name,Type,Longitude,Latitude,Partner',
	'cvs-trafford,Trafford CVS office,community_hub,-2.3118,53.4468,Centre for Voluntary Service',
	'oak-outreach,Oaklands College outreach,college,-2.3204,53.4248,Oaklands College',
	'cvs-annexe,CVS annexe,community_hub,-2.3119,53.4469,centre for voluntary service',
	'lib-altrincham,Altrincham Library,library,-2.352157,53.387055,Trafford Council'
].join('\n');

async function prepare(createPartners?: boolean) {
	const { db, partnershipId } = await demoDb();
	const file = { name: 'partners.csv', bytes: new TextEncoder().encode(CSV) };
	return { db, prepared: await prepareImport(db, partnershipId, { kind: 'sites', file, options: { now: NOW, createPartners } }) };
}

describe('an import naming partners Hubplan does not know', async () => {
	it('is not refused: the review lists each new partner once, as first written', async () => {
		const { prepared } = await prepare();
		expect(prepared.plan.problems).toEqual([]);
		expect(prepared.plan.diff?.newPartners).toEqual(['Centre for Voluntary Service', 'Oaklands College']);
	});

	it('is refused at commit, naming every row, until the user agrees to add them; nothing is written', async () => {
		const { db, prepared } = await prepare(false);
		let error: unknown;
		try {
			await prepared.commit(TEST_ACTOR);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InvalidImportError);
		expect((error as InvalidImportError).problems.map((p) => [p.row, p.column, p.value, p.problem])).toEqual([
			[2, 'Partner', 'Centre for Voluntary Service', 'unknown partner organisation'],
			[3, 'Partner', 'Oaklands College', 'unknown partner organisation'],
			[4, 'Partner', 'centre for voluntary service', 'unknown partner organisation']
		]);
		expect((await db.select().from(t.organisation))).toHaveLength(11);
		expect((await db.select().from(t.site).where(eq(t.site.ref, 'cvs-trafford')))).toEqual([]);
	});

	it('adds them with the sites when the user agrees, each once, and points the sites at them', async () => {
		const { db, prepared } = await prepare(true);
		expect(await prepared.commit(TEST_ACTOR)).toMatchObject({ added: 3, changed: 0 });
		const orgs = await db.select().from(t.organisation);
		const cvs = orgs.filter((o) => o.name.toLowerCase() === 'centre for voluntary service');
		expect(cvs).toEqual([expect.objectContaining({ name: 'Centre for Voluntary Service', kind: 'other' })]);
		const siteOrg = async (ref: string) => (await db.select().from(t.site).where(eq(t.site.ref, ref)))[0]!.organisationId;
		expect((await siteOrg('cvs-trafford'))).toBe(cvs[0].id);
		expect((await siteOrg('cvs-annexe'))).toBe(cvs[0].id);
		expect((await siteOrg('oak-outreach'))).toBe(orgs.find((o) => o.name === 'Oaklands College')!.id);
		expect((await siteOrg('lib-altrincham'))).toBe('trafford-council');
	});
});

describe('an import that names a building as another is named', async () => {
	it('tells them apart as the pack does, and a name from the file drops the derived mark', async () => {
		const { db, partnershipId } = await demoDb();
		const csv = [
			'Site ref,Name,Type,Longitude,Latitude',
			'po-new,Altrincham Library,post_office,-2.3118,53.4468',
			'po-0c5900ef,Stretford Post Office,post_office,-2.287113,53.453165'
		].join('\n');
		const prepared = await prepareImport(db, partnershipId, { kind: 'sites', file: { name: 'names.csv', bytes: new TextEncoder().encode(csv) }, options: { now: NOW } });
		await prepared.commit(TEST_ACTOR);
		const site = async (ref: string) => (await db.select().from(t.site).where(eq(t.site.ref, ref)))[0]!;
		expect((await site('po-new')).name).toBe('Altrincham Library, Stretford');
		expect((await site('lib-altrincham')).name).toMatch(/^Altrincham Library, Altrincham \(WA14/);
		expect((await site('po-0c5900ef'))).toMatchObject({ name: 'Stretford Post Office', provenance: expect.not.objectContaining({ name: expect.anything() }) });
	});
});
