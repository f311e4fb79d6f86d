import { describe, expect, it } from 'vitest';
import { PRINT_PARTNERSHIP_ENV, printPartnership } from '$lib/server/auth/print-access';
import { firstPartnership } from '$lib/server/estate';
import { addPartnership } from '$lib/server/partnerships';
import { openTestDb } from '../../support/db';

describe('the partnership a printed report reads', () => {
	it('is the one `hubplan report --partnership` names, else the first', async () => {
		const db = await openTestDb();
		await addPartnership(db, 'First partnership to print');
		const other = await addPartnership(db, 'Second partnership to print');
		const first = await firstPartnership(db);
		expect(first.id).not.toBe(other.id);
		expect((await printPartnership(db, {})).id).toBe(first.id);
		expect((await printPartnership(db, { [PRINT_PARTNERSHIP_ENV]: other.id })).name).toBe('Second partnership to print');
		await expect(printPartnership(db, { [PRINT_PARTNERSHIP_ENV]: 'nowhere' })).rejects.toThrow('No partnership "nowhere"');
	});
});
