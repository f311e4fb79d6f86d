/**
 * The scenario parameters as form fields and back. Every field is text (what a user typed is kept
 * as typed, so a refused value is not lost); parsing reports a message per field, then the engine's
 * own `validateParameters` has the last word, with its issues mapped onto the same fields.
 * Thresholds are typed in miles (as the Post Office access criteria are stated) and stored in metres.
 */
import { METRES_PER_MILE, validateParameters } from '../engine/parameters';
import type { DistanceMode, PartnerSplit, ScenarioParameters } from '../engine/types';
import { parseNumber } from '../parse';

export type FormValues = Record<string, string>;

/** Numeric fields with their labels, in form order. Paths are the parameters' dotted paths. */
export const NUMBER_FIELDS = [
	{ path: 'distance.circuity', label: 'Road circuity factor', hint: 'Road distance ÷ straight-line distance, 1 or more (road mode).' },
	{ path: 'channelShift.baseShare', label: 'Share of displaced visits moving to phone or web', hint: 'A share from 0 to 1: 0.1 is 10 %.' },
	{ path: 'channelShift.olderReduction', label: 'Reduction of that share for a zone entirely aged 65+', hint: 'A share from 0 to 1.' },
	{ path: 'channelShift.deprivedReduction', label: 'Reduction of that share in the most deprived areas', hint: 'A share from 0 to 1 (IMD deciles 1–2).' },
	{ path: 'channelShift.phoneShare', label: 'Share of shifted visits going to phone', hint: 'A share from 0 to 1; the rest go online.' },
	{ path: 'appraisal.periodYears', label: 'Appraisal period (years)', hint: 'A whole number of years.' },
	{ path: 'appraisal.discountRate', label: 'Discount rate', hint: 'A share: 0.035 is the Green Book’s 3.5 %.' },
	{ path: 'colocation.defaultOccupancyShare', label: 'Share of a building in use where none is recorded', hint: 'A share from 0 to 1: 0.85 leaves 15 % vacant. A Hubplan planning assumption.' },
	{ path: 'colocation.sharedSpaceShare', label: 'Share of incoming space saved by sharing reception, meeting rooms and WCs', hint: 'A share from 0 to 1.' },
	{ path: 'colocation.marginalRunningGbpPerM2', label: 'Running cost of space a service takes in a building already running (£ per m² a year)', hint: '' },
	{ path: 'colocation.extensionGbpPerM2', label: 'Extension or new lease for space a hub lacks (£ per m²)', hint: '' },
	{ path: 'appraisal.fitOutGbpPerM2', label: 'Refurbishing space a service takes in a hub (£ per m²)', hint: '' },
	{ path: 'appraisal.moveCostGbpPerService', label: 'Cost of moving one service (£)', hint: '' },
	{ path: 'appraisal.dilapidationsGbpPerM2', label: 'Dilapidations on vacated space (£ per m²)', hint: '' },
	{ path: 'appraisal.ictGbpPerHub', label: 'ICT per hub (£)', hint: '' },
	{ path: 'appraisal.optimismBias', label: 'Optimism bias uplift on one-off costs', hint: 'A share: 0.24 is 24 %.' },
	{ path: 'appraisal.unitCostGbp.faceToFace', label: 'Cost per face-to-face contact (£)', hint: '' },
	{ path: 'appraisal.unitCostGbp.phone', label: 'Cost per phone contact (£)', hint: '' },
	{ path: 'appraisal.unitCostGbp.web', label: 'Cost per web contact (£)', hint: '' },
	{ path: 'appraisal.postOfficeGbpPerTransaction', label: 'Post Office fee per council transaction (£)', hint: 'A Hubplan planning assumption: use your contract price.' },
	{ path: 'appraisal.disposalValueGbpPerM2', label: 'Sale value of a vacated building with no receipt entered (£ per m²)', hint: 'An estimate until the building is valued.' },
	{ path: 'appraisal.lettingGbpPerM2PerYear', label: 'Rent from a let building (£ per m² a year)', hint: '' }
] as const;

export const DISTANCE_MODES: { value: DistanceMode; label: string }[] = [
	{ value: 'straight', label: 'Straight line' },
	{ value: 'road', label: 'Road estimate (straight line × circuity)' },
	{ value: 'matrix', label: 'Travel-time matrix (minutes)' }
];

export const PARTNER_SPLITS: { value: PartnerSplit; label: string }[] = [
	{ value: 'floor_area', label: 'By floor area each partner occupies' },
	{ value: 'equal', label: 'Equally' },
	{ value: 'agreed', label: 'By agreed shares' }
];

