/**
 * The pilot page's forms as valibot schemas: every field is form text within the length limits
 * (a missing field is blank). Dates, amounts and statuses are read and checked by
 * `$lib/server/pilots`, which names the bad value; these only refuse what is not text at all or
 * too long.
 */
import * as v from 'valibot';
import { MAX_TEXT_CHARS } from '../limits';
import { limitedText, nameText } from '../validation';

const short = () => v.optional(nameText(), '');

export const MilestoneFormSchema = v.object({
	title: short(),
	owner: short(),
	startDate: short(),
	endDate: short(),
	status: short(),
	notes: v.optional(limitedText(MAX_TEXT_CHARS), ''),
	hubSiteRef: short()
});

/**
 * A cost line; `contribution` holds the form's `contribution.<organisation id>` fields by id (so an
 * issue's path names the form field), handed on as `contributions`.
 */
export const CostFormSchema = v.pipe(
	v.object({ label: short(), kind: short(), amountGbp: short(), contribution: v.record(v.string(), nameText()) }),
	v.transform(({ contribution, ...rest }) => ({ ...rest, contributions: contribution }))
);
