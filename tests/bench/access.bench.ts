/**
 * Engine benchmark: preparation, full evaluation and one-more-closure updates on the real
 * Trafford and Greater Manchester packs and on a seeded synthetic England-scale estate (33,755
 * zones, 25,000 sites, 12 services), against a baseline written the obvious way in the same run:
 * every zone against every open site with `@turf/distance`, then the same coverage sums.
 * On England scale the baseline runs on a fixed sample of zones and is scaled up (marked).
 */
import distance from '@turf/distance';
import { defaultParameters, evaluateScenario, prepareEstate } from '../../src/lib/engine';
import type { EngineData, ScenarioAction, ScenarioParameters } from '../../src/lib/engine';
import { packData } from '../unit/engine/fixtures';
import { mulberry32 } from '../../src/lib/engine/locate/random';

const params = defaultParameters();

/** England-sized synthetic estate: zones and sites scattered around 400 seeded towns. */
function syntheticEngland(seed = 42): EngineData {
	const rand = mulberry32(seed);
	const towns = Array.from({ length: 400 }, () => [-5.5 + rand() * 7, 50.2 + rand() * 5.4, 0.02 + rand() * 0.15]);
	const near = (): [number, number] => {
		const [lon, lat, spread] = towns[Math.floor(rand() * towns.length)];
		// Sum of uniforms ≈ normal scatter around the town centre.
		return [lon + (rand() + rand() - 1) * spread * 1.6, lat + (rand() + rand() - 1) * spread];
	};
	const services = Array.from({ length: 12 }, (_, i) => `service_${i + 1}`);
	const zones = Array.from({ length: 33_755 }, (_, i) => {
		const [lon, lat] = near();
		const population = 1000 + Math.floor(rand() * 2000);
		const age65 = Math.floor(population * rand() * 0.35);
		return {
			code: `Z${i}`,
			lon,
			lat,
			population,
			groups: { age65, deprived: rand() < 0.2 ? population : 0 },
			share65Plus: age65 / population,
			imdDecile: 1 + Math.floor(rand() * 10)
		};
	});
	const sites = Array.from({ length: 25_000 }, (_, i) => {
		const [lon, lat] = near();
		const first = services[Math.floor(rand() * services.length)];
		const second = rand() < 0.3 ? services[Math.floor(rand() * services.length)] : first;
		return {
			ref: `S${i}`,
			name: `Site ${i}`,
			kind: first,
			lon,
			lat,
			giaM2: 200 + Math.floor(rand() * 2000),
			desks: null,
			visitCapacityPerWeek: null,
			annualRunningCostGbp: 20_000 + Math.floor(rand() * 200_000),
			organisationId: null,
			services: [...new Set([first, second])].map((service) => ({
				service,
				visitsPerWeek: Math.floor(rand() * 1500),
				spaceM2: 100,
				staffFte: 2
			}))
		};
	});
	return { zones, sites, organisations: [] };
}

/**
 * The obvious way: for every service and zone, measure every open site offering it with
 * @turf/distance and keep the least; then sum the population within each threshold.
 */
function naiveCoverage(data: EngineData, closed: Set<string>, p: ScenarioParameters, zoneSample?: number[]): number {
	const services = [...new Set(data.sites.flatMap((s) => s.services.map((x) => x.service)))];
	const zones = zoneSample ? zoneSample.map((i) => data.zones[i]) : data.zones;
	let checksum = 0;
	for (const service of services) {
		const open = data.sites.filter((s) => !closed.has(s.ref) && s.services.some((x) => x.service === service));
		for (const z of zones) {
			let best = Infinity;
			for (const s of open) {
				const d = distance([z.lon, z.lat], [s.lon, s.lat], { units: 'meters' });
				if (d < best) best = d;
			}
			for (const t of p.thresholdsM) if (best <= t) checksum += z.population;
		}
	}
	return checksum;
}

/** Wall-clock and CPU (user + system) milliseconds of one call. */
function time<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
	const cpu = process.cpuUsage();
	const start = performance.now();
	const value = fn();
	const used = process.cpuUsage(cpu);
	return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

/**
 * Median wall-clock and CPU milliseconds of `timed(r)` over rounds r = 1..runs, after round 0 as a
 * warm-up; `setup(r)` runs untimed before each.
 */
