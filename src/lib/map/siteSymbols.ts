/**
 * Circle sizes for buildings. Area, not radius, grows with weekly visits (radius ∝ √visits), so a
 * building with four times the visits looks four times as big (Flannery, 1971, on perceived circle
 * size; square-root scaling is the usual compromise). Buildings with no visit figure get a small
 * fixed dot so they are still findable.
 */

/** Radius of a building with no weekly-visits figure, px. */
export const NO_FIGURE_RADIUS_PX = 3.5;
/** Radius at zero visits, px. */
export const MIN_RADIUS_PX = 5;
/** Radius at `REFERENCE_VISITS_PER_WEEK` and the largest drawn, px. */
export const MAX_RADIUS_PX = 20;
/** Visits per week drawn at the largest radius; more are capped there. */
export const REFERENCE_VISITS_PER_WEEK = 2500;

const SCALE = (MAX_RADIUS_PX - MIN_RADIUS_PX) / Math.sqrt(REFERENCE_VISITS_PER_WEEK);

/** Radius in px for a weekly-visits figure, or the no-figure size for null. */
export function radiusForVisits(visitsPerWeek: number | null): number {
	if (visitsPerWeek === null || !Number.isFinite(visitsPerWeek)) return NO_FIGURE_RADIUS_PX;
	return Math.min(MAX_RADIUS_PX, MIN_RADIUS_PX + SCALE * Math.sqrt(Math.max(0, visitsPerWeek)));
}

/** The same rule as a MapLibre expression over a feature's `visits` property. */
export const RADIUS_EXPRESSION = [
	'case',
	['has', 'visits'],
	['min', MAX_RADIUS_PX, ['+', MIN_RADIUS_PX, ['*', SCALE, ['sqrt', ['max', 0, ['get', 'visits']]]]]],
	NO_FIGURE_RADIUS_PX
] as const;

/** Visit figures shown as sample circles in the legend. */
export const LEGEND_VISITS_PER_WEEK = [250, 1000, 2500] as const;
