import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function optimise(...args: string[]) {
	try {
		const { stdout, stderr } = await run('node', ['src/cli/hubplan.js', 'optimise', ...args]);
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, stdout: e.stdout, stderr: e.stderr };
	}
}

describe('hubplan optimise', () => {
	it('solves an OR-Library file to its published optimum and says so', async () => {
		const { code, stdout } = await optimise('--orlib', 'data/orlib-pmed/pmed1.txt');
		expect(code).toBe(0);
		const result = JSON.parse(stdout);
		expect(result).toMatchObject({ instance: 'pmed1', n: 100, p: 5, objective: 5819, optimum: 5819, gap: 0 });
		expect(result.medians).toEqual([7, 13, 65, 91, 99]);
		expect(result.seconds).toBeGreaterThan(0);
	}, 60_000);

	it('refuses more medians than nodes before solving, quoting the numbers', async () => {
		const { code, stderr } = await optimise('--orlib', 'data/orlib-pmed/pmed1.txt', '--p', '101');
		expect(code).not.toBe(0);
		expect(stderr).toMatch(/101/);
		expect(stderr).toMatch(/100/);
	}, 60_000);
});
