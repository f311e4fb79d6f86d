/**
 * What an import would do, by stable id: rows to add, rows whose fields change (field by field),
 * rows in the database the file does not mention. Computed before commit for the preview, and again
 * inside the commit transaction, so what is written is exactly what the diff says.
 */

export type FieldValue = string | number | boolean | null | GeoJSON.Geometry;

export interface FieldChange {
	field: string;
	from: FieldValue;
	to: FieldValue;
}

export interface DiffEntry {
	/** Stable id: site ref, "site ref / service", ONS code, "zone → site". */
	id: string;
	label: string;
	changes?: FieldChange[];
	/** Removed rows: the stored values, for the audit log (the browser's copy leaves them out). */
	stored?: Record<string, FieldValue>;
}

export interface ImportDiff {
	added: DiffEntry[];
	changed: DiffEntry[];
	/** In the database but not in the file; deleted only when the user opts in. */
	removed: DiffEntry[];
	/** Whether `removed` will be deleted on commit. */
	removeMissing: boolean;
	unchanged: number;
	/** Sites imports: partners the file names that do not exist yet, added on commit when the user agrees. */
	newPartners?: string[];
}

export interface Incoming {
	id: string;
	label: string;
	/** Field values from the file; null means the cell was empty, which keeps the stored value. */
	values: Record<string, FieldValue>;
}

export interface Existing {
	label: string;
	values: Record<string, FieldValue>;
}

/** Values differ? Geometries compare by their JSON. */
function differs(a: FieldValue | undefined, b: FieldValue): boolean {
	if (typeof b === 'object' && b !== null) return JSON.stringify(a) !== JSON.stringify(b);
	return (a ?? null) !== b;
}

/** Compares incoming rows with stored ones by id. An empty cell never counts as a change. */
export function keyedDiff(
	existing: Map<string, Existing>,
	incoming: Incoming[],
	removeMissing: boolean
): ImportDiff {
	const diff: ImportDiff = { added: [], changed: [], removed: [], removeMissing, unchanged: 0 };
	const seen = new Set<string>();
	for (const row of incoming) {
		seen.add(row.id);
		const stored = existing.get(row.id);
		if (!stored) {
			diff.added.push({ id: row.id, label: row.label });
			continue;
		}
		const changes: FieldChange[] = [];
		for (const [field, to] of Object.entries(row.values)) {
			if (to !== null && differs(stored.values[field], to)) changes.push({ field, from: stored.values[field] ?? null, to });
		}
		if (changes.length) diff.changed.push({ id: row.id, label: row.label, changes });
		else diff.unchanged++;
	}
	for (const [id, stored] of existing) if (!seen.has(id)) diff.removed.push({ id, label: stored.label, stored: stored.values });
	return diff;
}