function median(timed: (r: number) => unknown, runs = 5, setup?: (r: number) => unknown): { ms: number; cpuMs: number } {
	const results: { ms: number; cpuMs: number }[] = [];
	for (let r = 0; r <= runs; r++) {
		setup?.(r);
		const t = time(() => timed(r));
		if (r > 0) results.push(t);
	}
	const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(runs / 2)];
	return { ms: mid(results.map((r) => r.ms)), cpuMs: mid(results.map((r) => r.cpuMs)) };
}

/** "wall (cpu)" in milliseconds: on a shared machine the CPU figure is the steadier one. */
function fmt(t: { ms: number; cpuMs: number }): string {
	return `${round(t.ms)} (${round(t.cpuMs)})`;
}

/**
 * Round r's three closures: the (r + 1)-th site of each of the three most common kinds, so that
 * every round is a new scenario and nothing is reused from the round before.
 */
function threeClosures(data: EngineData, r: number): ScenarioAction[] {
	const counts = new Map<string, number>();
	for (const s of data.sites) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
	const kinds = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([k]) => k);
	return kinds.map((k) => ({ type: 'close', siteRef: data.sites.filter((s) => s.kind === k)[r].ref }));
}

async function benchArea(label: string, data: EngineData, naiveZoneSample?: number): Promise<Record<string, string | number>> {
	const prep = time(() => prepareEstate(data));
	const estate = prep.value;
	const cold = time(() => evaluateScenario(estate, [], params));
	const baseline = median(() => evaluateScenario(estate, [], params));
	// A new 3-closure scenario each round: a full evaluation of the services it touches.
	const rounds = Array.from({ length: 6 }, (_, r) => threeClosures(data, r));
	const scenario = median((r) => evaluateScenario(estate, rounds[r], params));
	// After round r's scenario, close one more site (counting back from the end of the file).
	const plusOne = rounds.map((closes, r): ScenarioAction[] => [
		...closes,
		{ type: 'close', siteRef: data.sites[data.sites.length - 1 - r].ref }
	]);
	const update = median(
		(r) => evaluateScenario(estate, plusOne[r], params),
		5,
		(r) => evaluateScenario(estate, rounds[r], params)
	);

	const closes = threeClosures(data, 0);
	const closed = new Set(closes.map((a) => (a.type === 'close' ? a.siteRef : '')));
	const sample = naiveZoneSample
		? Array.from({ length: naiveZoneSample }, (_, i) => Math.floor((i * data.zones.length) / naiveZoneSample))
		: undefined;
	const naive = time(() => naiveCoverage(data, closed, params, sample));
	const scale = sample ? data.zones.length / sample.length : 1;
	const naiveCpuMs = naive.cpuMs * scale;
	return {
		estate: label,
		zones: data.zones.length,
		sites: data.sites.length,
		'prepare + lists ms': fmt({ ms: prep.ms + cold.ms, cpuMs: prep.cpuMs + cold.cpuMs }),
		'baseline ms (cached)': fmt(baseline),
		'new 3-closure scenario ms': fmt(scenario),
		'+1 closure ms': fmt(update),
		'naive all-pairs ms': `${fmt({ ms: naive.ms * scale, cpuMs: naiveCpuMs })}${sample ? ` est. from ${sample.length} zones` : ''}`,
		'speed-up × (cpu)': round(naiveCpuMs / scenario.cpuMs),
		'speed-up incl. prep × (cpu)': round(naiveCpuMs / (prep.cpuMs + cold.cpuMs + scenario.cpuMs)),
		'RSS MB': round(process.memoryUsage().rss / 2 ** 20)
	};
}

function round(n: number): number {
	return n >= 100 ? Math.round(n) : Math.round(n * 10) / 10;
}

/** Print the benchmark table. */
export async function run(): Promise<void> {
	const rows = [await benchArea('Trafford', await packData('trafford')), await benchArea('Greater Manchester', await packData('greater-manchester'))];
	if (!process.env.BENCH_SKIP_ENGLAND) rows.push(await benchArea('Synthetic England (seed 42)', syntheticEngland(), 500));
	console.table(rows);
	console.log(
		'Times are "wall (CPU)" ms; evaluations are medians of 5 after a warm-up. "prepare + lists" is prepareEstate\n' +
			'plus the first evaluation, which builds the nearest-site lists. Each "new 3-closure scenario" closes three\n' +
			'sites not closed before; "+1 closure" closes one more site after that scenario was evaluated (a click).\n' +
			'Naive: every zone × every open site with @turf/distance; England scaled up from a fixed zone sample.'
	);
}
