/**
 * Read access to a partnership's estate: the buildings, zones, partners and context layers the map
 * and tables show, and the same data shaped as engine input. Routes, the CLI and the API all read
 * through here, so the numbers they show come from one place.
 */
import { and, asc, desc, eq, getTableColumns, type SQL } from 'drizzle-orm';
import type { Db } from './db';
import * as t from './db/schema';
import type { EngineData, SiteInput, TravelMatrixInput, ZoneInput } from '../engine/types';

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

/** The first (demo) partnership; more partnerships come with access control. */
export function getPartnership(db: Db): Partnership {
	const row = db.select().from(t.partnership).orderBy(asc(t.partnership.createdAt)).get();
	if (!row) throw new Error('No partnership in the database: run `npx hubplan seed` first.');
	return row;
}

export function listOrganisations(db: Db, partnershipId: string): Organisation[] {
	return db
		.select()
		.from(t.organisation)
		.where(eq(t.organisation.partnershipId, partnershipId))
		.orderBy(asc(t.organisation.name))
		.all();
}

export function listServices(db: Db) {
	return db.select().from(t.service).orderBy(asc(t.service.name)).all();
}

/** All buildings with their services, ordered by name. */
export function listSites(db: Db, partnershipId: string): SiteWithServices[] {
	const sites = db
		.select()
		.from(t.site)
		.where(eq(t.site.partnershipId, partnershipId))
		.orderBy(asc(t.site.name), asc(t.site.ref))
		.all();
	const bySite = servicesWhere(db, eq(t.siteService.partnershipId, partnershipId));
	return sites.map((s) => withDerived(s, bySite.get(s.id) ?? []));
}

export function getSite(db: Db, partnershipId: string, ref: string): SiteWithServices | null {
	const row = db
		.select()
		.from(t.site)
		.where(and(eq(t.site.partnershipId, partnershipId), eq(t.site.ref, ref)))
		.get();
	if (!row) return null;
	return withDerived(row, servicesWhere(db, eq(t.siteService.siteId, row.id)).get(row.id) ?? []);
}

/** The services matching `where`, with their catalogue names, grouped by site id. */
function servicesWhere(db: Db, where: SQL): Map<number, SiteWithServices['services']> {
	const bySite = new Map<number, SiteWithServices['services']>();
	const rows = db
		.select({ row: t.siteService, serviceName: t.service.name })
		.from(t.siteService)
		.innerJoin(t.service, eq(t.service.code, t.siteService.serviceCode))
		.where(where)
		.all();
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
export function listZones(db: Db, partnershipId: string, options: { geometry: true }): ZoneRow[];
export function listZones(db: Db, partnershipId: string, options?: { geometry?: false }): ZoneAttributes[];
export function listZones(db: Db, partnershipId: string, options: { geometry?: boolean } = {}): ZoneAttributes[] {
	const query = options.geometry ? db.select().from(t.zone) : db.select(zoneAttributeColumns).from(t.zone);
	return query.where(eq(t.zone.partnershipId, partnershipId)).orderBy(asc(t.zone.code)).all();
}

export function getZone(db: Db, partnershipId: string, code: string): ZoneRow | null {
	return (
		db
			.select()
			.from(t.zone)
			.where(and(eq(t.zone.partnershipId, partnershipId), eq(t.zone.code, code)))
			.get() ?? null
	);
}

export function listContextLayers(db: Db, partnershipId: string) {
	return db
		.select()
		.from(t.contextLayer)
		.where(eq(t.contextLayer.partnershipId, partnershipId))
		.orderBy(asc(t.contextLayer.name))
		.all();
}

/** The estate as engine input: zones with their groups, buildings with services and costs. */
export function loadEngineData(db: Db, partnershipId: string): EngineData {
	const zones: ZoneInput[] = listZones(db, partnershipId).map(zoneInput);
	const sites: SiteInput[] = listSites(db, partnershipId).map((s) => ({
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
	const organisations = listOrganisations(db, partnershipId).map(({ id, name }) => ({ id, name }));
	const matrix = loadTravelMatrix(db, partnershipId);
	return matrix ? { zones, sites, organisations, matrix } : { zones, sites, organisations };
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
export function loadTravelMatrix(db: Db, partnershipId: string): TravelMatrixInput | undefined {
	const latest = db
		.select()
		.from(t.travelMatrix)
		.where(eq(t.travelMatrix.partnershipId, partnershipId))
		.orderBy(desc(t.travelMatrix.id))
		.get();
	if (!latest) return undefined;
	const times = db
		.select({ zoneCode: t.travelTime.zoneCode, siteRef: t.travelTime.siteRef, minutes: t.travelTime.minutes })
		.from(t.travelTime)
		.where(eq(t.travelTime.matrixId, latest.id))
		.all();
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
		imdDecile: z.imdDecile
	};
}
