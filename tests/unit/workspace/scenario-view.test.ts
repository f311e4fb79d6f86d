import { describe, expect, it } from 'vitest';
import type { ScenarioAction } from '$lib/engine';
import { moveTargets, newSiteRef, reopenActions, scenarioView, searchSites, siteState, type ViewSite } from '$lib/workspace/scenario-view';

const site = (ref: string, name: string, kind: string, giaM2: number | null, services: string[]): ViewSite => ({ ref, name, kind, lon: -2.3, lat: 53.4, giaM2, services });
const estate = [
	site('lib-a', 'Alpha Library', 'library', 500, ['library']),
	site('co-b', 'Beta Council Office', 'council_office', 2000, ['council_customer_service']),
	site('jc-c', 'Gamma Jobcentre', 'jobcentre', null, ['jobcentre', 'advice']),
	site('po-d', 'Delta Post Office', 'post_office', 80, ['post_office'])
];

describe('scenarioView', () => {
	it('is today’s estate with no actions', () => {
		const view = scenarioView(estate, []);
		expect(view.sites).toHaveLength(4);
		expect(view.offered.get('jc-c')).toEqual(['advice', 'jobcentre']);
		expect(estate.map((s) => siteState(view, s.ref))).toEqual(['open', 'open', 'open', 'open']);
	});

	it('follows closures, hubs, moves and new sites', () => {
		const actions: ScenarioAction[] = [
			{ type: 'close', siteRef: 'po-d' },
			{ type: 'move', fromSiteRef: 'lib-a', toSiteRef: 'co-b', service: 'library' },
			{ type: 'hub', siteRef: 'jc-c' },
			{ type: 'add', site: { ref: 'new-x', name: 'X', kind: 'community_hub', lon: -2.2, lat: 53.5, giaM2: 300, annualRunningCostGbp: null, services: [{ service: 'advice', visitsPerWeek: null, spaceM2: null, staffFte: null }] } }
		];
		const view = scenarioView(estate, actions);
		expect(view.offered.get('po-d')).toEqual([]);
		expect(view.offered.get('lib-a')).toEqual([]);
		expect(view.offered.get('co-b')).toEqual(['council_customer_service', 'library']);
		expect(view.offered.get('new-x')).toEqual(['advice']);
		// The library moved out and nothing came in: the building is vacated, not open.
		expect(['po-d', 'co-b', 'jc-c', 'new-x', 'lib-a'].map((r) => siteState(view, r))).toEqual(['closed', 'hub', 'hub', 'new', 'vacated']);
	});

	it('follows services added and withdrawn, and reopens a building by dropping what emptied it', () => {
		const actions: ScenarioAction[] = [
			{ type: 'add_service', siteRef: 'po-d', service: 'council_customer_service', visitsPerWeek: 50 },
			{ type: 'withdraw_service', siteRef: 'co-b', service: 'council_customer_service' },
			{ type: 'withdraw_service', siteRef: 'jc-c', service: 'advice' },
			{ type: 'close', siteRef: 'lib-a' }
		];
		const view = scenarioView(estate, actions);
		expect(view.offered.get('po-d')).toEqual(['council_customer_service', 'post_office']);
		expect(view.offered.get('jc-c')).toEqual(['jobcentre']);
		expect(['po-d', 'co-b', 'jc-c', 'lib-a'].map((r) => siteState(view, r))).toEqual(['hub', 'vacated', 'open', 'closed']);
		expect(reopenActions(actions, 'co-b')).toEqual([actions[0], actions[2], actions[3]]);
		expect(siteState(scenarioView(estate, reopenActions(actions, 'lib-a')), 'lib-a')).toBe('open');
		// Adding back a withdrawn service restores the building.
		const restored = scenarioView(estate, [actions[1], { type: 'add_service', siteRef: 'co-b', service: 'council_customer_service' }]);
		expect(siteState(restored, 'co-b')).toBe('open');
	});

	it('offers hubs first as move targets, then buildings with a floor area, never the source or a closed one', () => {
		const view = scenarioView(estate, [{ type: 'hub', siteRef: 'co-b' }, { type: 'close', siteRef: 'po-d' }]);
		const targets = moveTargets(view, 'lib-a');
		expect(targets.hubs.map((t) => t.ref)).toEqual(['co-b']);
		expect(targets.hubs[0].label).toBe('Beta Council Office (2,000 m²)');
		expect(targets.others).toEqual([]);
		expect(moveTargets(view, 'co-b').others.map((t) => t.ref)).toEqual(['lib-a']);
	});
});

describe('searchSites', () => {
	const view = scenarioView(estate, []);
	it('matches every word against name, ref, kind and services, in any case', () => {
		expect(searchSites(view, 'library').map((s) => s.ref)).toEqual(['lib-a']);
		expect(searchSites(view, 'GAMMA advice').map((s) => s.ref)).toEqual(['jc-c']);
		expect(searchSites(view, 'council office').map((s) => s.ref)).toEqual(['co-b']);
		expect(searchSites(view, '  ')).toHaveLength(4);
		expect(searchSites(view, 'nothing here')).toEqual([]);
	});
});

describe('newSiteRef', () => {
	it('makes a slug from the name that no site uses yet', () => {
		const view = scenarioView(estate, [
			{ type: 'add', site: { ref: 'new-town-hub', name: 'Town Hub', kind: 'community_hub', lon: -2, lat: 53, giaM2: null, annualRunningCostGbp: null, services: [] } }
		]);
		expect(newSiteRef(view, 'Town Hub!')).toBe('new-town-hub-2');
		expect(newSiteRef(view, 'Old Mill')).toBe('new-old-mill');
		expect(newSiteRef(view, '***')).toBe('new-site');
	});
});
