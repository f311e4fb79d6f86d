import { describe, expect, it } from 'vitest';
import { OTHER_KIND_COLOUR, SITE_KINDS, kindColour, kindLabel } from '$lib/map/siteKinds';
import { SERVICES, organisationFor } from '$lib/server/catalogue';

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
});
