/**
 * One-time preparation of an estate for fast repeated evaluation: lookups by reference, a KDBush
 * spatial index of the sites offering each service, and for every zone a short list of its
 * nearest such sites. The UI re-evaluates after every click, so this work is done once and
 * `evaluateScenario` reuses it; lists are built lazily, per service and distance family, on
 * first use.
 */
import KDBush from 'kdbush';
import { GROUP_KEYS, type EngineData, type GroupKey, type SiteInput, type ZoneInput } from './types';
import { nearestM } from './geo/nearest';
import { MatrixCosts } from './geo/costs';
import { haversineM } from './geo/distance';

/**
 * How many nearest sites each zone's list holds in the distance modes. A closure scenario usually
 * closes a handful of sites, so the nearest open site is almost always on the list; when every
 * listed site is closed, the search falls back to the spatial index, so the answer stays exact.
 */
export const CANDIDATES_PER_ZONE = 6;

/** The baseline sites offering one service, and their spatial index. */
export interface ServiceSites {
	service: string;
	/** Estate site index of each indexed site, in index id order. */
	siteIdx: Int32Array;
	/** Index of the service in each of those sites' `services` arrays. */
	serviceRow: Int32Array;
	tree: KDBush | null;
}

/**
 * Nearest baseline sites offering a service, per zone, nearest first: `site[z * stride + k]` (−1
 * pads a short list) at `cost[z * stride + k]`, in straight metres or in matrix minutes.
 */
export interface CandidateLists {
	stride: number;
	site: Int32Array;
	cost: Float64Array;
	/** True when each list holds every reachable site offering the service. */
	complete: boolean;
}

/** An estate ready for `evaluateScenario`: build once with `prepareEstate`, evaluate many times. */
export class PreparedEstate {
	readonly data: EngineData;
	readonly zones: ZoneInput[];
	readonly sites: SiteInput[];
	readonly siteByRef: Map<string, number>;
	readonly zoneByCode: Map<string, number>;
	/** Every service code offered by some site, sorted. */
	readonly services: string[];
	readonly population: Float64Array;
	/** Weights for each group that at least one zone carries (0 where a zone lacks it). */
	readonly groupWeights: Partial<Record<GroupKey, Float64Array>> = {};
	readonly matrix: MatrixCosts | null;
	private readonly serviceSites = new Map<string, ServiceSites>();
	private readonly candidateCache = new Map<string, CandidateLists>();
	private readonly memoCache = new Map<string, unknown>();
	private zoneTree: KDBush | null = null;

	constructor(data: EngineData) {
		this.data = data;
		this.zones = data.zones;
		this.sites = data.sites;
		this.siteByRef = indexBy(data.sites, (s) => s.ref, 'site ref');
		this.zoneByCode = indexBy(data.zones, (z) => z.code, 'zone code');
		for (const z of data.zones) checkPoint(z, `Zone '${z.code}'`);
		for (const s of data.sites) checkPoint(s, `Site '${s.ref}'`);
		this.services = [...new Set(data.sites.flatMap((s) => s.services.map((x) => x.service)))].sort();
		this.population = Float64Array.from(data.zones, (z) => positive(z.population));
		for (const key of GROUP_KEYS) {
			if (!data.zones.some((z) => z.groups[key] !== undefined)) continue;
			this.groupWeights[key] = Float64Array.from(data.zones, (z) => positive(z.groups[key] ?? 0));
		}
		this.matrix = data.matrix
			? new MatrixCosts(
					data.matrix,
					(code) => pointOf(data.zones[this.zoneByCode.get(code) ?? -1]),
					(ref) => pointOf(data.sites[this.siteByRef.get(ref) ?? -1])
				)
			: null;
	}

	/** The baseline sites offering `service` and their spatial index (built on first call). */
	sitesOffering(service: string): ServiceSites {
		let entry = this.serviceSites.get(service);
		if (!entry) {
			const siteIdx: number[] = [];
			const serviceRow: number[] = [];
			this.sites.forEach((site, i) => {
				const row = site.services.findIndex((x) => x.service === service);
				if (row >= 0) {
					siteIdx.push(i);
					serviceRow.push(row);
				}
			});
			let tree: KDBush | null = null;
			if (siteIdx.length) {
				tree = new KDBush(siteIdx.length, 32);
				for (const i of siteIdx) tree.add(this.sites[i].lon, this.sites[i].lat);
				tree.finish();
			}
			entry = { service, siteIdx: Int32Array.from(siteIdx), serviceRow: Int32Array.from(serviceRow), tree };
			this.serviceSites.set(service, entry);
		}
		return entry;
	}

