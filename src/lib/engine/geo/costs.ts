/**
 * Travel cost from a zone to a site in the three distance modes.
 *
 * - `straight`: great-circle (haversine) distance in metres between the zone's population-weighted
 *   centroid and the site.
 * - `road`: straight × circuity, a "road estimate" (default 1.3, a Hubplan planning assumption).
 *   Multiplying by a constant keeps the order of sites, so nearest-site searches use the straight
 *   distance and scale afterwards.
 * - `matrix`: minutes from a supplied zone × site travel-time matrix. A non-finite or negative
 *   entry means "no route". A zone or site absent from the matrix (a new site placed by a
 *   scenario, say) gets an estimate: straight distance ÷ the matrix's own median straight-line
 *   speed, so it can still be compared with the sites the matrix covers. Results say how many
 *   sites were estimated this way.
 */
import type { TravelMatrixInput } from '../types';
import { haversineM } from './distance';

/** Most matrix entries sampled (at a fixed stride, so deterministically) to fit the median speed. */
const SPEED_SAMPLE_SIZE = 100_000;

/** A zone × site matrix looked up by zone and site reference, with a fitted fallback speed. */
export class MatrixCosts {
	readonly mode: string;
	private readonly zoneRow: Map<string, number>;
	private readonly siteCol: Map<string, number>;
	private readonly minutes: ArrayLike<number>;
	private readonly cols: number;
	/** Median straight-line speed across the matrix, metres per minute; null if it has no routes. */
	readonly medianSpeedMPerMin: number | null;

	constructor(
		matrix: TravelMatrixInput,
		zonePoint: (code: string) => [number, number] | undefined,
		sitePoint: (ref: string) => [number, number] | undefined
	) {
		const expected = matrix.zoneCodes.length * matrix.siteRefs.length;
		if (matrix.minutes.length !== expected)
			throw new Error(
				`Travel matrix '${matrix.mode}' has ${matrix.minutes.length} entries; ${matrix.zoneCodes.length} zones × ${matrix.siteRefs.length} sites needs ${expected}.`
			);
		this.mode = matrix.mode;
		this.zoneRow = new Map(matrix.zoneCodes.map((c, i) => [c, i]));
		this.siteCol = new Map(matrix.siteRefs.map((r, i) => [r, i]));
		this.minutes = matrix.minutes;
		this.cols = matrix.siteRefs.length;
		this.medianSpeedMPerMin = fitSpeed(matrix, zonePoint, sitePoint);
	}

	/** True when the matrix has a column for this site. */
	hasSite(ref: string): boolean {
		return this.siteCol.has(ref);
	}

	/**
	 * Minutes from a zone to a site: the matrix entry, or the fitted estimate when either is absent
	 * from the matrix; Infinity when there is no route (or nothing to estimate from).
	 */
	minutesFor(zoneCode: string, siteRef: string, straightM: number): number {
		const row = this.zoneRow.get(zoneCode);
		const col = this.siteCol.get(siteRef);
		if (row === undefined || col === undefined) {
			return this.medianSpeedMPerMin ? straightM / this.medianSpeedMPerMin : Infinity;
		}
		const m = this.minutes[row * this.cols + col];
		return Number.isFinite(m) && m >= 0 ? m : Infinity;
	}
}

function fitSpeed(
	matrix: TravelMatrixInput,
	zonePoint: (code: string) => [number, number] | undefined,
	sitePoint: (ref: string) => [number, number] | undefined
): number | null {
	const total = matrix.minutes.length;
	const stride = Math.max(1, Math.floor(total / SPEED_SAMPLE_SIZE));
	const cols = matrix.siteRefs.length;
	const speeds: number[] = [];
	for (let i = 0; i < total; i += stride) {
		const minutes = matrix.minutes[i];
		if (!Number.isFinite(minutes) || minutes <= 0) continue;
		const z = zonePoint(matrix.zoneCodes[Math.floor(i / cols)]);
		const s = sitePoint(matrix.siteRefs[i % cols]);
		if (!z || !s) continue;
		speeds.push(haversineM(z[0], z[1], s[0], s[1]) / minutes);
	}
	if (speeds.length === 0) return null;
	speeds.sort((a, b) => a - b);
	const mid = speeds.length >> 1;
	return speeds.length % 2 ? speeds[mid] : (speeds[mid - 1] + speeds[mid]) / 2;
}