/** The form's text values for a parameter set; `receiptRefs` are the closed sites to ask a receipt for. */
export function toFormValues(p: ScenarioParameters, organisationIds: string[], receiptRefs: string[]): FormValues {
	const values: FormValues = {
		'distance.mode': p.distance.mode,
		thresholdsM: p.thresholdsM.map((m) => trimNumber(m / METRES_PER_MILE)).join(', '),
		thresholdsMin: p.thresholdsMin.map(trimNumber).join(', '),
		'appraisal.partnerSplit': p.appraisal.partnerSplit
	};
	for (const { path } of NUMBER_FIELDS) values[path] = String(read(p, path));
	for (const id of organisationIds) values[`appraisal.agreedShares.${id}`] = optional(p.appraisal.agreedShares[id]);
	for (const ref of receiptRefs) values[`appraisal.capitalReceiptsGbp.${ref}`] = optional(p.appraisal.capitalReceiptsGbp[ref]);
	return values;
}

const RECEIPT_PREFIX = 'appraisal.capitalReceiptsGbp.';

/**
 * The form after the closed sites changed (a building closed, or a closure undone) while the stored
 * parameters did not: a receipt field appears for each newly closed site (with its stored receipt,
 * if any) and goes for each reopened one; every other field keeps what was typed.
 */
export function syncReceiptFields(values: FormValues, p: ScenarioParameters, receiptRefs: string[]): FormValues {
	const next = withoutReopenedReceipts(values, receiptRefs);
	for (const ref of receiptRefs) next[`${RECEIPT_PREFIX}${ref}`] ??= optional(p.appraisal.capitalReceiptsGbp[ref]);
	return next;
}

/** `fields` (values or errors, keyed by path) without the receipt fields of sites no longer closed. */
export function withoutReopenedReceipts<T>(fields: Record<string, T>, receiptRefs: string[]): Record<string, T> {
	return Object.fromEntries(
		Object.entries(fields).filter(([path]) => !path.startsWith(RECEIPT_PREFIX) || receiptRefs.includes(path.slice(RECEIPT_PREFIX.length)))
	);
}

/**
 * Parse the form over `base` (fields the form does not show are kept). `errors` is keyed by the
 * field path (the same keys as the values); empty when the parameters are usable.
 */
export function parseFormValues(values: FormValues, base: ScenarioParameters): { parameters: ScenarioParameters; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	// A JSON copy, not structuredClone: the base is often a Svelte state proxy, which cannot be cloned.
	const p = JSON.parse(JSON.stringify(base)) as ScenarioParameters;
	const number = (path: string): number => {
		const text = (values[path] ?? '').trim();
		const n = parseNumber(text);
		if (n === null) {
			errors[path] = text === '' ? 'Enter a number.' : `Enter a number, for example 0.5 or £60,000 (got “${text}”).`;
			return NaN;
		}
		return n;
	};
	const list = (path: string, unit: string): number[] => {
		const parts = (values[path] ?? '').split(/[,\s]+/).filter(Boolean);
		const numbers = parts.map((part) => parseNumber(part) ?? NaN);
		if (!parts.length) errors[path] = `Enter at least one threshold in ${unit}.`;
		else if (numbers.some((n) => !(n > 0)))
			errors[path] = `Each threshold must be a number of ${unit} above 0, separated by commas (got “${values[path]}”).`;
		return numbers;
	};

	p.distance.mode = values['distance.mode'] as DistanceMode;
	p.thresholdsM = list('thresholdsM', 'miles').map((miles) => miles * METRES_PER_MILE);
	p.thresholdsMin = list('thresholdsMin', 'minutes');
	for (const { path } of NUMBER_FIELDS) write(p, path, number(path));
	p.appraisal.partnerSplit = values['appraisal.partnerSplit'] as PartnerSplit;
	for (const [key, prefix] of [['agreedShares', 'appraisal.agreedShares.'], ['capitalReceiptsGbp', 'appraisal.capitalReceiptsGbp.']] as const) {
		for (const [path, text] of Object.entries(values)) {
			if (!path.startsWith(prefix)) continue;
			const id = path.slice(prefix.length);
			if (text.trim() === '') delete p.appraisal[key][id];
			else p.appraisal[key][id] = number(path);
		}
	}

	for (const issue of validateParameters(p)) {
		const field = issue.path.replace(/\[\d+\]$/, '');
		errors[field] ??= issue.message;
	}
	return { parameters: p, errors };
}

function read(p: ScenarioParameters, path: string): unknown {
	return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], p);
}

function write(p: ScenarioParameters, path: string, value: number): void {
	const keys = path.split('.');
	const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, p as unknown as Record<string, unknown>);
	parent[keys.at(-1)!] = value;
}

function optional(n: number | undefined): string {
	return n === undefined ? '' : String(n);
}

/** Up to 6 decimals without float noise: 4828.032 / 1609.344 → '3'. */
function trimNumber(n: number): string {
	return String(Number(n.toFixed(6)));
}
