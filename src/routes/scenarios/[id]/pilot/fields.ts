import { COST_KIND_LABELS } from '$lib/pilots/cost-kinds';

/** A milestone form's fields as text, as typed or as stored. */
export interface MilestoneValues {
	title: string;
	owner: string;
	startDate: string;
	endDate: string;
	status: string;
	notes: string;
	hubSiteRef: string;
}

/** A cost form's fields as text; contributions by organisation id. */
export interface CostValues {
	label: string;
	kind: string;
	amountGbp: string;
	contributions: Record<string, string>;
}

/** A stored milestone as form text; blank fields for a new one. */
export function milestoneValuesOf(m: Partial<Omit<MilestoneValues, 'hubSiteRef'>> & { hubSiteRef?: string | null } = {}): MilestoneValues {
	return {
		title: m.title ?? '',
		owner: m.owner ?? '',
		startDate: m.startDate ?? '',
		endDate: m.endDate ?? '',
		status: m.status ?? 'not_started',
		notes: m.notes ?? '',
		hubSiteRef: m.hubSiteRef ?? ''
	};
}

/** A stored cost line as form text; blank fields for a new one. */
export function costValuesOf(c?: { label: string; kind: string; amountGbp: number; contributions: { organisationId: string; amountGbp: number }[] }): CostValues {
	return {
		label: c?.label ?? '',
		kind: c?.kind ?? 'one_off',
		amountGbp: c ? String(c.amountGbp) : '',
		contributions: Object.fromEntries((c?.contributions ?? []).map((x) => [x.organisationId, String(x.amountGbp)]))
	};
}

/** A milestone's fields in words, one line each, for the conflict view. */
export function milestoneLines(values: MilestoneValues, label: { status: (code: string) => string; hub: (ref: string) => string }): string[] {
	return [
		`Title: “${values.title}”`,
		`Owner: ${values.owner || 'none'}`,
		`Dates: ${values.startDate} to ${values.endDate}`,
		`Status: ${label.status(values.status)}`,
		`Hub: ${values.hubSiteRef ? label.hub(values.hubSiteRef) : 'whole scenario'}`,
		`Notes: ${values.notes || 'none'}`
	];
}

/** A cost line's fields in words, one line each, for the conflict view. */
export function costLines(values: CostValues, partnerName: (id: string) => string): string[] {
	const split = Object.entries(values.contributions).filter(([, amount]) => amount.trim());
	return [
		`What it is for: “${values.label}”`,
		`Cost: £${values.amountGbp} (${COST_KIND_LABELS[values.kind as keyof typeof COST_KIND_LABELS] ?? values.kind})`,
		`Split: ${split.length ? split.map(([id, amount]) => `${partnerName(id)} £${amount}`).join(', ') : 'none'}`
	];
}
