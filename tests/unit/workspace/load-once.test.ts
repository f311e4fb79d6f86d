import { describe, expect, it } from 'vitest';
import { loadOnce } from '$lib/workspace/load-once';

describe('loading the estate once in the engine worker', async () => {
	it('shares one load between callers', async () => {
		let calls = 0;
		const estate = loadOnce(async () => ++calls);
		expect(await Promise.all([estate(), estate()])).toEqual([1, 1]);
		expect(await estate()).toBe(1);
		expect(calls).toBe(1);
	});

	it('forgets a failed load, so the next evaluation tries again (regression: a dropped fetch broke the workspace for good)', async () => {
		let calls = 0;
		const estate = loadOnce(async () => {
			calls++;
			if (calls === 1) throw new TypeError('Failed to fetch');
			return 'estate';
		});
		await expect(estate()).rejects.toThrow('Failed to fetch');
		expect(await estate()).toBe('estate');
		expect(await estate()).toBe('estate');
		expect(calls).toBe(2);
	});
});
