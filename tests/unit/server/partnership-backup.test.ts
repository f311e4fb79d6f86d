import Database from 'better-sqlite3';
import { desc, eq, getTableColumns, is, sql } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t, type Db } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import { tableDigest } from '$lib/server/db/table-copy';
import { estateVersion, partnershipById } from '$lib/server/estate';
import * as scenarios from '$lib/server/scenarios';
import { PARTNERSHIP_BACKUP_RULES, restorePartnershipBackup, writePartnershipBackup, type TableName } from '$lib/server/partnership-backup';
import { setRestrictedFields } from '$lib/server/restricted-fields';
import { DEMO_PARTNERSHIP_ID as A, ensureDemoWithExamples, seedPack } from '$lib/server/seed';
import { TRAFFORD_PACK_DIR } from '$lib/server/pack';
import { EXPORT_TABLES } from '$lib/server/export';
import { actions as dataPage } from '../../../src/routes/data/+page.server';
import { GET as exportRoute } from '../../../src/routes/api/export/[file]/+server';
import { GET as tableCsv } from '../../../src/routes/[table=estateTable].csv/+server';
import { GET as estateMap } from '../../../src/routes/api/estate/map/+server';
import { GET as engineData } from '../../../src/routes/api/engine-data/+server';
import { GET as siteJson } from '../../../src/routes/api/geo/sites/[ref]/+server';
import { GET as compareCsv } from '../../../src/routes/api/compare/csv/+server';
import { openTestDb, testLocals } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

const B = 'neighbours';
const tableNames = Object.keys(PARTNERSHIP_BACKUP_RULES) as TableName[];

/**
 * A SHA-256 per table of the rows belonging to `partnershipId` (all rows when null), the
 * partnership row without its estate version (a restore renews it).
 */
async function digest(db: Db, partnershipId: string | null): Promise<Record<string, string>> {
	const owned = async (name: TableName, parent: TableName, column: string) => {
		const parentRows = (await db.select().from(t[parent])) as Record<string, unknown>[];
		const parents = new Set(parentRows.filter((r) => partnershipId === null || r.partnershipId === partnershipId).map((r) => r.id));
		return ((await db.select().from(t[name])) as Record<string, unknown>[]).filter((r) => parents.has(r[column]));
	};
	const out: Record<string, string> = {};
	for (const name of tableNames) {
		// The audit log only grows, and records the restore itself (its own test below).
		if (name === 'auditEvent') continue;
		const rule = PARTNERSHIP_BACKUP_RULES[name];
		let rows: Record<string, unknown>[];
		if (rule.scope === 'via') rows = await owned(name, rule.parent, rule.column);
		else rows = (await db.select().from(t[name])) as Record<string, unknown>[];
		if (partnershipId !== null && rule.scope !== 'via') rows = rows.filter((r) => (name === 'partnership' ? r.id : r.partnershipId) === partnershipId || rule.scope === 'catalogue');
		const keys = Object.keys(getTableColumns(schema[name])).filter((k) => k !== 'estateVersion');
		out[name] = tableDigest(rows.map((r) => keys.map((k) => r[k] ?? null))).sha256;
	}
	return out;
}

