import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultParameters, evaluateScenario, haversineM, prepareEstate } from '../../../src/lib/engine';
import type { EngineData, ScenarioAction, ScenarioParameters } from '../../../src/lib/engine';
import { site, zone } from './fixtures';
import { applyActions } from '../../../src/lib/engine/scenario/apply';
import { catchmentsOf, nearestOpenSites } from '../../../src/lib/engine/access/nearest';

const SERVICES = ['library', 'post_office', 'jobcentre'];

/** Random estates around Manchester: up to 40 zones and 60 sites offering 1–3 services. */
const estateArb = fc
	.record({
		zones: fc.array(
			fc.record({
				lon: fc.double({ min: -2.5, max: -2.1, noNaN: true }),
				lat: fc.double({ min: 53.3, max: 53.6, noNaN: true }),
				population: fc.integer({ min: 0, max: 3000 }),
				age65: fc.integer({ min: 0, max: 500 }),
				decile: fc.integer({ min: 1, max: 10 })
			}),
			{ minLength: 1, maxLength: 40 }
		),
		sites: fc.array(
			fc.record({
				lon: fc.double({ min: -2.5, max: -2.1, noNaN: true }),
				lat: fc.double({ min: 53.3, max: 53.6, noNaN: true }),
				services: fc.subarray(SERVICES, { minLength: 1 }),
				visits: fc.integer({ min: 0, max: 2000 })
			}),
			{ minLength: 1, maxLength: 60 }
		)
	})
	.map(
		({ zones, sites }): EngineData => ({
			zones: zones.map((z, i) =>
				zone(`z${i}`, z.lon, z.lat, z.population, {
					groups: { age65: Math.min(z.age65, z.population) },
					share65Plus: z.population ? Math.min(z.age65, z.population) / z.population : 0,
					imdDecile: z.decile
				})
			),
			sites: sites.map((s, i) => site(`s${i}`, s.lon, s.lat, s.services, {}, s.visits)),
			organisations: []
		})
	);

/** An estate and any set of its sites to close (up to all, so nearest-site lists run out). */
const closureArb = estateArb.chain((data) =>
	fc
		.subarray(data.sites.map((s) => s.ref))
		.map((refs) => ({ data, closes: refs.map((siteRef): ScenarioAction => ({ type: 'close', siteRef })) }))
);

const modes: ScenarioParameters['distance']['mode'][] = ['straight', 'road'];
const params = (mode: ScenarioParameters['distance']['mode'] = 'straight') => {
	const p = defaultParameters();
	p.distance.mode = mode;
	return p;
};

