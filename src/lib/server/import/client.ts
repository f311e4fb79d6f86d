/**
 * The plan as the browser gets it: problem and diff lists cut to what a page can show, with the
 * full counts beside them (a 60,000-cell matrix diff stays on the server).
 */
import type { ImportDiff } from './diff';
import type { ImportPlan } from './plan';

/** Entries per diff list sent to the browser. */
export const DIFF_ENTRIES_SHOWN = 200;

export interface ClientDiff extends Omit<ImportDiff, 'added' | 'changed' | 'removed'> {
	added: ImportDiff['added'];
	changed: ImportDiff['changed'];
	removed: ImportDiff['removed'];
	counts: { added: number; changed: number; removed: number };
}

export interface ClientPlan extends Omit<ImportPlan, 'diff'> {
	diff: ClientDiff | null;
}

export function planForClient(plan: ImportPlan): ClientPlan {
	const diff = plan.diff;
	if (!diff) return { ...plan, diff: null };
	const geometryFree = (entries: ImportDiff['changed']) =>
		entries.slice(0, DIFF_ENTRIES_SHOWN).map((e) => ({
			...e,
			changes: e.changes?.map((c) => (c.field === 'geometry' ? { field: 'geometry', from: '(polygon)', to: '(new polygon)' } : c))
		}));
	return {
		...plan,
		diff: {
			...diff,
			added: diff.added.slice(0, DIFF_ENTRIES_SHOWN),
			changed: geometryFree(diff.changed),
			removed: diff.removed.slice(0, DIFF_ENTRIES_SHOWN).map(({ id, label }) => ({ id, label })),
			counts: { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length }
		}
	};
}
