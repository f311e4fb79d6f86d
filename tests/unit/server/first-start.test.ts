import { describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { t, type Db } from '$lib/server/db';
import { ensureDemoWithExamples } from '$lib/server/seed';
import { openTestDbTwice } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

const rows = async (db: Db, table: typeof t.site | typeof t.scenario | typeof t.partnership) => (await db.select({ n: count() }).from(table))[0].n;

describe('two app servers starting together on one database', () => {
	it('seed the demo once: one takes the seeding lock, the other waits and finds it loaded', async () => {
		const [first, second] = await openTestDbTwice();
		const reports = await Promise.all([ensureDemoWithExamples(first, TEST_ACTOR), ensureDemoWithExamples(second, TEST_ACTOR)]);
		expect(reports.filter((r) => r.startsWith('loaded the Trafford open-data pack'))).toHaveLength(1);
		expect(reports.filter((r) => r.includes('already loaded'))).toHaveLength(1);
		expect(await rows(first, t.partnership)).toBe(1);
		expect(await rows(second, t.site)).toBe(308);
		const scenarios = await rows(first, t.scenario);
		// Seeding again adds nothing: the examples were added once.
		await ensureDemoWithExamples(second, TEST_ACTOR);
		expect(await rows(first, t.scenario)).toBe(scenarios);
	}, 120_000);
});
