import { describe, expect, it } from 'vitest';
import { OTHER_KIND_COLOUR, SITE_KINDS, kindColour, kindLabel, kindsPresent } from '$lib/map/siteKinds';
import { BACKGROUND_COLOUR } from '$lib/map/style';
import { SERVICES, organisationFor } from '$lib/server/catalogue';
import { contrastRatio, deltaE2000, lab } from './colour-difference';

// The kinds are listed twice on purpose: the map's labels and colours (browser) and the service
// catalogue the seed uses (server). These tests keep the two lists naming the same kinds.
describe('site kinds', () => {
	const catalogueKinds = SERVICES.map((s) => s.defaultForKind).filter((k): k is string => k !== null);

	it('gives every kind the catalogue seeds a label and a colour of its own', async () => {
		for (const kind of catalogueKinds) {
			expect(SITE_KINDS.map((k) => k.kind)).toContain(kind);
			expect(kindColour(kind)).not.toBe(OTHER_KIND_COLOUR);
		}
	});

	it('has a catalogue service and a partner for every kind the map names', async () => {
		for (const { kind } of SITE_KINDS) {
			expect(catalogueKinds).toContain(kind);
			expect(organisationFor(kind, undefined)).not.toBeNull();
		}
	});

	it('labels a known kind in words and an unknown one by de-underscoring it', async () => {
		expect(kindLabel('gp_practice')).toBe('GP practice');
		expect(kindLabel('citizens_advice_bureau')).toBe('Citizens advice bureau');
		expect(kindColour('citizens_advice_bureau')).toBe(OTHER_KIND_COLOUR);
	});

	// Issue 13: pharmacy (#56B4E9) and dentist (#A6CEE3) were near-identical blues, 11.9 apart.
	it('gives every two kinds colours at least 20 apart in CIEDE2000, the colour for other kinds included', () => {
		const colours = [...SITE_KINDS.map((k) => ({ name: k.label, colour: k.colour })), { name: 'Other', colour: OTHER_KIND_COLOUR }];
		let nearest = { deltaE: Infinity, pair: '' };
		for (const [i, a] of colours.entries()) {
			for (const b of colours.slice(i + 1)) {
				const deltaE = deltaE2000(lab(a.colour), lab(b.colour));
				if (deltaE < nearest.deltaE) nearest = { deltaE, pair: `${a.name} and ${b.name}` };
			}
		}
		expect(nearest.deltaE, `${nearest.pair} are only ${nearest.deltaE.toFixed(1)} apart`).toBeGreaterThanOrEqual(20);
		expect(deltaE2000(lab('#56B4E9'), lab('#A6CEE3'))).toBeLessThan(20);
	});

	it('draws every kind with at least 3:1 contrast against the map background (WCAG 1.4.11)', () => {
		for (const { label, colour } of [...SITE_KINDS, { label: 'Other', colour: OTHER_KIND_COLOUR }]) {
			expect(contrastRatio(colour, BACKGROUND_COLOUR), label).toBeGreaterThanOrEqual(3);
		}
	});

	it('computes CIEDE2000 as Sharma, Wu and Dalal (2005) tabulate it', () => {
		// Pairs 1, 7 and 17 of their supplementary test data.
		expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
		expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
		expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
		expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 6);
	});
});

describe('kindsPresent', () => {
	it('lists the kinds present in the key’s order, then unknown kinds alphabetically, each once', () => {
		const sites = ['school', 'zoo', 'library', 'aquarium', 'library'].map((kind) => ({ kind }));
		expect(kindsPresent(sites)).toEqual(['library', 'school', 'aquarium', 'zoo']);
		expect(kindsPresent([])).toEqual([]);
	});
});
