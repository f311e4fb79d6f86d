import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { dialect, t, transaction, type Db } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData } from '$lib/server/seed';
import * as audit from '$lib/server/audit/log';
import { describeEvent } from '$lib/server/audit/describe';
import * as scenarios from '$lib/server/scenarios';
import * as revisions from '$lib/server/scenario-revisions';
import * as pilots from '$lib/server/pilots';
import * as partners from '$lib/server/partners';
import * as criteria from '$lib/server/criteria';
import * as mitigations from '$lib/server/mitigations';
import * as decisions from '$lib/server/decisions';
import { prepareImport, type ImportKind } from '$lib/server/import';
import { setRestrictedFields } from '$lib/server/restricted-fields';
import { AUDIT_ACTIONS, AUDIT_ENTITY_KINDS, type AuditAction, type AuditEntityKind } from '$lib/audit/kinds';
import type { Actor } from '$lib/server/auth/actor';
import { openTestDb } from '../../support/db';

const PLANNER: Actor = { kind: 'user', userId: 'u-1', email: 'planner@trafford.example', address: '192.0.2.7' };
const NOW = new Date('2026-12-01T12:00:00Z');

/** The newest entry for a thing, which must exist. */
async function latest(db: Db, entityKind: AuditEntityKind, entityId: string | number) {
	const [event] = await audit.list(db, P, { entityKind, entityId: String(entityId) }, { limit: 1 });
	expect(event, `an audit entry for ${entityKind} ${entityId}`).toBeDefined();
	return event;
}

async function importCsv(db: Db, kind: ImportKind, name: string, csv: string, removeMissing = false) {
	const prepared = await prepareImport(db, P, { kind, file: { name, bytes: new TextEncoder().encode(csv) }, options: { now: NOW, removeMissing } });
	expect(prepared.plan.problems).toEqual([]);
	return prepared.commit(PLANNER);
}