	/** Per-zone nearest baseline sites offering `service` (built on first call, then cached). */
	candidates(service: string, inMinutes: boolean): CandidateLists {
		const key = `${inMinutes ? 'min' : 'm'}|${service}`;
		let lists = this.candidateCache.get(key);
		if (!lists) {
			lists = inMinutes ? this.buildMatrixLists(service) : this.buildDistanceLists(service);
			this.candidateCache.set(key, lists);
		}
		return lists;
	}

	/**
	 * A value computed once per estate and key, such as baseline access under given parameters;
	 * the key must capture every input of `make` besides the estate.
	 */
	memo<T>(key: string, make: () => T): T {
		if (!this.memoCache.has(key)) this.memoCache.set(key, make());
		return this.memoCache.get(key) as T;
	}

	/**
	 * The zone whose centroid is nearest a point by great-circle distance (ties to the lower zone
	 * index; −1 when there are no zones). The zone index is built on first call.
	 */
	nearestZone(lon: number, lat: number): number {
		if (this.zones.length === 0) return -1;
		if (!this.zoneTree) {
			this.zoneTree = new KDBush(this.zones.length, 32);
			for (const zone of this.zones) this.zoneTree.add(zone.lon, zone.lat);
			this.zoneTree.finish();
		}
		return nearestM(this.zoneTree, lon, lat, 1).ids[0];
	}

	/** Straight-line metres from zone `z` to a point. */
	straightM(z: number, lon: number, lat: number): number {
		const zone = this.zones[z];
		return haversineM(zone.lon, zone.lat, lon, lat);
	}

	/**
	 * Minutes from zone `z` to a site, from the matrix or its fitted estimate (see geo/costs.ts).
	 * Only valid when the data has a matrix.
	 */
	minutes(z: number, site: { ref: string; lon: number; lat: number }): number {
		if (!this.matrix) throw new Error('No travel-time matrix in the data; use distance mode straight or road.');
		return this.matrix.minutesFor(this.zones[z].code, site.ref, this.straightM(z, site.lon, site.lat));
	}

	private buildDistanceLists(service: string): CandidateLists {
		const { siteIdx, tree } = this.sitesOffering(service);
		const stride = Math.min(CANDIDATES_PER_ZONE, siteIdx.length);
		const site = new Int32Array(this.zones.length * stride).fill(-1);
		const cost = new Float64Array(this.zones.length * stride).fill(Infinity);
		if (tree) {
			this.zones.forEach((zone, z) => {
				const found = nearestM(tree, zone.lon, zone.lat, stride);
				for (let k = 0; k < found.ids.length; k++) {
					site[z * stride + k] = siteIdx[found.ids[k]];
					cost[z * stride + k] = found.distancesM[k];
				}
			});
		}
		return { stride, site, cost, complete: stride === siteIdx.length };
	}

	private buildMatrixLists(service: string): CandidateLists {
		const { siteIdx } = this.sitesOffering(service);
		const stride = siteIdx.length;
		const site = new Int32Array(this.zones.length * stride).fill(-1);
		const cost = new Float64Array(this.zones.length * stride).fill(Infinity);
		const order = Array.from(siteIdx);
		const minutes = new Float64Array(this.sites.length);
		for (let z = 0; z < this.zones.length; z++) {
			for (const i of siteIdx) minutes[i] = this.minutes(z, this.sites[i]);
			order.sort((a, b) => minutes[a] - minutes[b] || a - b);
			let k = 0;
			for (const i of order) {
				if (minutes[i] === Infinity) break;
				site[z * stride + k] = i;
				cost[z * stride + k++] = minutes[i];
			}
		}
		return { stride, site, cost, complete: true };
	}
}

/**
 * Prepare an estate once for many evaluations.
 *
 * @example
 * const estate = prepareEstate(data);
 * evaluateScenario(estate, [{ type: 'close', siteRef: 'lib-coppice' }], defaultParameters());
 */
export function prepareEstate(data: EngineData): PreparedEstate {
	return new PreparedEstate(data);
}

function indexBy<T>(items: T[], key: (item: T) => string, what: string): Map<string, number> {
	const map = new Map<string, number>();
	items.forEach((item, i) => {
		const k = key(item);
		if (map.has(k)) throw new Error(`Duplicate ${what} '${k}' (items ${map.get(k)} and ${i}); each must be unique.`);
		map.set(k, i);
	});
	return map;
}

function checkPoint(p: { lon: number; lat: number }, what: string): void {
	if (!(Math.abs(p.lon) <= 180 && Math.abs(p.lat) <= 90))
		throw new Error(`${what} has invalid coordinates (${p.lon}, ${p.lat}); expected WGS84 longitude −180..180 and latitude −90..90.`);
}

function positive(n: number): number {
	return Number.isFinite(n) && n > 0 ? n : 0;
}

function pointOf(item: { lon: number; lat: number } | undefined): [number, number] | undefined {
	return item ? [item.lon, item.lat] : undefined;
}
