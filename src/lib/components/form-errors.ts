/**
 * Field issues (`{ path, message }`, as the API and server modules report them) turned into what a
 * GOV.UK-style form shows: one message per field next to it, and the same list in an error summary
 * whose links move focus to the field.
 */

/** One problem with one field; server modules report the same type. */
export interface FieldIssue {
	/** Dotted path of the field, e.g. `name` or `parameters.appraisal.discountRate`. */
	path: string;
	message: string;
}

/** First message per field path, in the order reported. */
export function fieldErrors(issues: FieldIssue[]): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const { path, message } of issues) errors[path] ??= message;
	return errors;
}

/**
 * The id of the input showing a field, from its dotted path: `appraisal.discountRate` →
 * `field-appraisal-discountRate`; `prefix` keeps two forms on one page apart. Paths with indices (`thresholdsM[0]`) map to the same scheme.
 */
export function fieldId(path: string, prefix = 'field'): string {
	return `${prefix}-${path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '')}`;
}

/** Error-summary entries: message and the `#id` its link jumps to. */
export function summaryLinks(errors: Record<string, string>, prefix = 'field'): { href: string; message: string }[] {
	return Object.entries(errors).map(([path, message]) => ({ href: `#${fieldId(path, prefix)}`, message }));
}
