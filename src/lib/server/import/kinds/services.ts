/**
 * Services-per-site import: which catalogue services run in which building, with weekly visits,
 * staff and space. The stable id is the pair (site ref, service code).
 */
import { t } from '../../db';
import { eq } from 'drizzle-orm';
import * as estateWrites from '../../estate-writes';
import { SERVICE_FIELDS } from '../fields';
import { keyedDiff, type Existing, type FieldValue, type ImportDiff } from '../diff';
import { duplicateProblems, unknownValueProblems, type ImportContext, type KindHandler, type ParsedRecord } from '../records';
import type { ImportProblem } from '../problems';
import { addedProvenance, changedFields } from './recorded';
import { siteIds } from './site-ids';

const FACT_KEYS = SERVICE_FIELDS.filter((f) => f.fact).map((f) => f.key);
const idOf = (siteRef: string, serviceCode: string) => `${siteRef} / ${serviceCode}`;

async function check(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportProblem[]> {
	const codes = (await ctx.db.select({ code: t.service.code }).from(t.service)).map((s) => s.code);
	return [
		...duplicateProblems(
			ctx,
			records,
			(r) => (r.values.siteRef && r.values.serviceCode ? idOf(r.values.siteRef as string, r.values.serviceCode as string) : null),
			'serviceCode',
			'site and service pair'
		),
		...unknownValueProblems(ctx, records, 'siteRef', await siteIds(ctx), 'matches no site', 'the ref of a site already loaded (import sites first)'),
		...unknownValueProblems(ctx, records, 'serviceCode', new Set(codes), 'unknown service', `a service code from the catalogue: ${codes.join(', ')}`)
	];
}

async function stored(ctx: ImportContext) {
	return ctx.db
		.select({ row: t.siteService, ref: t.site.ref, siteName: t.site.name })
		.from(t.siteService)
		.innerJoin(t.site, eq(t.site.id, t.siteService.siteId))
		.where(eq(t.siteService.partnershipId, ctx.partnershipId));
}

async function diff(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportDiff> {
	const existing = new Map<string, Existing>(
		(await stored(ctx)).map(({ row, ref, siteName }) => [
			idOf(ref, row.serviceCode),
			{ label: `${siteName}: ${row.serviceCode}`, values: row as unknown as Record<string, FieldValue> }
		])
	);
	const incoming = records.map((r) => ({
		id: idOf(r.values.siteRef as string, r.values.serviceCode as string),
		label: `${r.values.siteRef}: ${r.values.serviceCode}`,
		values: Object.fromEntries(FACT_KEYS.map((k) => [k, r.values[k]]))
	}));
	return keyedDiff(existing, incoming, ctx.options.removeMissing ?? false);
}

async function commit(ctx: ImportContext, records: ParsedRecord[]): Promise<ImportDiff> {
	const plan = await diff(ctx, records);
	const sites = await siteIds(ctx);
	const rows = new Map((await stored(ctx)).map(({ row, ref }) => [idOf(ref, row.serviceCode), row]));
	const byId = new Map(records.map((r) => [idOf(r.values.siteRef as string, r.values.serviceCode as string), r.values]));
	await estateWrites.insertSiteServices(
		ctx.db,
		plan.added.map(({ id }) => {
			const v = byId.get(id)!;
			return {
				partnershipId: ctx.partnershipId,
				siteId: sites.get(v.siteRef as string)!,
				serviceCode: v.serviceCode as string,
				visitsPerWeek: v.visitsPerWeek as number | null,
				staffFte: v.staffFte as number | null,
				spaceM2: v.spaceM2 as number | null,
				provenance: addedProvenance(ctx, v, FACT_KEYS)
			};
		})
	);
	for (const entry of plan.changed) {
		const row = rows.get(entry.id)!;
		const { set, provenance } = changedFields(ctx, entry, row.provenance, FACT_KEYS);
		await estateWrites.updateSiteService(ctx.db, row.id, { ...set, provenance });
	}
	if (plan.removeMissing) await estateWrites.deleteSiteServices(ctx.db, plan.removed.map((r) => rows.get(r.id)!.id));
	return plan;
}

export const servicesImport: KindHandler = { fields: SERVICE_FIELDS, check, diff, commit };
