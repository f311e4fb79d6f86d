/**
 * The estate fields a partnership's data managers can mark restricted: the commercially sensitive
 * facts of a building (lease terms, rent, running costs, tenure). Viewers then see "restricted" in
 * their place and exports leave them out; editors and above see them, since they cost options.
 * One list: the setting, the site pages, the tables, the map, the engine data and the exports all
 * read it. The services table (visits, staff, space) holds nothing commercial, so every field here
 * is a `site` column, named by its key in schema.ts; `sourceAttributes` are keys of the site's
 * `attributes` (what the source said) that carry the same fact, withheld with it.
 */
export const RESTRICTABLE_FIELDS = [
	{ key: 'rentGbpPerYear', label: 'Rent', hint: 'the rent paid under the lease, £ a year' },
	{ key: 'ratesGbpPerYear', label: 'Business rates', hint: '£ a year' },
	{ key: 'facilitiesGbpPerYear', label: 'Facilities and utilities costs', hint: '£ a year' },
	// The pack keeps the asset register's own tenure text among the building's other attributes.
	{ key: 'tenure', label: 'Tenure', hint: 'freehold, leasehold or licence', sourceAttributes: ['council_asset_tenure'] },
	{ key: 'leaseEnd', label: 'Lease end', hint: 'when the lease ends' },
	{ key: 'leaseBreak', label: 'Lease break', hint: 'when the lease can be broken' },
	{ key: 'backlogGbp', label: 'Maintenance backlog', hint: 'the cost of repairs owed, £' }
] as const;

export type RestrictableField = (typeof RESTRICTABLE_FIELDS)[number]['key'];

/** The running cost is rent + rates + facilities: it is withheld whenever any part of it is. */
export const RUNNING_COST_PARTS: readonly RestrictableField[] = ['rentGbpPerYear', 'ratesGbpPerYear', 'facilitiesGbpPerYear'];

/** A field a viewer does not see: a restrictable one, or the running cost made from one. */
export type WithheldField = RestrictableField | 'annualRunningCostGbp';

/** What a viewer sees in place of a restricted value. */
export const RESTRICTED_TEXT = 'restricted';

/** Keys of a site's `attributes` that repeat a restricted field's value. */
export function restrictedAttributes(restricted: Iterable<string>): string[] {
	const set = new Set(restricted);
	return RESTRICTABLE_FIELDS.flatMap((f) => (set.has(f.key) && 'sourceAttributes' in f ? [...f.sourceAttributes] : []));
}

export function isRestrictableField(value: unknown): value is RestrictableField {
	return RESTRICTABLE_FIELDS.some((f) => f.key === value);
}

/** The fields withheld when `restricted` are restricted: those, and the running cost if any part of it is. */
export function withheldFields(restricted: Iterable<RestrictableField>): WithheldField[] {
	const fields: WithheldField[] = RESTRICTABLE_FIELDS.map((f) => f.key).filter((key) => [...restricted].includes(key));
	return fields.some((f) => RUNNING_COST_PARTS.includes(f as RestrictableField)) ? [...fields, 'annualRunningCostGbp'] : fields;
}
