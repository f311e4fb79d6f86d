/**
 * Provenance of the facts an import writes: a value taken from the file is `recorded`, with the
 * import's source. The sites and services kinds both use these, so an imported fact is marked the
 * same way whichever file brought it.
 */
import type { FactProvenance, Provenance } from '../../../provenance';
import type { DiffEntry } from '../diff';
import type { ImportContext, RecordValue } from '../records';

function recordedFrom(ctx: ImportContext): FactProvenance {
	return { basis: 'recorded', source: ctx.source };
}

/** Provenance of a new row: each of `factKeys` the file gives a value for is recorded. */
export function addedProvenance(ctx: ImportContext, values: Record<string, RecordValue>, factKeys: readonly string[]): Provenance {
	const provenance: Provenance = {};
	for (const key of factKeys) if (values[key] !== null) provenance[key] = recordedFrom(ctx);
	return provenance;
}

/**
 * The update for a changed row: the new values by field, and its provenance with each changed fact
 * (one of `factKeys`) re-marked as recorded; facts the file did not change keep what they had.
 */
export function changedFields(
	ctx: ImportContext,
	entry: DiffEntry,
	previous: Provenance,
	factKeys: readonly string[]
): { set: Record<string, unknown>; provenance: Provenance } {
	const provenance: Provenance = { ...previous };
	const set: Record<string, unknown> = {};
	for (const change of entry.changes ?? []) {
		set[change.field] = change.to;
		if (factKeys.includes(change.field)) provenance[change.field] = recordedFrom(ctx);
	}
	return { set, provenance };
}
