/**
 * The shapes the map, the tables and the scenario views share. Plain data (no Svelte, no maplibre),
 * built on the server by summaries.server.ts.
 */
export type { MapZone } from './indicators';
import type { WithheldField } from '$lib/restricted-fields';

/** One building as the map and the sites table show it. */
export interface SiteSummary {
	ref: string;
	name: string;
	kind: string;
	operatorName: string | null;
	organisationId: string | null;
	organisationName: string | null;
	address: string | null;
	postcode: string | null;
	lsoaCode: string | null;
	lon: number;
	lat: number;
	giaM2: number | null;
	giaEstimated: boolean;
	annualRunningCostGbp: number | null;
	runningCostEstimated: boolean;
	visitsPerWeek: number | null;
	visitsEstimated: boolean;
	/** Fields withheld from this reader (restricted-fields.ts): shown as "restricted", not as missing. */
	restrictedFields: WithheldField[];
}

/** How a scenario view marks a building (closed, the hub it moves to, a new site). */
export type SiteRole = 'closed' | 'hub' | 'new';

/** A flow line: visits moving from one place to another, drawn with width by weight. */
export interface FlowLine {
	from: [number, number];
	to: [number, number];
	weight: number;
	label?: string;
}

/** A context layer the map fetches as GeoJSON. */
export interface ContextLayerRef {
	name: string;
	url: string;
}

/** [west, south, east, north] in WGS84. */
export type Bbox = [number, number, number, number];
