/**
 * Test fixtures for the engine: the real open-data pack as the app loads it,
 * and small synthetic estates built from plain numbers for property tests.
 */
import { loadEngineData } from '../../../src/lib/server/estate';
import { seedPack } from '../../../src/lib/server/seed';
import type { EngineData, SiteInput, ZoneInput } from '../../../src/lib/engine/types';
import { openTestDb } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

/**
 * A whole pack as engine input, loaded the way the app loads it (seeded into an in-memory database
 * with its estimates, then read back), so the engine is tested on exactly what users see.
 */
export async function packData(area: 'trafford' | 'greater-manchester'): Promise<EngineData> {
	const db = await openTestDb();
	await seedPack(db, TEST_ACTOR, `data/${area}`, { id: area, name: area, areaCode: null });
	return loadEngineData(db, area);
}

/** A zone at a point with a population and no groups beyond what is given. */
export function zone(code: string, lon: number, lat: number, population: number, extra: Partial<ZoneInput> = {}): ZoneInput {
	return { code, lon, lat, population, groups: {}, share65Plus: 0, imdDecile: null, ...extra };
}

/** A site at a point offering the given services, each with `visitsPerWeek` (default 100). */
export function site(
	ref: string,
	lon: number,
	lat: number,
	services: string[],
	extra: Partial<SiteInput> = {},
	visitsPerWeek: number | null = 100
): SiteInput {
	return {
		ref,
		name: ref,
		kind: services[0] ?? 'office',
		lon,
		lat,
		giaM2: null,
		desks: null,
		visitCapacityPerWeek: null,
		annualRunningCostGbp: null,
		organisationId: null,
		services: services.map((service) => ({ service, visitsPerWeek, spaceM2: null, staffFte: null })),
		...extra
	};
}
