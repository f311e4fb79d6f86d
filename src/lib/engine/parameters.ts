/**
 * Default scenario parameters, their validation, and the list of assumptions that every result
 * carries. Each default names its source; a judgement rather than a published figure is labelled
 * "Hubplan planning assumption (configurable)".
 */
import type { Assumption, ScenarioParameters } from './types';
import { DISPOSAL_ROUTES } from './types';
import {
	DEFAULT_CHANNEL_SHIFT_SERVICES,
	OFFICE_SPACE_STANDARD,
	PLANNING,
	SERVICE_SPACE_NORMS,
	SPACE_M2_PER_FTE,
	UNIT_COST_SETS,
	unitCostSetOf
} from './norms';

/** Metres in a statute mile (international yard and pound agreement, 1959). */
export const METRES_PER_MILE = 1609.344;

/** Weeks in a year, used to turn weekly visits into annual ones. */
export const WEEKS_PER_YEAR = 52;

const POST_OFFICE =
	'Post Office network access criteria (UK Government): 90 % of the population within 1 mile and 99 % within 3 miles of a post office';
const GREEN_BOOK_RATE = 'HM Treasury Green Book: social time preference rate, 3.5 %';
const OPTIMISM_BIAS =
	'HM Treasury Green Book supplementary guidance: optimism bias, standard buildings (capital expenditure, upper bound 24 %)';
const POST_OFFICE_FEE =
	'Hubplan planning assumption (configurable): the Sheffield City Council and Post Office Ltd pilot (BBC News, 11 November 2010) publishes no price per transaction; replace with your contract price';

/**
 * The parameters a new scenario starts with.
 *
 * @example
 * defaultParameters().thresholdsM; // [1609.344, 4828.032], 1 and 3 miles
 */
export function defaultParameters(): ScenarioParameters {
	const socitm = UNIT_COST_SETS[0];
	return {
		colocation: {
			defaultOccupancyShare: 0.85,
			spaceM2PerFte: SPACE_M2_PER_FTE,
			serviceSpaceM2: Object.fromEntries(Object.entries(SERVICE_SPACE_NORMS).map(([code, n]) => [code, n.spaceM2])),
			sharedSpaceShare: 0.1,
			extensionGbpPerM2: 2500,
			marginalRunningGbpPerM2: 30
		},
		distance: { mode: 'straight', circuity: 1.3 },
		thresholdsM: [METRES_PER_MILE, 3 * METRES_PER_MILE],
		thresholdsMin: [15, 30],
		channelShift: {
			services: [...DEFAULT_CHANNEL_SHIFT_SERVICES],
			baseShare: 0.1,
			olderReduction: 0.5,
			deprivedReduction: 0.3,
			phoneShare: 0.5
		},
		appraisal: {
			periodYears: 10,
			discountRate: 0.035,
			fitOutGbpPerM2: 750,
			moveCostGbpPerService: 5000,
			dilapidationsGbpPerM2: 50,
			ictGbpPerHub: 25_000,
			optimismBias: 0.24,
			capitalReceiptsGbp: {},
			unitCostGbp: { faceToFace: socitm.faceToFace, phone: socitm.phone, web: socitm.web },
			serviceUnitCostGbp: {},
			postOfficeGbpPerTransaction: 1,
			disposalRoutes: {},
			disposalValueGbpPerM2: 500,
			lettingGbpPerM2PerYear: 60,
			startDate: '2027-04-01',
			partnerSplit: 'floor_area',
			agreedShares: {}
		}
	};
}

/**
 * A stored parameter set with any field added since it was saved filled from the defaults, so
 * scenarios saved before a new parameter existed still evaluate (and show the default they use).
 *
 * @example
 * completeParameters(oldScenario.parameters).colocation.defaultOccupancyShare; // 0.85
 */
export function completeParameters(p: ScenarioParameters): ScenarioParameters {
	return fill(defaultParameters(), p) as ScenarioParameters;
}

