/**
 * The audit log as a paged table (PagedTable): newest first always, filtered by the kind of thing
 * changed, by building (`site`, a ref), or by words in the summary or who made the change. The
 * address carries the view, so /audit.csv with the same query downloads the same entries.
 * Client-safe.
 */
import type { TableSpec } from '../tables/view';

/** An entry as the table shows it (server/audit/describe.ts makes them). */
export interface AuditRow {
	id: number;
	when: string;
	who: string;
	address: string | null;
	kind: string;
	action: string;
	summary: string;
	changes: { field: string; from: string; to: string }[];
}

export const AUDIT_TABLE: TableSpec<AuditRow> = {
	columns: [
		{ key: 'when', label: 'When', sortable: false, value: (r) => r.when },
		{ key: 'who', label: 'Who', sortable: false, value: (r) => r.who },
		{ key: 'what', label: 'What', sortable: false, value: (r) => r.kind },
		{ key: 'summary', label: 'What happened', sortable: false, value: (r) => r.summary }
	],
	defaultSort: { key: 'when', direction: 'descending' },
	// The database filters; these name the address's filters for readView.
	filters: { kind: () => null, site: () => null },
	searchText: (r) => [r.summary, r.who]
};
