import { beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { t } from '$lib/server/db';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoData } from '$lib/server/seed';
import * as scenarios from '$lib/server/scenarios';
import { GET as csv } from '../../../src/routes/api/compare/csv/+server';
import { GET as xlsx } from '../../../src/routes/api/compare/xlsx/+server';
import { load as comparePage } from '../../../src/routes/compare/+page.server';
import { openTestDb, testLocals } from '../../support/db';
import { TEST_ACTOR } from '../../support/actor';

/** The HTTP status and message a handler fails with (SvelteKit's `error()` throws them). */
async function failure(run: () => unknown): Promise<{ status: number; message: string }> {
	try {
		await run();
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, message: e.body.message };
		throw e;
	}
	throw new Error('expected the handler to fail');
}

describe('comparing a scenario that names a building an import removed', async () => {
	let url: URL;
	let locals: App.Locals;
	beforeAll(async () => {
		// The routes take the database and partnership from the request's locals, as hooks.server.ts sets them.
		const db = await openTestDb();
		await ensureDemoData(db, TEST_ACTOR);
		locals = await testLocals(db);
		const broken = await scenarios.create(db, TEST_ACTOR, P, { name: 'Close Hale (since removed)', actions: [{ type: 'close', siteRef: 'lib-hale' }] });
		await db.update(t.scenario).set({ actions: [{ type: 'close', siteRef: 'lib-gone' }] }).where(eq(t.scenario.id, broken.id));
		url = new URL(`http://localhost/api/compare/csv?ids=baseline,${broken.id}`);
	});

	const named = /^Scenario "Close Hale \(since removed\)" cannot be evaluated against the current estate\. Change 1: Unknown closed site 'lib-gone'\./;

	it('the CSV and XLSX downloads answer 400 with a message naming the scenario', async () => {
		for (const handler of [csv, xlsx]) {
			const { status, message } = await failure(() => handler({ url, locals } as never));
			expect(status).toBe(400);
			expect(message).toMatch(named);
		}
	});

	it('the compare page shows the message in its error summary rather than failing', async () => {
		const data = (await comparePage({ url, locals } as never)) as { error: string | null; comparison: unknown };
		expect(data.comparison).toBeNull();
		expect(data.error).toMatch(named);
	});
});