describe('The audit log records every kind of change', () => {
	let db: Db;
	let scenarioId: number;
	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoData(db, { kind: 'system', name: 'Hubplan server (first start)' });
		scenarioId = (await scenarios.create(db, PLANNER, P, { name: 'Close Hale' })).id;
	});

	it('seed: loading the data pack is one system entry', async () => {
		const seeded = await audit.list(db, P, { entityKind: 'seed' });
		expect(seeded).toHaveLength(1);
		expect(seeded[0]).toMatchObject({ action: 'seeded', actorKind: 'system', actorLabel: 'Hubplan server (first start)', actorId: null });
		expect(seeded[0].summary).toMatch(/308 buildings, 139 zones/);
	});

	it('scenario created, with who, when and from where', async () => {
		const event = await latest(db, 'scenario', scenarioId);
		expect(event).toMatchObject({ action: 'created', actorKind: 'user', actorId: 'u-1', actorLabel: 'planner@trafford.example', address: '192.0.2.7' });
		expect(event.after).toMatchObject({ name: 'Close Hale', actions: [] });
		expect(event.at).toMatch(/^\d{4}-\d\d-\d\dT/);
	});

	it('scenario changed: the fields before and after, in words', async () => {
		const s = await scenarios.get(db, P, scenarioId);
		await scenarios.addAction(db, PLANNER, P, s.id, s.version, { type: 'close', siteRef: 'lib-hale' });
		const event = await latest(db, 'scenario', scenarioId);
		expect(event.action).toBe('changed');
		expect(event.before).toEqual({ actions: [] });
		expect(event.after).toEqual({ actions: [{ type: 'close', siteRef: 'lib-hale' }] });
		expect(event.summary).toBe('Scenario "Close Hale", version 2: Close Hale Library');
		expect(describeEvent(event).changes).toEqual([{ field: 'Actions', from: '0 actions', to: '1 action' }]);
	});

	it('scenario reverted', async () => {
		const s = await scenarios.get(db, P, scenarioId);
		await scenarios.revert(db, PLANNER, P, s.id, s.version, 1);
		const event = await latest(db, 'scenario', scenarioId);
		expect(event).toMatchObject({ action: 'reverted', summary: 'Scenario "Close Hale", version 3: Reverted to version 1' });
	});

	it('scenario deleted, keeping what it was', async () => {
		const s = await scenarios.create(db, PLANNER, P, { name: 'Short-lived' });
		await scenarios.remove(db, PLANNER, P, s.id);
		const event = await latest(db, 'scenario', s.id);
		expect(event).toMatchObject({ action: 'deleted', before: { name: 'Short-lived' } });
	});

	it('pilot milestone created, changed and deleted', async () => {
		const input = { title: 'Consult residents', startDate: '2027-01-04', endDate: '2027-02-26' };
		const m = await pilots.createMilestone(db, PLANNER, P, scenarioId, input);
		expect((await latest(db, 'milestone', m.id)).action).toBe('created');
		await pilots.updateMilestone(db, PLANNER, P, scenarioId, m.id, m.version, { ...input, status: 'on_track' });
		const changed = await latest(db, 'milestone', m.id);
		expect(changed.action).toBe('changed');
		expect(describeEvent(changed).changes).toEqual([{ field: 'Status', from: 'Not started', to: 'On track' }]);
		await pilots.deleteMilestone(db, PLANNER, P, scenarioId, m.id);
		expect((await latest(db, 'milestone', m.id)).action).toBe('deleted');
	});

	it('pilot cost created, changed (with its split between partners) and deleted', async () => {
		const cost = await pilots.createCost(db, PLANNER, P, scenarioId, { label: 'Fit-out', amountGbp: '10000', contributions: { 'trafford-council': '10000' } });
		expect((await latest(db, 'pilot_cost', cost.id)).after).toMatchObject({ label: 'Fit-out', amountGbp: 10000 });
		await pilots.updateCost(db, PLANNER, P, scenarioId, cost.id, cost.version, { label: 'Fit-out', amountGbp: '12000', contributions: { 'trafford-council': '12000' } });
		const changed = await latest(db, 'pilot_cost', cost.id);
		expect(changed.action).toBe('changed');
		// Sorted: PostgreSQL's jsonb keeps an object's keys in its own order.
		expect(describeEvent(changed).changes.map((c) => c.field).sort()).toEqual(['Amount (£)', expect.stringMatching(/^Paid by: /)]);
		await pilots.deleteCost(db, PLANNER, P, scenarioId, cost.id);
		expect((await latest(db, 'pilot_cost', cost.id)).action).toBe('deleted');
	});

	it('partner created, changed and merged', async () => {
		const a = await partners.add(db, PLANNER, P, { name: 'Oaklands College', kind: 'education' });
		expect((await latest(db, 'partner', a.id)).action).toBe('created');
		await partners.update(db, PLANNER, P, a.id, { name: 'Oaklands College Trust', kind: 'education' });
		expect(await latest(db, 'partner', a.id)).toMatchObject({ action: 'changed', summary: 'Partner "Oaklands College" renamed "Oaklands College Trust"' });
		const b = await partners.add(db, PLANNER, P, { name: 'Oaklands (duplicate)', kind: 'education' });
		await partners.merge(db, PLANNER, P, b.id, a.id);
		expect(await latest(db, 'partner', b.id)).toMatchObject({ action: 'merged', before: { name: 'Oaklands (duplicate)' } });
	});

	it('criterion created and deleted', async () => {
		const c = await criteria.create(db, PLANNER, P, { name: 'Libraries within 2 miles', service: 'library', threshold: '2', thresholdUnit: 'miles', group: 'total', targetPercent: '95' });
		expect((await latest(db, 'criterion', c.id)).action).toBe('created');
		await criteria.remove(db, PLANNER, P, c.id);
		expect(await latest(db, 'criterion', c.id)).toMatchObject({ action: 'deleted', before: { name: 'Libraries within 2 miles' } });
	});

	it('mitigation created and deleted', async () => {
		const m = await mitigations.create(db, PLANNER, P, scenarioId, { action: 'Home library service', owner: 'Libraries', forWhom: 'Residents aged 75+' });
		expect((await latest(db, 'mitigation', m.id)).action).toBe('created');
		await mitigations.remove(db, PLANNER, P, scenarioId, m.id);
		expect((await latest(db, 'mitigation', m.id)).action).toBe('deleted');
	});

	it('saved comparison created and changed; decision record frozen', async () => {
		const input = { title: 'Libraries', recommendation: 'Close Hale', rationale: 'Saves most', author: 'Priya Shah', ids: ['baseline', String(scenarioId)], service: 'library' };
		const saved = await decisions.saveComparison(db, PLANNER, P, input);
		expect((await latest(db, 'comparison', saved.id)).action).toBe('created');
		await decisions.updateRecommendation(db, PLANNER, P, saved.id, saved.version, { ...input, recommendation: 'Keep Hale' });
		const changed = await latest(db, 'comparison', saved.id);
		expect(describeEvent(changed).changes).toEqual([{ field: 'Recommendation', from: 'Close Hale', to: 'Keep Hale' }]);
		const record = await decisions.freeze(db, PLANNER, P, saved.id, '2027-01-14', NOW);
		expect(await latest(db, 'decision', record.id)).toMatchObject({ action: 'frozen', after: { presentedOn: '2027-01-14' } });
	});

	it('import: one entry for the run and one per building added, changed or removed', async () => {
		const header = 'ref,name,kind,lon,lat,gia_m2';
		const run = await importCsv(db, 'sites', 'estate.csv', `${header}\nlib-hale,Hale Library,library,-2.3475,53.3786,640\nnew-hub,New Hub,community_hub,-2.33,53.42,900\n`);
		const imported = await latest(db, 'import', run.importRunId);
		expect(imported).toMatchObject({ action: 'imported', actorLabel: 'planner@trafford.example' });
		expect(imported.summary).toBe('Imported sites from estate.csv: 1 added, 1 changed, 0 removed');
		expect((await latest(db, 'site', 'new-hub')).action).toBe('created');
		const hale = await latest(db, 'site', 'lib-hale');
		expect(hale.action).toBe('changed');
		expect(hale.after).toMatchObject({ giaM2: 640 });
		expect(describeEvent(hale).changes).toContainEqual({ field: 'Gross internal area', from: '600', to: '640' });
	});

	it('import: a removed building keeps its facts in the log', async () => {
		const sites = await db.select({ ref: t.site.ref, name: t.site.name, kind: t.site.kind, lon: t.site.lon, lat: t.site.lat }).from(t.site).where(eq(t.site.partnershipId, P));
		const kept = sites.filter((s) => s.ref !== 'lib-woodsend');
		const csv = ['ref,name,kind,lon,lat', ...kept.map((s) => `${s.ref},"${s.name}",${s.kind},${s.lon},${s.lat}`)].join('\n');
		const run = await importCsv(db, 'sites', 'all-but-woodsend.csv', csv, true);
		expect(run.removed).toBe(1);
		const removed = await latest(db, 'site', 'lib-woodsend');
		expect(removed).toMatchObject({ action: 'deleted', before: { ref: 'lib-woodsend', kind: 'library' } });
	});

	it('import: services and zones changed', async () => {
		await importCsv(db, 'services', 'services.csv', 'site_ref,service,visits_per_week\nlib-altrincham,library,1234\n');
		expect(await latest(db, 'service', 'lib-altrincham / library')).toMatchObject({ action: 'changed', after: { visitsPerWeek: 1234 } });
		const [zone] = await db.select().from(t.zone).where(eq(t.zone.partnershipId, P)).limit(1);
		await importCsv(db, 'zones', 'zones.csv', `code,population\n${zone.code},${zone.popTotal + 10}\n`);
		expect(await latest(db, 'zone', zone.code)).toMatchObject({ action: 'changed', after: { popTotal: zone.popTotal + 10 } });
	});

	it("a building's history lists its own changes and its services', and no other building's", async () => {
		const refs = (await audit.list(db, P, { siteRef: 'lib-altrincham' })).map((e) => e.entityId);
		expect(refs).toContain('lib-altrincham / library');
		expect(refs.every((r) => r === 'lib-altrincham' || r.startsWith('lib-altrincham / '))).toBe(true);
	});

	it('member: the kind accounts will record membership changes under', async () => {
		await transaction(db, (tx) => audit.record(tx, PLANNER, P, { entityKind: 'member', entityId: 'u-2', action: 'created', after: { email: 'viewer@trafford.example', role: 'viewer' }, summary: 'viewer@trafford.example added as a viewer' }));
		expect(describeEvent(await latest(db, 'member', 'u-2'))).toMatchObject({ kind: 'Member', action: 'Added' });
	});

	it('restriction: which fields viewers see as restricted, before → after, and nothing when nothing changed', async () => {
		await setRestrictedFields(db, PLANNER, P, ['rentGbpPerYear']);
		const first = await latest(db, 'restriction', P);
		expect(first.after).toEqual({ restricted: 'Rent' });
		await setRestrictedFields(db, PLANNER, P, ['rentGbpPerYear']);
		expect((await latest(db, 'restriction', P)).id).toBe(first.id);
		await setRestrictedFields(db, PLANNER, P, []);
		expect(describeEvent(await latest(db, 'restriction', P))).toMatchObject({ kind: 'Restricted fields', action: 'Changed', summary: 'Restricted fields: none' });
	});

	it('every kind and action the registry lists has been recorded above, and reads in words', async () => {
		const events = await audit.list(db, P);
		const kinds = new Set(events.map((e) => e.entityKind));
		for (const kind of Object.keys(AUDIT_ENTITY_KINDS) as AuditEntityKind[]) {
			if (kind === 'restore') continue; // a restore replaces the database: restore.test.ts and pg-restore.test.ts
			expect(kinds, kind).toContain(kind);
		}
		const actions = new Set(events.map((e) => e.action));
		for (const action of Object.keys(AUDIT_ACTIONS) as AuditAction[]) if (action !== 'restored') expect(actions, action).toContain(action);
		for (const view of events.map(describeEvent)) {
			for (const text of [view.kind, view.action, ...view.changes.flatMap((c) => [c.field, c.from, c.to])]) {
				expect(text, 'no snake_case or JSON').not.toMatch(/\b[a-z]+_[a-z_]+\b|[{[]"/);
			}
		}
	});
});

describe('a failed or refused write records nothing', () => {
	let db: Db;
	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoData(db, PLANNER);
	});

	it('a save from a stale tab, invalid input or an invalid import adds no entry and no revision', async () => {
		const s = await scenarios.create(db, PLANNER, P, { name: 'Option' });
		await scenarios.update(db, PLANNER, P, s.id, s.version, { description: 'first tab' });
		const before = await audit.countOf(db, P);
		await expect(scenarios.update(db, PLANNER, P, s.id, s.version, { description: 'second tab' })).rejects.toBeInstanceOf(scenarios.ScenarioConflictError);
		await expect(scenarios.update(db, PLANNER, P, s.id, 2, { name: '' })).rejects.toBeInstanceOf(scenarios.ScenarioInputError);
		await expect(pilots.createMilestone(db, PLANNER, P, s.id, { title: 'x', startDate: '2027-02-30', endDate: '2027-03-01' })).rejects.toThrow(/not a real date/);
		const bad = await prepareImport(db, P, { kind: 'sites', file: { name: 'bad.csv', bytes: new TextEncoder().encode('ref,name,kind,lon,lat\nx,X,library,0,0\n') } });
		await expect(bad.commit(PLANNER)).rejects.toThrow(/nothing was written/);
		expect(await audit.countOf(db, P)).toBe(before);
		expect((await revisions.list(db, P, s.id)).map((r) => r.version)).toEqual([2, 1]);
	});

	it('an entry written in a transaction that then fails is rolled back with it', async () => {
		const before = await audit.countOf(db, P);
		await expect(
			transaction(db, async (tx) => {
				await audit.record(tx, PLANNER, P, { entityKind: 'scenario', entityId: 1, action: 'changed', summary: 'never happened' });
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await audit.countOf(db, P)).toBe(before);
		expect(await audit.list(db, P, { q: 'never happened' })).toEqual([]);
	});
});

describe('scenario revisions', () => {
	let db: Db;
	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoData(db, PLANNER);
	});

	it('keeps every saved version; restoring one is a new version that keeps the later ones', async () => {
		let s = await scenarios.create(db, PLANNER, P, { name: 'Libraries' });
		s = await scenarios.addAction(db, PLANNER, P, s.id, s.version, { type: 'close', siteRef: 'lib-hale' });
		s = await scenarios.update(db, PLANNER, P, s.id, s.version, { name: 'Libraries, revised' });
		const restored = await scenarios.revert(db, PLANNER, P, s.id, s.version, 1);
		expect(restored).toMatchObject({ version: 4, name: 'Libraries', actions: [], redo: [] });
		const saved = await revisions.list(db, P, s.id);
		expect(saved.map((r) => [r.version, r.summary])).toEqual([
			[4, 'Reverted to version 1'],
			[3, 'Renamed from "Libraries" to "Libraries, revised"'],
			[2, 'Close Hale Library'],
			[1, 'Created']
		]);
		expect(saved.every((r) => r.actorLabel === 'planner@trafford.example')).toBe(true);
		expect(saved[0].snapshot).toEqual(saved[3].snapshot);
	});

	it('a restore from a stale page is refused and writes nothing', async () => {
		let s = await scenarios.create(db, PLANNER, P, { name: 'Stale' });
		s = await scenarios.update(db, PLANNER, P, s.id, s.version, { description: 'v2' });
		await expect(scenarios.revert(db, PLANNER, P, s.id, 1, 1)).rejects.toBeInstanceOf(scenarios.ScenarioConflictError);
		await expect(scenarios.revert(db, PLANNER, P, s.id, s.version, 9)).rejects.toBeInstanceOf(revisions.RevisionNotFoundError);
		expect((await revisions.list(db, P, s.id)).map((r) => r.version)).toEqual([2, 1]);
	});
});