describe('partnership backup and restore', async () => {
	let db: Db;
	let dir: string;
	let backupA: string;
	let backupB: string;

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-partnership-backup-'));
		db = await openTestDb();
		await ensureDemoWithExamples(db, TEST_ACTOR);
		await seedPack(db, TEST_ACTOR, TRAFFORD_PACK_DIR, { id: B, name: 'Neighbouring partnership', areaCode: null });
		await scenarios.ensureBaseline(db, B);
		await setRestrictedFields(db, TEST_ACTOR, A, ['rentGbpPerYear']);
		backupA = path.join(dir, 'a.sqlite');
		backupB = path.join(dir, 'b.sqlite');
		await writePartnershipBackup(db, A, backupA);
		await writePartnershipBackup(db, B, backupB);
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('has a rule for every table of the schema', () => {
		const tables = Object.entries(schema).filter(([, value]) => is(value, SQLiteTable)).map(([key]) => key);
		expect(Object.keys(PARTNERSHIP_BACKUP_RULES).sort()).toEqual(tables.sort());
	});

	it('holds only its own partnership: one partnership row, no other partnership id anywhere, no uploads', () => {
		const sqlite = new Database(backupA, { readonly: true });
		try {
			expect(sqlite.prepare('SELECT id FROM partnership').all()).toEqual([{ id: A }]);
			const tables = (sqlite.prepare("SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'partnership_id')").all() as { name: string }[]).map((r) => r.name);
			expect(tables).toContain('site');
			for (const table of tables) expect(sqlite.prepare(`SELECT count(*) AS n FROM "${table}" WHERE partnership_id <> ?`).get(A)).toEqual({ n: 0 });
			expect((sqlite.prepare('SELECT count(*) AS n FROM site').get() as { n: number }).n).toBeGreaterThan(300);
			expect((sqlite.prepare('SELECT count(*) AS n FROM scenario').get() as { n: number }).n).toBe(4);
			expect(sqlite.prepare('SELECT count(*) AS n FROM import_upload').get()).toEqual({ n: 0 });
			expect(sqlite.prepare('SELECT field FROM restricted_field').all()).toEqual([{ field: 'rentGbpPerYear' }]);
		} finally {
			sqlite.close();
		}
	});

	it('round trip: restoring A brings back exactly what was backed up, leaves B identical and renews the estate version', async () => {
		const beforeA = await digest(db, A);
		const beforeB = await digest(db, B);
		const versionBefore = await estateVersion(db, A);
		// Change A: rename a building, delete a scenario, lift the restriction.
		const [site] = await db.select().from(t.site).where(eq(t.site.partnershipId, A)).limit(1);
		await db.update(t.site).set({ name: 'Renamed after the backup' }).where(eq(t.site.id, site.id));
		const [example] = await db.select().from(t.scenario).where(eq(t.scenario.partnershipId, A)).limit(1);
		await db.delete(t.scenario).where(eq(t.scenario.id, example.id));
		await setRestrictedFields(db, TEST_ACTOR, A, []);
		expect(await digest(db, A)).not.toEqual(beforeA);

		const report = await restorePartnershipBackup(db, TEST_ACTOR, await partnershipById(db, A), backupA);
		expect(report.checks.every((c) => c.matches)).toBe(true);
		expect(report.checks.find((c) => c.table === 'site')!.targetRows).toBeGreaterThan(300);
		expect(await digest(db, A)).toEqual(beforeA);
		expect(await digest(db, B)).toEqual(beforeB);
		expect(await estateVersion(db, A)).not.toBe(versionBefore);
		const [entry] = await db.select().from(t.auditEvent).where(eq(t.auditEvent.entityKind, 'restore')).orderBy(desc(t.auditEvent.id)).limit(1);
		expect(entry).toMatchObject({ partnershipId: A, action: 'restored', actorLabel: 'test suite' });
	});

	it('keeps a decision record frozen after the backup was taken', async () => {
		const [comparison] = await db.insert(t.savedComparison).values({ partnershipId: A, title: 'Options', linkIds: ['baseline'] }).returning();
		const [record] = await db
			.insert(t.decisionRecord)
			.values({ partnershipId: A, savedComparisonId: comparison.id, title: 'Options', presentedOn: '2026-12-01', snapshot: '{}', contentSha256: 'ab'.repeat(32) })
			.returning();
		const report = await restorePartnershipBackup(db, TEST_ACTOR, await partnershipById(db, A), backupA);
		expect(report.keptDecisionRecords).toBe(1);
		const [kept] = await db.select().from(t.decisionRecord).where(eq(t.decisionRecord.id, record.id));
		// The comparison it was frozen from is not in the backup, so the link goes, as when a comparison is deleted.
		expect(kept).toEqual({ ...record, savedComparisonId: null });
		expect(await db.select().from(t.savedComparison).where(eq(t.savedComparison.id, comparison.id))).toEqual([]);
	});

	it('the Import and export page restores an upload, and refuses another partnership’s naming the file', async () => {
		const post = (file: string, name: string) => {
			const form = new FormData();
			form.set('backup', new File([fs.readFileSync(file)], name));
			return new Request('http://localhost/data?/restore', { method: 'POST', body: form });
		};
		const locals = await testLocals(db, 'data_manager');
		const refused = await dataPage.restore({ request: post(backupB, 'their backup.sqlite'), locals } as never);
		expect(refused).toMatchObject({ status: 400, data: { form: 'restore', error: expect.stringMatching(/^"their backup.sqlite" is a backup of the partnership "Neighbouring partnership"/) } });
		const done = await dataPage.restore({ request: post(backupA, 'ours.sqlite'), locals } as never);
		expect(done).toMatchObject({ form: 'restore', done: expect.stringMatching(/^Restored “Trafford.*” from ours.sqlite: \d+ tables, \d+ rows, every count and content hash as in the backup\./) });
	});

	it('no raw export, table CSV, map, engine or geo response, nor a comparison download holds the other partnership’s rows', async () => {
		const MARK = 'Only in the neighbours';
		await db.update(t.site).set({ name: sql`${MARK} || ${t.site.name}` }).where(eq(t.site.partnershipId, B));
		await db.update(t.zone).set({ name: sql`${MARK} || ${t.zone.name}` }).where(eq(t.zone.partnershipId, B));
		await db.update(t.scenario).set({ name: sql`${MARK} || ${t.scenario.name}` }).where(eq(t.scenario.partnershipId, B));
		await db.update(t.partnership).set({ estateVersion: 'renewed by the test' }).where(eq(t.partnership.id, B));
		const locals = await testLocals(db, 'admin');
		const request = (path: string) => new Request(`http://localhost${path}`);
		const bodies: Record<string, string> = {};
		for (const [name, entry] of Object.entries(EXPORT_TABLES)) {
			for (const format of entry.formats.filter((f) => f !== 'xlsx')) {
				const file = `${name}.${format}`;
				bodies[`/api/export/${file}`] = await (await exportRoute({ params: { file }, locals } as never)).text();
			}
		}
		for (const table of ['sites', 'zones'] as const) {
			bodies[`/${table}.csv`] = await (await tableCsv({ params: { table }, url: new URL(`http://localhost/${table}.csv`), locals } as never)).text();
		}
		bodies['/api/estate/map'] = await (await estateMap({ request: request('/api/estate/map'), locals } as never)).text();
		bodies['/api/engine-data'] = await (await engineData({ request: request('/api/engine-data'), locals } as never)).text();
		bodies['/api/geo/sites/lib-altrincham'] = await (await siteJson({ params: { ref: 'lib-altrincham' }, locals } as never)).text();
		for (const [path, body] of Object.entries(bodies)) expect(body.includes(MARK), path).toBe(false);
		expect(bodies['/api/export/sites.csv']).toContain('lib-altrincham');
		// A comparison naming the other partnership's scenario is refused as unknown, not computed.
		const [theirs] = await db.select().from(t.scenario).where(eq(t.scenario.partnershipId, B));
		await expect(compareCsv({ url: new URL(`http://localhost/api/compare/csv?ids=baseline,${theirs.id}`), locals } as never)).rejects.toMatchObject({ status: 400 });
	});

	const refusals: [string, () => string, RegExp][] = [
		['another partnership’s backup', () => backupB, /is a backup of the partnership "Neighbouring partnership" \(neighbours\), not of .*nothing changed/],
		[
			'a file holding two partnerships',
			() => doctored('two', (s) => s.exec(`INSERT INTO partnership (id, name, bbox) VALUES ('${B}', 'Neighbours', '[0,0,1,1]')`)),
			/holds 2 partnerships .*a partnership backup holds exactly one/
		],
		[
			'a doctored file (a trigger planted)',
			() => doctored('trigger', (s) => s.exec('CREATE TRIGGER wipe AFTER INSERT ON scenario BEGIN DELETE FROM site; END')),
			/unexpected trigger "wipe" on table scenario/
		],
		[
			'a doctored file (a site moved to another partnership)',
			() =>
				doctored('moved', (s) => {
					s.pragma('foreign_keys = OFF');
					s.exec(`UPDATE site SET partnership_id = '${B}' WHERE rowid = (SELECT min(rowid) FROM site)`);
				}),
			/fails PRAGMA foreign_key_check/
		],
		[
			'a file from a future migration level',
			() => doctored('future', (s) => s.exec("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('abc', 99999999999999)")),
			/comes from a newer Hubplan .*Upgrade Hubplan first/
		],
		['a file that is not SQLite', () => written('notes.sqlite', 'name,rent\nHale library,420\n'), /is not a Hubplan backup: it is not an SQLite database/]
	];

	function doctored(name: string, change: (sqlite: Database.Database) => void): string {
		const file = path.join(dir, `${name}.sqlite`);
		fs.copyFileSync(backupA, file);
		const sqlite = new Database(file);
		change(sqlite);
		sqlite.close();
		return file;
	}
	function written(name: string, text: string): string {
		const file = path.join(dir, name);
		fs.writeFileSync(file, text);
		return file;
	}

	it.each(refusals)('refuses %s and changes nothing', async (_label, file, message) => {
		const before = await digest(db, null);
		await expect(restorePartnershipBackup(db, TEST_ACTOR, await partnershipById(db, A), file())).rejects.toThrow(message);
		expect(await digest(db, null)).toEqual(before);
	});
});
