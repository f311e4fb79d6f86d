/**
 * The saved-comparison and decision-record forms as valibot schemas. Text fields carry the limits
 * of `limits.ts`; whether a field may be blank, and whether the options exist, is
 * `$lib/server/decisions`'s rule, which names the problem.
 */
import * as v from 'valibot';
import { DATE_FORMATS, parseDate } from '../parse';
import { limitedText, nameText } from '../validation';

const short = () => v.optional(nameText(), '');
const long = () => v.optional(limitedText(), '');

/** The recommendation as the author writes it, with their name as typed. */
export const RecommendationFormSchema = v.object({
	title: short(),
	recommendation: long(),
	rationale: long(),
	author: short()
});

/** Saving a comparison: the recommendation plus the options (`baseline,4,7`) and the service shown. */
export const SaveComparisonFormSchema = v.object({
	...RecommendationFormSchema.entries,
	ids: v.pipe(nameText(), v.transform((ids) => ids.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean))),
	service: short()
});

/** Freezing: the date the comparison was (or will be) presented to cabinet. */
export const FreezeFormSchema = v.object({
	presentedOn: v.pipe(
		v.optional(v.string(), ''),
		v.check((text) => parseDate(text) !== null, (issue) =>
			String(issue.input).trim() ? `"${issue.input}" is not a real date; write it as ${DATE_FORMATS}, e.g. 2027-01-14` : 'Enter the date it was presented to cabinet.'),
		v.transform((text) => parseDate(text)!)
	)
});