describe('engine properties (fast-check)', () => {
	it.each(modes)('closing sites never shortens anyone’s trip (%s)', (mode) => {
		fc.assert(
			fc.property(closureArb, ({ data, closes }) => {
				const r = evaluateScenario(prepareEstate(data), closes, params(mode));
				for (const z of r.zoneAccess)
					z.before.forEach((before, i) => {
						const after = z.after[i];
						if (before === null) expect(after).toBeNull();
						else if (after !== null) expect(after).toBeGreaterThanOrEqual(before);
					});
			})
		);
	});

	it('finds the same nearest open site as an all-pairs search, however many sites close', async () => {
		fc.assert(
			fc.property(closureArb, ({ data, closes }) => {
				const closed = new Set(closes.map((a) => (a.type === 'close' ? a.siteRef : '')));
				const r = evaluateScenario(prepareEstate(data), closes, params());
				for (const z of r.zoneAccess) {
					const open = data.sites.filter((s) => !closed.has(s.ref) && s.services.some((x) => x.service === z.service));
					data.zones.forEach((zn, i) => {
						const brute = open.length ? Math.min(...open.map((s) => haversineM(zn.lon, zn.lat, s.lon, s.lat))) : null;
						if (brute === null) expect(z.after[i]).toBeNull();
						else expect(z.after[i]).toBeCloseTo(brute, 6);
					});
				}
			})
		);
	});

	it('restores the baseline exactly when the closures are removed again', async () => {
		fc.assert(
			fc.property(closureArb, ({ data, closes }) => {
				const estate = prepareEstate(data);
				const fresh = evaluateScenario(prepareEstate(data), [], params());
				evaluateScenario(estate, closes, params());
				expect(evaluateScenario(estate, [], params())).toEqual(fresh);
				if (closes.length > 1) {
					const shorter = closes.slice(1);
					expect(evaluateScenario(estate, shorter, params())).toEqual(
						evaluateScenario(prepareEstate(data), shorter, params())
					);
				}
			}),
			{ numRuns: 50 }
		);
	});

	it('gives the same result on a reused estate as on a fresh one, whatever was evaluated before', async () => {
		fc.assert(
			fc.property(closureArb, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...modes), fc.boolean()), { maxLength: 8 }), ({ data, closes }, steps) => {
				const estate = prepareEstate(data);
				for (const [bits, mode, wide] of steps) {
					// Each step evaluates some subset of the closures, as clicks and undos would.
					const actions = closes.filter((_, i) => (bits >> i % 30) & 1);
					const p = params(mode);
					if (wide) p.thresholdsM = [500, 2000, 8000];
					expect(evaluateScenario(estate, actions, p)).toEqual(evaluateScenario(prepareEstate(data), actions, p));
				}
			}),
			{ numRuns: 40 }
		);
	});

	it('never raises coverage, for anyone or any group, when sites close', async () => {
		fc.assert(
			fc.property(closureArb, ({ data, closes }) => {
				const r = evaluateScenario(prepareEstate(data), closes, params('road'));
				for (const s of r.services) {
					s.coverage.forEach((c, t) => expect(c.population).toBeLessThanOrEqual(s.baseline.coverage[t].population));
					expect(s.unreachable).toBeGreaterThanOrEqual(s.baseline.unreachable);
					for (const [key, g] of Object.entries(s.groups))
						g.coverage.forEach((c, t) =>
							expect(c.population).toBeLessThanOrEqual(s.baseline.groups[key as 'age65']!.coverage[t].population)
						);
				}
			})
		);
	});

	it('conserves visits: reassigned + phone + web + lost = the visits of the closed sites', async () => {
		fc.assert(
			fc.property(closureArb, ({ data, closes }) => {
				const closed = new Set(closes.map((a) => (a.type === 'close' ? a.siteRef : '')));
				const expected = data.sites
					.filter((s) => closed.has(s.ref))
					.reduce((sum, s) => sum + s.services.reduce((t, x) => t + (x.visitsPerWeek ?? 0), 0), 0);
				const f = evaluateScenario(prepareEstate(data), closes, params()).footfall;
				const total = f.reassignedVisitsPerWeek + f.shiftedToPhoneVisitsPerWeek + f.shiftedToWebVisitsPerWeek + f.lostVisitsPerWeek;
				expect(f.displacedVisitsPerWeek).toBeCloseTo(expected, 6);
				expect(total).toBeCloseTo(f.displacedVisitsPerWeek, 6);
				const flowTotal = f.flows.reduce((sum, x) => sum + x.visitsPerWeek, 0);
				expect(flowTotal).toBeCloseTo(f.reassignedVisitsPerWeek + f.lostVisitsPerWeek, 6);
				for (const flow of f.flows) expect(closed.has(flow.toSiteRef ?? '')).toBe(false);
			})
		);
	});

	it('scales straight-line figures by the circuity factor in road mode', async () => {
		fc.assert(
			fc.property(closureArb, ({ data, closes }) => {
				const estate = prepareEstate(data);
				const straight = evaluateScenario(estate, closes, params('straight'));
				const road = evaluateScenario(estate, closes, params('road'));
				straight.zoneAccess.forEach((z, k) =>
					z.after.forEach((d, i) => {
						if (d === null) expect(road.zoneAccess[k].after[i]).toBeNull();
						else expect(road.zoneAccess[k].after[i]).toBeCloseTo(d * 1.3, 6);
					})
				);
			}),
			{ numRuns: 30 }
		);
	});

	it('redoes only closed sites’ catchments and gets the same nearest sites as redoing every zone', async () => {
		// An added site (offering one service, sometimes closed too) puts an index beyond the
		// estate's own among the closed sites, and makes that service take the full path.
		const withAdded = closureArb.chain(({ data, closes }) =>
			fc
				.record({ service: fc.constantFrom(...SERVICES), close: fc.boolean(), mode: fc.constantFrom(...modes, 'matrix' as const) })
				.map((added) => ({ data, closes, added }))
		);
		// In matrix mode, minutes whose order differs from distance's, with some pairs unroutable.
		const withMatrix = (data: EngineData): EngineData => ({
			...data,
			matrix: {
				mode: 'public_transport',
				zoneCodes: data.zones.map((z) => z.code),
				siteRefs: data.sites.map((s) => s.ref),
				minutes: data.zones.flatMap((z, i) =>
					data.sites.map((s, j) => ((i + j) % 7 === 0 ? NaN : haversineM(z.lon, z.lat, s.lon, s.lat) / (300 + 40 * (j % 5))))
				)
			}
		});
		fc.assert(
			fc.property(withAdded, ({ data, closes, added }) => {
				const estate = prepareEstate(added.mode === 'matrix' ? withMatrix(data) : data);
				const newSite = { ref: 'new', name: 'New', kind: added.service, lon: -2.3, lat: 53.45, giaM2: null, annualRunningCostGbp: null };
				const actions: ScenarioAction[] = [
					...closes,
					{ type: 'add', site: { ...newSite, services: [{ service: added.service, visitsPerWeek: 10, spaceM2: null, staffFte: null }] } },
					...(added.close ? [{ type: 'close', siteRef: 'new' } as const] : [])
				];
				const distance = params(added.mode).distance;
				const state = applyActions(estate, actions);
				for (const service of SERVICES) {
					const nearest = nearestOpenSites(estate, applyActions(estate, []), service, distance);
					const baseline = { nearest, catchments: catchmentsOf(nearest, data.sites.length) };
					expect(nearestOpenSites(estate, state, service, distance, baseline)).toEqual(nearestOpenSites(estate, state, service, distance));
				}
			})
		);
	});

	it('gives byte-identical results for one more closure on a reused estate and on a fresh one', async () => {
		fc.assert(
			fc.property(closureArb, ({ data, closes }) => {
				const estate = prepareEstate(data);
				evaluateScenario(estate, [], params());
				for (let n = 1; n <= closes.length; n++) {
					const json = JSON.stringify(evaluateScenario(estate, closes.slice(0, n), params()));
					expect(json).toBe(JSON.stringify(evaluateScenario(prepareEstate(data), closes.slice(0, n), params())));
				}
			}),
			{ numRuns: 40 }
		);
	});

	it('finds the zone nearest a point as a scan of every zone would (lowest index on ties)', async () => {
		const point = fc.record({ lon: fc.double({ min: -2.6, max: -2.0, noNaN: true }), lat: fc.double({ min: 53.2, max: 53.7, noNaN: true }) });
		fc.assert(
			fc.property(estateArb, fc.array(point, { minLength: 1, maxLength: 5 }), (data, points) => {
				// A copy of the first zone makes an exact tie.
				data.zones.push({ ...data.zones[0], code: 'twin' });
				const estate = prepareEstate(data);
				for (const p of [...points, data.zones[0]]) {
					const d = data.zones.map((z) => haversineM(z.lon, z.lat, p.lon, p.lat));
					expect(estate.nearestZone(p.lon, p.lat)).toBe(d.indexOf(Math.min(...d)));
				}
			})
		);
	});
});