function fill(defaults: unknown, given: unknown): unknown {
	if (given === undefined) return defaults;
	if (!isRecord(defaults) || !isRecord(given)) return given;
	const out: Record<string, unknown> = { ...given };
	for (const [key, value] of Object.entries(defaults)) {
		// Records keyed by site, service or partner are the user's whole choice, never merged key by key.
		out[key] = key in given && !FREE_RECORDS.has(key) ? fill(value, given[key]) : (given[key] ?? value);
	}
	return out;
}

/** Parameters that are records keyed by site ref, service code or partner id. */
const FREE_RECORDS = new Set(['capitalReceiptsGbp', 'agreedShares', 'serviceSpaceM2', 'serviceUnitCostGbp', 'disposalRoutes']);

function isRecord(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** One problem with a parameter set: the dotted path of the field and what is wrong with it. */
export interface ParameterIssue {
	path: string;
	message: string;
}

/**
 * Check a parameter set; an empty list means it is usable. Each message names the bad value and
 * what would be accepted.
 *
 * @example
 * const p = defaultParameters();
 * p.appraisal.discountRate = -1;
 * validateParameters(p); // [{ path: 'appraisal.discountRate', message: '…' }]
 */
export function validateParameters(p: ScenarioParameters): ParameterIssue[] {
	const issues: ParameterIssue[] = [];
	const add = (path: string, message: string) => issues.push({ path, message });
	const finite = (path: string, value: unknown): value is number => {
		if (typeof value === 'number' && Number.isFinite(value)) return true;
		add(path, `Expected a finite number, got ${String(value)}.`);
		return false;
	};
	const nonNegative = (path: string, value: unknown) => {
		if (finite(path, value) && value < 0) add(path, `Must be 0 or more, got ${value}.`);
	};
	const share = (path: string, value: unknown) => {
		if (finite(path, value) && (value < 0 || value > 1))
			add(path, `Must be a share between 0 and 1, got ${value}.`);
	};
	const thresholds = (path: string, values: unknown) => {
		if (!Array.isArray(values) || values.length === 0) {
			add(path, 'Give at least one threshold.');
			return;
		}
		values.forEach((v, i) => {
			if (finite(`${path}[${i}]`, v) && v <= 0) add(`${path}[${i}]`, `Must be above 0, got ${v}.`);
		});
	};

	const modes = ['straight', 'road', 'matrix'];
	if (!modes.includes(p.distance?.mode))
		add('distance.mode', `Unknown mode ${String(p.distance?.mode)}; use one of ${modes.join(', ')}.`);
	if (finite('distance.circuity', p.distance?.circuity) && p.distance.circuity < 1)
		add('distance.circuity', `A road is never shorter than a straight line: must be 1 or more, got ${p.distance.circuity}.`);
	thresholds('thresholdsM', p.thresholdsM);
	thresholds('thresholdsMin', p.thresholdsMin);

	const k = p.colocation;
	share('colocation.defaultOccupancyShare', k?.defaultOccupancyShare);
	nonNegative('colocation.spaceM2PerFte', k?.spaceM2PerFte);
	for (const [code, m2] of Object.entries(k?.serviceSpaceM2 ?? {})) nonNegative(`colocation.serviceSpaceM2.${code}`, m2);
	share('colocation.sharedSpaceShare', k?.sharedSpaceShare);
	nonNegative('colocation.extensionGbpPerM2', k?.extensionGbpPerM2);
	nonNegative('colocation.marginalRunningGbpPerM2', k?.marginalRunningGbpPerM2);

	const c = p.channelShift;
	if (!Array.isArray(c?.services) || c.services.some((x) => typeof x !== 'string'))
		add('channelShift.services', `Give a list of service codes, got ${JSON.stringify(c?.services)}.`);
	share('channelShift.baseShare', c?.baseShare);
	share('channelShift.olderReduction', c?.olderReduction);
	share('channelShift.deprivedReduction', c?.deprivedReduction);
	share('channelShift.phoneShare', c?.phoneShare);

	const a = p.appraisal;
	if (finite('appraisal.periodYears', a?.periodYears) && (a.periodYears < 1 || !Number.isInteger(a.periodYears)))
		add('appraisal.periodYears', `Must be a whole number of years, 1 or more, got ${a.periodYears}.`);
	if (finite('appraisal.discountRate', a?.discountRate) && (a.discountRate < 0 || a.discountRate >= 1))
		add('appraisal.discountRate', `Must be between 0 and 1 (0.035 is 3.5 %), got ${a.discountRate}.`);
	nonNegative('appraisal.fitOutGbpPerM2', a?.fitOutGbpPerM2);
	nonNegative('appraisal.moveCostGbpPerService', a?.moveCostGbpPerService);
	nonNegative('appraisal.dilapidationsGbpPerM2', a?.dilapidationsGbpPerM2);
	nonNegative('appraisal.ictGbpPerHub', a?.ictGbpPerHub);
	nonNegative('appraisal.optimismBias', a?.optimismBias);
	for (const [ref, gbp] of Object.entries(a?.capitalReceiptsGbp ?? {}))
		nonNegative(`appraisal.capitalReceiptsGbp.${ref}`, gbp);
	nonNegative('appraisal.unitCostGbp.faceToFace', a?.unitCostGbp?.faceToFace);
	nonNegative('appraisal.unitCostGbp.phone', a?.unitCostGbp?.phone);
	nonNegative('appraisal.unitCostGbp.web', a?.unitCostGbp?.web);
	for (const [code, cost] of Object.entries(a?.serviceUnitCostGbp ?? {}))
		for (const channel of ['faceToFace', 'phone', 'web'] as const)
			nonNegative(`appraisal.serviceUnitCostGbp.${code}.${channel}`, cost?.[channel]);
	nonNegative('appraisal.postOfficeGbpPerTransaction', a?.postOfficeGbpPerTransaction);
	for (const [ref, route] of Object.entries(a?.disposalRoutes ?? {}))
		if (!(DISPOSAL_ROUTES as readonly string[]).includes(route))
			add(`appraisal.disposalRoutes.${ref}`, `Unknown disposal route ${String(route)}; use one of ${DISPOSAL_ROUTES.join(', ')}.`);
	nonNegative('appraisal.disposalValueGbpPerM2', a?.disposalValueGbpPerM2);
	nonNegative('appraisal.lettingGbpPerM2PerYear', a?.lettingGbpPerM2PerYear);
	if (typeof a?.startDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(a.startDate) || Number.isNaN(Date.parse(a.startDate)))
		add('appraisal.startDate', `Give the first day of the appraisal as yyyy-mm-dd, got ${String(a?.startDate)}.`);
	const splits = ['floor_area', 'equal', 'agreed'];
	if (!splits.includes(a?.partnerSplit))
		add('appraisal.partnerSplit', `Unknown split ${String(a?.partnerSplit)}; use one of ${splits.join(', ')}.`);
	const agreed = Object.entries(a?.agreedShares ?? {});
	for (const [org, s] of agreed) share(`appraisal.agreedShares.${org}`, s);
	if (a?.partnerSplit === 'agreed') {
		const total = agreed.reduce((sum, [, s]) => sum + (Number.isFinite(s) ? s : 0), 0);
		if (agreed.length === 0) add('appraisal.agreedShares', 'The agreed split needs a share for each partner.');
		else if (Math.abs(total - 1) > 1e-9)
			add('appraisal.agreedShares', `Agreed shares must add up to 1 (100 %), they add up to ${total}.`);
	}
	return issues;
}

/**
 * Every parameter as a stated assumption with its value and source, in a fixed order, so a
 * result can show what it was computed from.
 */
export function assumptionsFor(p: ScenarioParameters): Assumption[] {
	const a = p.appraisal;
	const k = p.colocation;
	const unitSource = (cost: { faceToFace: number; phone: number; web: number }) => unitCostSetOf(cost)?.source ?? 'Scenario input';
	const list: Assumption[] = [
		{ key: 'colocation.defaultOccupancyShare', label: 'Share of a building in use where not recorded', value: k.defaultOccupancyShare, source: PLANNING },
		{ key: 'colocation.spaceM2PerFte', label: 'Space per staff FTE (m²)', value: k.spaceM2PerFte, source: k.spaceM2PerFte === SPACE_M2_PER_FTE ? OFFICE_SPACE_STANDARD : 'Scenario input' },
		...Object.entries(k.serviceSpaceM2)
			.sort(([x], [y]) => x.localeCompare(y))
			.map(([code, m2]) => {
				const norm = SERVICE_SPACE_NORMS[code];
				return {
					key: `colocation.serviceSpaceM2.${code}`,
					label: `Typical space for ${code.replace(/_/g, ' ')} (m²)`,
					value: m2,
					source: norm && norm.spaceM2 === m2 ? `${norm.source}: ${norm.method}` : 'Scenario input'
				};
			}),
		{ key: 'colocation.sharedSpaceShare', label: 'Share of incoming space saved by sharing reception, meeting rooms and WCs', value: k.sharedSpaceShare, source: PLANNING },
		{ key: 'colocation.extensionGbpPerM2', label: 'Extension or new lease for space a building lacks (£ per m²)', value: k.extensionGbpPerM2, source: PLANNING },
		{ key: 'colocation.marginalRunningGbpPerM2', label: 'Running cost of space taken in a building already running (£ per m² a year)', value: k.marginalRunningGbpPerM2, source: PLANNING },
		{ key: 'distance.mode', label: 'Distance measure', value: p.distance.mode, source: 'Scenario choice: straight (great circle), road (great circle × circuity) or matrix (supplied travel times)' },
		{ key: 'distance.circuity', label: 'Road circuity factor', value: p.distance.circuity, source: PLANNING },
		...p.thresholdsM.map((m, i) => ({
			key: `thresholdsM[${i}]`,
			label: `Access threshold ${i + 1} (metres)`,
			value: m,
			source: [METRES_PER_MILE, 3 * METRES_PER_MILE].includes(m) ? POST_OFFICE : 'Scenario choice'
		})),
		...p.thresholdsMin.map((m, i) => ({
			key: `thresholdsMin[${i}]`,
			label: `Access threshold ${i + 1} (minutes, matrix mode)`,
			value: m,
			source: PLANNING
		})),
		{ key: 'channelShift.services', label: 'Services whose contacts can go to phone or web', value: p.channelShift.services.join(', ') || 'none', source: 'Council contacts (Socitm and Tameside figures are council contact costs); scenario choice' },
		{ key: 'channelShift.baseShare', label: 'Share of displaced visits moving to phone or web', value: p.channelShift.baseShare, source: PLANNING },
		{ key: 'channelShift.olderReduction', label: 'Reduction of that share for a zone entirely aged 65+', value: p.channelShift.olderReduction, source: PLANNING },
		{ key: 'channelShift.deprivedReduction', label: 'Reduction of that share in IMD deciles 1–2', value: p.channelShift.deprivedReduction, source: PLANNING },
		{ key: 'channelShift.phoneShare', label: 'Share of shifted visits going to phone (rest to web)', value: p.channelShift.phoneShare, source: PLANNING },
		{ key: 'appraisal.periodYears', label: 'Appraisal period (years)', value: a.periodYears, source: PLANNING },
		{ key: 'appraisal.discountRate', label: 'Discount rate', value: a.discountRate, source: GREEN_BOOK_RATE },
		{ key: 'appraisal.optimismBias', label: 'Optimism bias uplift on capital', value: a.optimismBias, source: OPTIMISM_BIAS },
		{ key: 'appraisal.fitOutGbpPerM2', label: 'Refurbishing space a service takes in a building (£ per m²)', value: a.fitOutGbpPerM2, source: PLANNING },
		{ key: 'appraisal.moveCostGbpPerService', label: 'Cost of moving one service (£)', value: a.moveCostGbpPerService, source: PLANNING },
		{ key: 'appraisal.dilapidationsGbpPerM2', label: 'Dilapidations on vacated space (£ per m²)', value: a.dilapidationsGbpPerM2, source: PLANNING },
		{ key: 'appraisal.ictGbpPerHub', label: 'ICT per hub (£)', value: a.ictGbpPerHub, source: PLANNING },
		{ key: 'appraisal.unitCostGbp.faceToFace', label: 'Cost per face-to-face contact (£)', value: a.unitCostGbp.faceToFace, source: unitSource(a.unitCostGbp) },
		{ key: 'appraisal.unitCostGbp.phone', label: 'Cost per phone contact (£)', value: a.unitCostGbp.phone, source: unitSource(a.unitCostGbp) },
		{ key: 'appraisal.unitCostGbp.web', label: 'Cost per web contact (£)', value: a.unitCostGbp.web, source: unitSource(a.unitCostGbp) },
		...Object.entries(a.serviceUnitCostGbp)
			.sort(([x], [y]) => x.localeCompare(y))
			.flatMap(([code, cost]) =>
				(['faceToFace', 'phone', 'web'] as const).map((channel) => ({
					key: `appraisal.serviceUnitCostGbp.${code}.${channel}`,
					label: `Cost per ${channel === 'faceToFace' ? 'face-to-face' : channel} contact for ${code.replace(/_/g, ' ')} (£)`,
					value: cost[channel],
					source: unitSource(cost)
				}))
			),
		{ key: 'appraisal.postOfficeGbpPerTransaction', label: 'Post Office fee per council transaction (£)', value: a.postOfficeGbpPerTransaction, source: POST_OFFICE_FEE },
		{ key: 'appraisal.disposalValueGbpPerM2', label: 'Sale value of a vacated building where no receipt is entered (£ per m²)', value: a.disposalValueGbpPerM2, source: `${PLANNING}: an estimate until the building is valued` },
		{ key: 'appraisal.lettingGbpPerM2PerYear', label: 'Rent from a let building (£ per m² a year)', value: a.lettingGbpPerM2PerYear, source: PLANNING },
		{ key: 'appraisal.startDate', label: 'First day of appraisal year 1', value: a.startDate, source: 'Scenario choice' },
		{ key: 'weeksPerYear', label: 'Weeks per year', value: WEEKS_PER_YEAR, source: 'Convention: weekly visits × 52' },
		{ key: 'appraisal.partnerSplit', label: 'How costs and savings are shared between partners', value: a.partnerSplit, source: 'Scenario choice' }
	];
	for (const [ref, route] of Object.entries(a.disposalRoutes).sort(([x], [y]) => x.localeCompare(y)))
		list.push({ key: `appraisal.disposalRoutes.${ref}`, label: `Disposal route for ${ref}`, value: route, source: 'Scenario input' });
	for (const [ref, gbp] of Object.entries(a.capitalReceiptsGbp).sort(([x], [y]) => x.localeCompare(y)))
		list.push({ key: `appraisal.capitalReceiptsGbp.${ref}`, label: `Capital receipt for ${ref} (£)`, value: gbp, source: 'Scenario input' });
	if (a.partnerSplit === 'agreed')
		for (const [org, s] of Object.entries(a.agreedShares).sort(([x], [y]) => x.localeCompare(y)))
			list.push({ key: `appraisal.agreedShares.${org}`, label: `Agreed share for ${org}`, value: s, source: 'Scenario input (partnership agreement)' });
	return list;
}
