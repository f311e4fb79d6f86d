/** The record of committed imports (`import_run`), newest first. Import commits write it (plan.ts). */
import { desc, eq } from 'drizzle-orm';
import { t, type Db } from '../db';

export type ImportRun = typeof t.importRun.$inferSelect;

export function recentRuns(db: Db, partnershipId: string, limit = 10): Promise<ImportRun[]> {
	return db.select().from(t.importRun).where(eq(t.importRun.partnershipId, partnershipId)).orderBy(desc(t.importRun.id)).limit(limit);
}
