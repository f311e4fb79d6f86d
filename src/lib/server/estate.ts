/**
 * Read access to a partnership's estate: the buildings, zones, partners and context layers the map
 * and tables show, and the same data shaped as engine input. Routes, the CLI and the API all read
 * through here, so the numbers they show come from one place.
 */
import { and, asc, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { t, transaction, type Db } from './db';
import type { AreaInput, EngineData, SiteInput, TravelMatrixInput, ZoneInput } from '../engine/types';
import * as criteria from './criteria';

export type Partnership = typeof t.partnership.$inferSelect;
export type SiteRow = typeof t.site.$inferSelect;
export type SiteServiceRow = typeof t.siteService.$inferSelect;
export type ZoneRow = typeof t.zone.$inferSelect;
export type Organisation = typeof t.organisation.$inferSelect;

export interface SiteWithServices extends SiteRow {
	services: (SiteServiceRow & { serviceName: string })[];
	/** Rent + rates + facilities where any is known, £ per year. */
	annualRunningCostGbp: number | null;
	/** Sum of the services' weekly visits where any is known. */
	visitsPerWeek: number | null;
	/** True when the visits figure is an estimate. */
	visitsEstimated: boolean;
}

/**
 * The first (demo) partnership, the oldest: the one the first admin joins and a printed report
 * (`hubplan report --format pdf`) reads. Signed-in requests work in their session's partnership.
 */
export async function firstPartnership(db: Db): Promise<Partnership> {
	const [row] = await db.select().from(t.partnership).orderBy(asc(t.partnership.createdAt), asc(t.partnership.id)).limit(1);
	if (!row) throw new Error('No partnership in the database: run `npx hubplan seed` first.');
	return row;
}

/** One partnership by id; a missing one is a programming error (ids come from the request or the CLI). */
export async function partnershipById(db: Db, partnershipId: string): Promise<Partnership> {
	const [row] = await db.select().from(t.partnership).where(eq(t.partnership.id, partnershipId));
	if (!row) throw new Error(`No partnership "${partnershipId}" in the database.`);
	return row;
}

/**
 * The partnership's estate version: a token that changes whenever anything the engine reads from the
 * estate changes (import, seeding; a restore brings the backup's own). A database from before
 * versions existed has none yet and is given one here.
 */
export async function estateVersion(db: Db, partnershipId: string): Promise<string> {
	const [row] = await db.select({ version: t.partnership.estateVersion }).from(t.partnership).where(eq(t.partnership.id, partnershipId));
	if (!row) throw new Error(`No partnership "${partnershipId}" in the database.`);
	return row.version || transaction(db, (tx) => renewEstateVersion(tx, partnershipId));
}

/** Marks the estate as changed; call it in the same transaction as the change. */
export async function renewEstateVersion(db: Db, partnershipId: string): Promise<string> {
	const version = randomUUID();
	await db.update(t.partnership).set({ estateVersion: version }).where(eq(t.partnership.id, partnershipId));
	return version;
}

export async function listOrganisations(db: Db, partnershipId: string): Promise<Organisation[]> {
	return db
		.select()
		.from(t.organisation)
		.where(eq(t.organisation.partnershipId, partnershipId))
		.orderBy(asc(t.organisation.name), asc(t.organisation.id));
}

export async function listServices(db: Db) {
	return db.select().from(t.service).orderBy(asc(t.service.name), asc(t.service.code));
}

/** All buildings with their services, ordered by name. */
export async function listSites(db: Db, partnershipId: string): Promise<SiteWithServices[]> {
	const sites = await db
		.select()
		.from(t.site)
		.where(eq(t.site.partnershipId, partnershipId))
		.orderBy(asc(t.site.name), asc(t.site.ref));
	const bySite = await servicesWhere(db, eq(t.siteService.partnershipId, partnershipId));
	return sites.map((s) => withDerived(s, bySite.get(s.id) ?? []));
}

export async function getSite(db: Db, partnershipId: string, ref: string): Promise<SiteWithServices | null> {
	const [row] = await db
		.select()
		.from(t.site)
		.where(and(eq(t.site.partnershipId, partnershipId), eq(t.site.ref, ref)));
	if (!row) return null;
	return withDerived(row, (await servicesWhere(db, eq(t.siteService.siteId, row.id))).get(row.id) ?? []);
}

/** The services matching `where`, with their catalogue names, grouped by site id. */
async function servicesWhere(db: Db, where: SQL): Promise<Map<number, SiteWithServices['services']>> {
	const bySite = new Map<number, SiteWithServices['services']>();
	const rows = await db
		.select({ row: t.siteService, serviceName: t.service.name })
		.from(t.siteService)
		.innerJoin(t.service, eq(t.service.code, t.siteService.serviceCode))
		.where(where)
		.orderBy(asc(t.siteService.id));
	for (const { row, serviceName } of rows) {
		const list = bySite.get(row.siteId) ?? [];
		list.push({ ...row, serviceName });
		bySite.set(row.siteId, list);
	}
	return bySite;
}

function withDerived(site: SiteRow, services: SiteWithServices['services']): SiteWithServices {
	const costs = [site.rentGbpPerYear, site.ratesGbpPerYear, site.facilitiesGbpPerYear].filter(
		(v): v is number => v !== null
	);
	const visits = services.map((s) => s.visitsPerWeek).filter((v): v is number => v !== null);
	return {
		...site,
		services,
		annualRunningCostGbp: costs.length ? costs.reduce((a, b) => a + b, 0) : null,
		visitsPerWeek: visits.length ? visits.reduce((a, b) => a + b, 0) : null,
		visitsEstimated: services.some((s) => s.provenance.visitsPerWeek?.basis === 'estimated')
	};
}

/** A zone's attributes without its polygon (most of the bytes, and most of the parsing). */
export type ZoneAttributes = Omit<ZoneRow, 'geometry'>;

const { geometry: _geometry, ...zoneAttributeColumns } = getTableColumns(t.zone);

/** Zones ordered by code; their polygons only when asked, so the engine input never parses them. */
export function listZones(db: Db, partnershipId: string, options: { geometry: true }): Promise<ZoneRow[]>;
export function listZones(db: Db, partnershipId: string, options?: { geometry?: false }): Promise<ZoneAttributes[]>;
export async function listZones(db: Db, partnershipId: string, options: { geometry?: boolean } = {}): Promise<ZoneAttributes[]> {
	const query = options.geometry ? db.select().from(t.zone) : db.select(zoneAttributeColumns).from(t.zone);
	return query.where(eq(t.zone.partnershipId, partnershipId)).orderBy(asc(t.zone.code));
}

export async function getZone(db: Db, partnershipId: string, code: string): Promise<ZoneRow | null> {
	const [row] = await db
		.select()
		.from(t.zone)
		.where(and(eq(t.zone.partnershipId, partnershipId), eq(t.zone.code, code)));
	return row ?? null;
}

/** Names of the partnership's basemap context layers, without their (large) GeoJSON. */
export async function listContextLayerNames(db: Db, partnershipId: string): Promise<string[]> {
	const rows = await db
		.select({ name: t.contextLayer.name })
		.from(t.contextLayer)
		.where(eq(t.contextLayer.partnershipId, partnershipId))
		.orderBy(asc(t.contextLayer.name));
	return rows.map((l) => l.name);
}

/** One context layer's GeoJSON as stored (JSON text, sent on as it is rather than parsed), or null. */
export async function contextLayerJson(db: Db, partnershipId: string, name: string): Promise<string | null> {
	// As text on both drivers (PostgreSQL's driver would parse jsonb).
	const [row] = await db
		.select({ geojson: sql<string>`cast(${t.contextLayer.geojson} as text)` })
		.from(t.contextLayer)
		.where(and(eq(t.contextLayer.partnershipId, partnershipId), eq(t.contextLayer.name, name)));
	return row?.geojson ?? null;
}

/** The estate as engine input: zones with their groups, buildings with services and costs. */
export async function loadEngineData(db: Db, partnershipId: string): Promise<EngineData> {
	const zones: ZoneInput[] = (await listZones(db, partnershipId)).map(zoneInput);
	const sites: SiteInput[] = (await listSites(db, partnershipId)).map((s) => ({
		ref: s.ref,
		name: s.name,
		kind: s.kind,
		lon: s.lon,
		lat: s.lat,
		giaM2: s.giaM2,
		desks: s.desks,
		visitCapacityPerWeek: s.visitCapacityPerWeek,
		annualRunningCostGbp: s.annualRunningCostGbp,
		organisationId: s.organisationId,
		services: s.services.map((x) => ({
			service: x.serviceCode,
			visitsPerWeek: x.visitsPerWeek,
			spaceM2: hostAreaAsSpace(x) ? null : x.spaceM2,
			staffFte: x.staffFte
		})),
		occupiedM2: recordedOccupiedM2(s),
		leaseEnd: s.leaseEnd,
		tenure: s.tenure
	}));
	const organisations = (await listOrganisations(db, partnershipId)).map(({ id, name }) => ({ id, name }));
	const matrix = await loadTravelMatrix(db, partnershipId);
	const areas: AreaInput[] = await db
		.select({ code: t.area.code, name: t.area.name, equality: t.area.equality })
		.from(t.area)
		.where(eq(t.area.partnershipId, partnershipId))
		.orderBy(asc(t.area.code));
	const data: EngineData = { zones, sites, organisations, areas, criteria: await criteria.listInputs(db, partnershipId) };
	return matrix ? { ...data, matrix } : data;
}

/**
 * Space in use as recorded: occupied m², else floor area − vacant m², else floor area × utilisation
 * %; null when none is recorded (the engine then estimates it from the default occupancy share).
 */
export function recordedOccupiedM2(site: Pick<SiteRow, 'giaM2' | 'occupiedM2' | 'vacantM2' | 'utilisationPct'>): number | null {
	if (site.occupiedM2 !== null) return site.occupiedM2;
	if (site.giaM2 === null) return null;
	if (site.vacantM2 !== null) return Math.max(0, site.giaM2 - site.vacantM2);
	if (site.utilisationPct !== null) return (site.giaM2 * site.utilisationPct) / 100;
	return null;
}

/**
 * Databases seeded before Hubplan estimated space needs stored each pack service's space as its
 * whole building's floor area; that is no space need, so the engine's norms replace it.
 */
const HOST_AREA_METHOD = 'the whole floor area of its building';
function hostAreaAsSpace(service: SiteServiceRow): boolean {
	const p = service.provenance.spaceM2;
	return p?.basis === 'estimated' && p.method.startsWith(HOST_AREA_METHOD);
}

/** Marks a zone × site pair the matrix has no time for; the engine reads a negative time as "no route". */
const NO_ROUTE = -1;

/**
 * The most recently imported travel-time matrix as engine input (zone-major minutes), or undefined
 * when none has been imported. Plain numbers, not a typed array, so it survives JSON to the workers.
 */
export async function loadTravelMatrix(db: Db, partnershipId: string): Promise<TravelMatrixInput | undefined> {
	const [latest] = await db
		.select()
		.from(t.travelMatrix)
		.where(eq(t.travelMatrix.partnershipId, partnershipId))
		.orderBy(desc(t.travelMatrix.id))
		.limit(1);
	if (!latest) return undefined;
	const times = await db
		.select({ zoneCode: t.travelTime.zoneCode, siteRef: t.travelTime.siteRef, minutes: t.travelTime.minutes })
		.from(t.travelTime)
		.where(eq(t.travelTime.matrixId, latest.id));
	const zoneCodes = [...new Set(times.map((x) => x.zoneCode))].sort();
	const siteRefs = [...new Set(times.map((x) => x.siteRef))].sort();
	const row = new Map(zoneCodes.map((code, i) => [code, i]));
	const col = new Map(siteRefs.map((ref, j) => [ref, j]));
	const minutes = new Array<number>(zoneCodes.length * siteRefs.length).fill(NO_ROUTE);
	for (const x of times) minutes[row.get(x.zoneCode)! * siteRefs.length + col.get(x.siteRef)!] = x.minutes;
	return { mode: latest.mode, zoneCodes, siteRefs, minutes };
}

/** Group sizes per zone; a group is left out where the data does not carry it. */
export function zoneInput(z: ZoneAttributes): ZoneInput {
	const groups: ZoneInput['groups'] = {};
	if (z.pop65Plus !== null) groups.age65 = z.pop65Plus;
	if (z.pop75Plus !== null) groups.age75 = z.pop75Plus;
	if (z.imdDecile !== null) groups.deprived = z.imdDecile <= 2 ? z.popTotal : 0;
	if (z.householdsNoCar !== null) groups.noCar = z.householdsNoCar;
	if (z.disabled !== null) groups.disabled = z.disabled;
	if (z.badHealth !== null) groups.badHealth = z.badHealth;
	return {
		code: z.code,
		lon: z.centroidLon,
		lat: z.centroidLat,
		population: z.popTotal,
		groups,
		share65Plus: z.popTotal > 0 && z.pop65Plus !== null ? z.pop65Plus / z.popTotal : 0,
		imdDecile: z.imdDecile,
		imdRank: z.imdRank,
		areaCode: z.areaCode,
		equality: equalityCounts(z, groups)
	};
}

/**
 * The zone's counts for the equality assessment: the Census tables loaded from the pack, plus the
 * groups the zone's own columns carry, each over its own table's total (the engine's keys,
 * `characteristic.group` and `characteristic.base`).
 */
function equalityCounts(z: ZoneAttributes, groups: ZoneInput['groups']): Record<string, number> {
	const counts: Record<string, number> = { ...(z.equality ?? {}) };
	const base = (key: string) => {
		const value = z.attributes[key];
		return typeof value === 'number' ? value : null;
	};
	const table = (characteristic: string, total: number | null, members: Partial<Record<string, number>>) => {
		const present = Object.entries(members).filter((e): e is [string, number] => e[1] !== undefined);
		if (total === null || present.length === 0) return;
		counts[`${characteristic}.base`] = total;
		for (const [group, n] of present) counts[`${characteristic}.${group}`] = n;
	};
	table('age', z.popTotal, { age65: groups.age65, age75: groups.age75 });
	table('disability', base('c21_disability_base') ?? z.popTotal, { disabled: groups.disabled });
	table('health', base('c21_health_base') ?? z.popTotal, { badHealth: groups.badHealth });
	table('deprivation', z.popTotal, { deprived: groups.deprived });
	table('carAccess', base('c21_hh_car_base') ?? z.households, { noCar: groups.noCar });
	return counts;
}
