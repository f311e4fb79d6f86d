/**
 * Audit entries in plain English for the pages and the CSV: who, when, what, and each changed field
 * as "label: before → after", with field names as people say them (no JSON, no snake_case).
 */
import { AUDIT_ACTIONS, AUDIT_ENTITY_KINDS, type AuditSnapshot } from '../../audit/kinds';
import { formatDateTime, MISSING } from '../../format';
import { assumptionsFor, completeParameters } from '../../engine/parameters';
import type { ScenarioParameters } from '../../engine/types';
import { STATUS_LABELS } from '../../pilots/milestones';
import { COST_KIND_LABELS } from '../../pilots/cost-kinds';
import { SERVICE_FIELDS, SITE_FIELDS, ZONE_FIELDS } from '../import/fields';
import { PARTNER_KIND_LABELS } from '../partners';
import type { AuditEvent } from './log';

export interface FieldChangeText {
	field: string;
	from: string;
	to: string;
}

/** One entry as a reader sees it. */
export interface AuditEntryView {
	id: number;
	/** ISO timestamp, and as a person reads it. */
	at: string;
	when: string;
	who: string;
	address: string | null;
	kind: string;
	action: string;
	summary: string;
	changes: FieldChangeText[];
}

const FIELD_LABELS: Record<string, string> = {
	...Object.fromEntries([...SITE_FIELDS, ...SERVICE_FIELDS, ...ZONE_FIELDS].map((f) => [f.key, f.label])),
	name: 'Name',
	description: 'Description',
	actions: 'Actions',
	title: 'Title',
	owner: 'Owner',
	startDate: 'Start date',
	endDate: 'End date',
	status: 'Status',
	notes: 'Notes',
	hubSiteRef: 'Hub building',
	label: 'Label',
	kind: 'Kind',
	amountGbp: 'Amount (£)',
	split: 'Paid by',
	action: 'What will be done',
	forWhom: 'For whom',
	serviceCode: 'Service',
	thresholdM: 'Distance (metres)',
	thresholdMin: 'Time (minutes)',
	populationGroup: 'Population group',
	targetShare: 'Target share',
	linkIds: 'Options compared',
	recommendation: 'Recommendation',
	rationale: 'Rationale',
	author: 'Author',
	example: 'Worked example',
	isBaseline: 'Built in',
	presentedOn: 'Presented on'
};

/** Values stored as codes, and the words for them. */
const VALUE_LABELS: Record<string, string> = { ...STATUS_LABELS, ...COST_KIND_LABELS, ...PARTNER_KIND_LABELS };

export function describeEvent(event: AuditEvent): AuditEntryView {
	return {
		id: event.id,
		at: event.at,
		when: formatDateTime(event.at),
		who: event.actorLabel,
		address: event.address,
		kind: AUDIT_ENTITY_KINDS[event.entityKind] ?? words(event.entityKind),
		action: AUDIT_ACTIONS[event.action] ?? words(event.action),
		summary: event.summary,
		changes: event.before && event.after ? fieldChanges(event.before, event.after) : []
	};
}

/** The fields that differ between two snapshots, labelled, with both values as text. */
export function fieldChanges(before: AuditSnapshot, after: AuditSnapshot): FieldChangeText[] {
	const changes: FieldChangeText[] = [];
	for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
		const [a, b] = [before[key], after[key]];
		if (JSON.stringify(a) === JSON.stringify(b)) continue;
		if (key === 'parameters' && isObject(a) && isObject(b)) changes.push(...parameterChanges(a, b));
		else if (isObject(a) || isObject(b)) {
			const from = isObject(a) ? a : {};
			const to = isObject(b) ? b : {};
			for (const sub of fieldChanges(from, to)) changes.push({ ...sub, field: `${label(key)}: ${sub.field}` });
		} else changes.push({ field: label(key), from: valueText(key, a), to: valueText(key, b) });
	}
	return changes;
}

/** Parameters by their assumption labels (engine/parameters.ts), as the scenario page names them. */
function parameterChanges(before: object, after: object): FieldChangeText[] {
	const listOf = (p: object) => new Map(assumptionsFor(completeParameters(p as ScenarioParameters)).map((x) => [x.key, x]));
	const [a, b] = [listOf(before), listOf(after)];
	const changes: FieldChangeText[] = [];
	for (const [key, x] of b) {
		const was = a.get(key);
		if (JSON.stringify(was?.value) !== JSON.stringify(x.value)) changes.push({ field: x.label, from: valueText(key, was?.value), to: valueText(key, x.value) });
	}
	return changes;
}

function label(key: string): string {
	return FIELD_LABELS[key] ?? words(key);
}

/** A value as text: numbers grouped, codes in words, lists by their length. */
export function valueText(key: string, value: unknown): string {
	if (value === null || value === undefined || value === '') return MISSING;
	if (typeof value === 'boolean') return value ? 'Yes' : 'No';
	// Every digit stored: rounding could show a change as "−2.35 → −2.35".
	if (typeof value === 'number') return value.toLocaleString('en-GB', { maximumFractionDigits: 6 });
	if (typeof value === 'string') {
		const coded = key === 'status' || key === 'kind';
		return (coded && VALUE_LABELS[value]) || (coded && /^[a-z]+(_[a-z]+)+$/.test(value) ? words(value) : value);
	}
	if (Array.isArray(value)) {
		if (key === 'actions') return `${value.length} ${value.length === 1 ? 'action' : 'actions'}`;
		return value.every((v) => typeof v !== 'object') ? value.map((v) => valueText(key, v)).join(', ') : `${value.length} entries`;
	}
	return Object.entries(value as object)
		.map(([k, v]) => `${words(k)} ${valueText(k, v)}`)
		.join(', ');
}

/** `giaM2` or `pilot_cost` as words: "gia m2", "pilot cost", with a capital first letter. */
function words(code: string): string {
	const text = code
		.replace(/_/g, ' ')
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase();
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
