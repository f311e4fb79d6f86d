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