describe('the audit log is append only', () => {
	it('its module exports no way to change or remove an entry', async () => {
		const exported = Object.keys(await import('$lib/server/audit/log')).sort();
		expect(exported).toEqual(['SHAPE', 'countOf', 'list', 'record', 'recordAll', 'recordInEveryPartnership', 'rowSnapshot']);
	});

	it('no other module of the app writes to the table', () => {
		const TOUCHES_THE_LOG = /t\.auditEvent|(update|delete\s+from|insert\s+into|truncate)\s+["`]?audit_event/i;
		const owners = new Set(['src/lib/server/audit/log.ts', 'src/lib/server/db/schema.ts', 'src/lib/server/db/schema-pg.ts']);
		const touching: string[] = [];
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const file = path.join(dir, entry.name);
				if (entry.isDirectory()) walk(file);
				else if (/\.(ts|js|svelte)$/.test(entry.name) && TOUCHES_THE_LOG.test(fs.readFileSync(file, 'utf8')) && !owners.has(file)) touching.push(file);
			}
		};
		walk('src');
		expect(touching).toEqual([]);
	});

	it(`the database (${dialect}) refuses UPDATE and DELETE on it`, async () => {
		const db = await openTestDb();
		await ensureDemoData(db, PLANNER);
		const before = await audit.list(db, P);
		expect(before.length).toBeGreaterThan(0);
		// drizzle wraps PostgreSQL's error ("Failed query: …"); the trigger's words are in its cause.
		const refusal = (work: Promise<unknown>) => work.then(() => 'allowed', (e: Error) => `${e.message} ${(e.cause as Error | undefined)?.message ?? ''}`);
		expect(await refusal(db.update(t.auditEvent).set({ summary: 'rewritten' }))).toMatch(/append only: its rows cannot be changed/);
		expect(await refusal(db.delete(t.auditEvent))).toMatch(/append only: its rows cannot be deleted/);
		expect(await audit.list(db, P)).toEqual(before);
	});
});
