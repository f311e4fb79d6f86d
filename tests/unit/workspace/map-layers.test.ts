import { describe, expect, it } from 'vitest';
import { zoneColour } from '$lib/map/indicators';
import { accessChangeFill, flowLines, siteRoles } from '$lib/workspace/map-layers';
import { scenarioView } from '$lib/workspace/scenario-view';

const estate = [
	{ ref: 'a', name: 'A', kind: 'library', lon: 0, lat: 0, giaM2: 100, services: ['library'] },
	{ ref: 'b', name: 'B', kind: 'library', lon: 1, lat: 1, giaM2: 100, services: ['library'] }
];

describe('map layers for a scenario', () => {
	it('colours shorter, unchanged and longer trips apart, with darker meaning further', () => {
		const fill = accessChangeFill(
			[{ code: 'z1' }, { code: 'z2' }, { code: 'z3' }, { code: 'z4' }, { code: 'z5' }],
			{ service: 'library', unit: 'm', before: [100, 100, 100, 100, null], after: [50, 100, 400, 5100, null] },
			'library'
		);
		expect(fill.valueByCode).toEqual({ z1: -50, z2: 0, z3: 300, z4: 5000, z5: null });
		const colours = ['z1', 'z2', 'z3', 'z4'].map((c) => zoneColour(fill, c));
		expect(new Set(colours).size).toBe(4);
		expect(colours[3]).toBe(fill.classes.at(-1)!.colour);
		expect(fill.title).toBe('Change in distance to the nearest library');
	});

	it('marks roles and draws lines only for visits that reach a building', () => {
		const view = scenarioView(estate, [{ type: 'close', siteRef: 'a' }]);
		expect(siteRoles(view)).toEqual({ a: 'closed' });
		const lines = flowLines(
			view,
			[
				{ fromSiteRef: 'a', toSiteRef: 'b', service: 'library', visitsPerWeek: 1200 },
				{ fromSiteRef: 'a', toSiteRef: null, service: 'library', visitsPerWeek: 5 }
			],
			() => 'Library'
		);
		expect(lines).toEqual([{ from: [0, 0], to: [1, 1], weight: 1200, label: 'Library: 1,200 visits a week from A to B' }]);
	});
});
