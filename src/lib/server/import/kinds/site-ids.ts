/** The partnership's loaded sites, by ref: what the services and matrix imports check refs against. */
import { eq } from 'drizzle-orm';
import * as t from '../../db/schema';
import type { ImportContext } from '../records';

/** Site ref → site id, for the import's partnership. */
export function siteIds(ctx: ImportContext): Map<string, number> {
	const rows = ctx.db.select({ id: t.site.id, ref: t.site.ref }).from(t.site).where(eq(t.site.partnershipId, ctx.partnershipId)).all();
	return new Map(rows.map((r) => [r.ref, r.id]));
}
