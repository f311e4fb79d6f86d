import { describe, expect, it } from 'vitest';
import { poolSize } from '$lib/server/db';

describe('PostgreSQL connections per app server (HUBPLAN_DATABASE_POOL_SIZE)', () => {
	it('default to 10 and take a whole number from 2', () => {
		expect(poolSize(undefined)).toBe(10);
		expect(poolSize(' ')).toBe(10);
		expect(poolSize('2')).toBe(2);
		expect(poolSize('40')).toBe(40);
	});

	it('refuse 1, since a lock holds one connection while the work needs another, and anything not a count', () => {
		for (const setting of ['1', '0', '-3', '2.5', 'ten']) {
			expect(() => poolSize(setting)).toThrow(`HUBPLAN_DATABASE_POOL_SIZE is "${setting}"; expected a whole number of connections from 2 to 1000`);
		}
	});
});
