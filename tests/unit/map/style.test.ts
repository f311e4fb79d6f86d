import { describe, expect, it } from 'vitest';
import { indicatorById, zoneFillFor, VIRIDIS_10, NO_DATA_COLOUR, type MapZone } from '../../../src/lib/map/indicators';
import { CONTEXT_LAYERS, contextLayerId, flowFeatures, offlineStyle, siteFeatures, zoneFillColour } from '../../../src/lib/map/style';
import type { SiteSummary } from '../../../src/lib/map/types';

const zones: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

describe('offlineStyle', () => {
	const style = offlineStyle(zones, [
		{ name: 'boundary', url: 'http://localhost/api/geo/context/boundary' },
		{ name: 'greenspace_sites', url: 'http://localhost/api/geo/context/greenspace_sites' },
		{ name: 'bus_stops', url: 'http://localhost/api/geo/context/bus_stops' }
	]);

	it('needs no tile, glyph or sprite server: only GeoJSON sources and no text layers', () => {
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
		expect(Object.values(style.sources).every((s) => s.type === 'geojson')).toBe(true);
		expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
	});

	it('draws land under the zones, lines over them and buildings on top; skips layers it has no look for', () => {
		const ids = style.layers.map((l) => l.id);
		expect(ids.indexOf('ctx-greenspace_sites-fill')).toBeLessThan(ids.indexOf('zones-fill'));
		expect(ids.indexOf('ctx-boundary-line')).toBeGreaterThan(ids.indexOf('zones-fill'));
		expect(ids.indexOf('sites')).toBeGreaterThan(ids.indexOf('ctx-boundary-line'));
		expect(Object.keys(style.sources)).not.toContain('ctx-bus_stops');
	});
});

const site = (ref: string, visitsPerWeek: number | null, visitsEstimated: boolean): SiteSummary => ({
	ref, name: ref, kind: 'library', operatorName: null, organisationId: null, organisationName: null, address: null,
	postcode: null, lsoaCode: null, lon: -2.35, lat: 53.39, giaM2: null, giaEstimated: false, annualRunningCostGbp: null,
	runningCostEstimated: false, visitsPerWeek, visitsEstimated, restrictedFields: []
});

describe('siteFeatures', () => {
	it('carries visits only where there is a figure, flags estimates and adds scenario roles', () => {
		const [a, b, c] = siteFeatures([site('a', 1280, true), site('b', null, false), site('c', 50, false)], { c: 'closed' }).features;
		expect(a.properties).toEqual({ ref: 'a', name: 'a', kind: 'library', estimated: true, visits: 1280 });
		expect(b.properties).not.toHaveProperty('visits');
		expect(b.properties?.estimated).toBe(false);
		expect(c.properties?.role).toBe('closed');
		expect(a.geometry.coordinates).toEqual([-2.35, 53.39]);
	});
});

describe('flowFeatures', () => {
	it('scales line width from 1 to 8 px by weight, and copes with no flows', () => {
		const lines = flowFeatures([
			{ from: [0, 0], to: [1, 1], weight: 10 },
			{ from: [0, 0], to: [2, 2], weight: 0 }
		]).features;
		expect(lines.map((l) => l.properties?.widthPx)).toEqual([8, 1]);
		expect(flowFeatures([]).features).toEqual([]);
	});
});

describe('zoneFillColour', () => {
	it('matches each zone code to its class colour, grey otherwise', () => {
		const z = (code: string, imdDecile: number): MapZone => ({
			code, name: code, wardName: null, centroid: [0, 0], areaHa: 1, popTotal: 1, pop65Plus: 0, pop75Plus: 0,
			imdDecile, pctHouseholdsNoCar: 0, pctDisabled: 0, pctBadHealth: 0
		});
		const fill = zoneFillFor(indicatorById('imd'), [z('A', 1), z('B', 10)]);
		expect(zoneFillColour(fill, ['A', 'B'])).toEqual(['match', ['get', 'code'], 'A', VIRIDIS_10[0], 'B', VIRIDIS_10[9], NO_DATA_COLOUR]);
		expect(zoneFillColour(null, ['A'])).toBe(NO_DATA_COLOUR);
	});
});

describe('the context layers and their key', () => {
	const style = offlineStyle(zones, CONTEXT_LAYERS.map(({ name }) => ({ name, url: `http://localhost/${name}` })));

	// Issue 13: the map drew white ringed dots, dashed lines and rivers the key did not explain.
	it('draws each context layer with the look its key entry shows, under the id its switch hides', () => {
		for (const { name, label, look } of CONTEXT_LAYERS) {
			expect(label.length, name).toBeGreaterThan(3);
			const layer = style.layers.find((l) => l.id === contextLayerId(name)) as { type: string; paint: Record<string, unknown> } | undefined;
			expect(layer?.type, name).toBe(look.type);
			const colour = look.type === 'fill' ? layer!.paint['fill-color'] : look.type === 'line' ? layer!.paint['line-color'] : layer!.paint['circle-stroke-color'];
			expect(colour, name).toBe(look.type === 'circle' ? look.stroke : look.colour);
		}
	});

	it('draws nothing the key does not name', () => {
		const context = style.layers.filter((l) => l.id.startsWith('ctx-')).map((l) => l.id);
		expect(context.sort()).toEqual(CONTEXT_LAYERS.map((c) => contextLayerId(c.name)).sort());
	});
});
