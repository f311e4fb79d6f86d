/** The buildings and zones tables as the server pages and their CSV downloads read them. */
import type { Db } from '$lib/server/db';
import { listZones } from '$lib/server/estate';
import type { Withheld } from '$lib/server/restricted-fields';
import { estateTableCsv } from '$lib/server/estate-table';
import { SITE_CSV_HEADER, SITE_TABLE, siteCsvRow } from './site-table';
import { siteSummaries, zoneSummary } from './summaries.server';
import { ZONE_CSV_HEADER, ZONE_TABLE, zoneCsvRow } from './zone-table';

/** The buildings table for a reader from whom `withheld` is withheld (cached apart from the full one). */
export function siteTable(db: Db, partnershipId: string, withheld: Withheld) {
	return {
		name: withheld.cacheName('sites table'),
		spec: SITE_TABLE,
		rows: async () => (await siteSummaries(db, partnershipId, withheld)).sites,
		header: SITE_CSV_HEADER,
		csvRow: siteCsvRow,
		filename: 'hubplan-sites.csv'
	};
}

export function zoneTable(db: Db, partnershipId: string) {
	return {
		name: 'zones table',
		spec: ZONE_TABLE,
		rows: async () => (await listZones(db, partnershipId)).map(zoneSummary),
		header: ZONE_CSV_HEADER,
		csvRow: zoneCsvRow,
		filename: 'hubplan-zones.csv'
	};
}

/** Each table's CSV download (every row its address selects), by the name its page uses. */
export const ESTATE_TABLE_CSV = {
	sites: (db: Db, partnershipId: string, url: URL, withheld: Withheld) => estateTableCsv(db, partnershipId, url, siteTable(db, partnershipId, withheld)),
	// Zones hold no restrictable field.
	zones: (db: Db, partnershipId: string, url: URL) => estateTableCsv(db, partnershipId, url, zoneTable(db, partnershipId))
};
