/** The partnership's loaded sites, by ref: what the services and matrix imports check refs against. */
import { t } from '../../db';
import { eq } from 'drizzle-orm';
import type { ImportContext } from '../records';

/** Site ref → site id, for the import's partnership. */
export async function siteIds(ctx: ImportContext): Promise<Map<string, number>> {
	const rows = await ctx.db.select({ id: t.site.id, ref: t.site.ref }).from(t.site).where(eq(t.site.partnershipId, ctx.partnershipId));
	return new Map(rows.map((r) => [r.ref, r.id]));
}
