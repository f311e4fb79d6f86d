/**
 * What the workspace asks EstateMap to draw: zones coloured by the change in cost to reach a
 * service, each building's role in the scenario, and lines for the visits that move.
 */
import { formatCount } from '../format';
import type { ZoneFill } from '../map/indicators';
import type { FlowLine, SiteRole } from '../map/types';
import type { VisitFlow, ZoneAccessDelta } from '../engine/types';
import { zoneChangeByCode } from './impact';
import type { ScenarioView } from './scenario-view';

/**
 * Fixed classes of the change in distance (m) or time (min). Shorter trips get their own colour;
 * longer ones run light to dark (viridis, van der Walt and Smith, 2015), so darker always means
 * further.
 */
const CLASSES = {
	m: { steps: [500, 1000, 2000], format: (v: number) => (v >= 1000 ? `${v / 1000} km` : `${v} m`) },
	min: { steps: [5, 10, 20], format: (v: number) => `${v} min` }
} as const;
const SHORTER_COLOUR = '#6baed6';
const UNCHANGED_COLOUR = '#f7f7f7';
const LONGER_COLOURS = ['#fde725', '#35b779', '#31688e', '#440154'];

export function accessChangeFill(zoneCodes: { code: string }[], delta: ZoneAccessDelta, serviceName: string): ZoneFill {
	const { steps, format } = CLASSES[delta.unit];
	const classes = [
		{ lower: -Infinity, upper: -1e-9, colour: SHORTER_COLOUR, label: 'Nearer than before' },
		{ lower: 0, upper: 1e-9, colour: UNCHANGED_COLOUR, label: 'No change' },
		...steps.map((upper, i) => ({
			lower: i === 0 ? 0 : steps[i - 1],
			upper,
			colour: LONGER_COLOURS[i],
			label: `Up to ${format(upper)} further${i === 0 ? '' : ` (over ${format(steps[i - 1])})`}`
		})),
		{ lower: steps.at(-1)!, upper: Infinity, colour: LONGER_COLOURS[steps.length], label: `More than ${format(steps.at(-1)!)} further` }
	];
	return {
		title: `Change in ${delta.unit === 'm' ? 'distance' : 'travel time'} to the nearest ${serviceName}`,
		unit: delta.unit === 'm' ? 'metres, after − before' : 'minutes, after − before',
		classing: 'Fixed classes. No data: no building offers the service before or after.',
		valueByCode: zoneChangeByCode(zoneCodes, delta),
		classes,
		format: (v) => `${Math.round(v) > 0 ? '+' : ''}${formatCount(v)}`
	};
}

/** Each building's role for the map symbol: closed (or left empty), hub or new (open buildings have none). */
export function siteRoles(view: ScenarioView): Record<string, SiteRole> {
	const roles: Record<string, SiteRole> = {};
	for (const ref of view.added) roles[ref] = 'new';
	for (const ref of view.hubs) roles[ref] = 'hub';
	for (const ref of [...view.closed, ...view.vacated]) roles[ref] = 'closed';
	return roles;
}

/** Lines from each site that loses visits to each site that takes them (lost visits have no line). */
export function flowLines(view: ScenarioView, flows: VisitFlow[], serviceName: (code: string) => string): FlowLine[] {
	const lines: FlowLine[] = [];
	for (const flow of flows) {
		const from = view.byRef.get(flow.fromSiteRef);
		const to = flow.toSiteRef === null ? undefined : view.byRef.get(flow.toSiteRef);
		if (!from || !to || flow.visitsPerWeek <= 0) continue;
		lines.push({
			from: [from.lon, from.lat],
			to: [to.lon, to.lat],
			weight: flow.visitsPerWeek,
			label: `${serviceName(flow.service)}: ${formatCount(flow.visitsPerWeek)} visits a week from ${from.name} to ${to.name}`
		});
	}
	return lines;
}
