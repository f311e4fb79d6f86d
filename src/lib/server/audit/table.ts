/**
 * A page of the audit log for the view its address asks for, read from the database a page at a
 * time (newest first), and the same view as CSV (every matching entry).
 */
import { toCsv } from '../../csv';
import { AUDIT_TABLE, type AuditRow } from '../../audit/table';
import { isAuditEntityKind } from '../../audit/kinds';
import { PAGE_SIZE, readView, type TablePage, type TableView } from '../../tables/view';
import type { Db } from '../db';
import * as audit from './log';
import { describeEvent } from './describe';

function filterOf(view: TableView): audit.AuditFilter {
	const kind = view.filters.kind;
	return {
		...(kind && isAuditEntityKind(kind) && { entityKind: kind }),
		...(view.filters.site && { siteRef: view.filters.site }),
		...(view.q && { q: view.q })
	};
}

export async function auditTablePage(db: Db, partnershipId: string, url: URL): Promise<TablePage<AuditRow> & { view: TableView }> {
	const view = readView(url.searchParams, AUDIT_TABLE);
	const filter = filterOf(view);
	const [matching, total] = await Promise.all([audit.countOf(db, partnershipId, filter), audit.countOf(db, partnershipId)]);
	const pageCount = view.all ? 1 : Math.max(1, Math.ceil(matching / PAGE_SIZE));
	const page = Math.min(view.page, pageCount);
	const offset = view.all ? 0 : (page - 1) * PAGE_SIZE;
	const events = await audit.list(db, partnershipId, filter, view.all ? {} : { offset, limit: PAGE_SIZE });
	return { view, rows: events.map(describeEvent), matching, total, page, pageCount, first: events.length ? offset + 1 : 0 };
}

export const AUDIT_CSV_HEADER = ['When (UTC)', 'Who', 'From address', 'What', 'Action', 'What happened', 'Before → after'] as const;

/** Every entry the address's view matches, as CSV. */
export async function auditCsv(db: Db, partnershipId: string, url: URL): Promise<Response> {
	const view = readView(url.searchParams, AUDIT_TABLE);
	const rows = (await audit.list(db, partnershipId, filterOf(view))).map(describeEvent);
	const csv = toCsv(
		AUDIT_CSV_HEADER,
		rows.map((r) => [r.at, r.who, r.address, r.kind, r.action, r.summary, r.changes.map((c) => `${c.field}: ${c.from} → ${c.to}`).join('; ')]),
		{ bom: true }
	);
	return new Response(csv, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="hubplan-audit-log.csv"' }
	});
}
