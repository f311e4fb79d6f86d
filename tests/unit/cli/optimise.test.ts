import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
// The commands on the app's data seed their own database here, never the developer's.
const dbDir = mkdtempSync(path.join(tmpdir(), 'hubplan-optimise-'));
afterAll(() => rmSync(dbDir, { recursive: true, force: true }));

async function optimise(...args: string[]) {
	try {
		const { stdout, stderr } = await run('node', ['src/cli/hubplan.js', 'optimise', ...args], {
			env: { ...process.env, HUBPLAN_DB: path.join(dbDir, 'hubplan.sqlite') }
		});
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

	it('finds the cheapest libraries keeping half of Trafford within a mile, proven optimal by HiGHS', async () => {
		const { code, stdout, stderr } = await optimise('--service', 'library', '--goal', 'cheapest', '--threshold-m', '1609', '--target', '0.5', '--exact');
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const result = JSON.parse(stdout);
		expect(result.goal).toEqual({ kind: 'cheapest', thresholdCost: 1609, targetShare: 0.5 });
		expect(result.candidates).toBe(13);
		// The pack's running costs are estimates (floor area × £ per m²); the total is the objective.
		expect(result.objective).toBe(200_500);
		expect(result.annualRunningCostGbp).toBe(200_500);
		expect(result.hubs.reduce((sum: number, hub: { annualRunningCostGbp: number }) => sum + hub.annualRunningCostGbp, 0)).toBe(200_500);
		expect(result.coveredShare).toBeGreaterThanOrEqual(0.5);
		expect(result).toMatchObject({ gap: 0, exact: { status: 'optimal', objective: 200_500 } });
	}, 60_000);

	it('refuses an unreachable coverage floor for the cheapest goal before solving, quoting the numbers', async () => {
		const { code, stderr } = await optimise('--service', 'library', '--goal', 'cheapest', '--threshold-m', '100', '--target', '0.9');
		expect(code).toBe(2);
		expect(stderr).toMatch(/No set of candidates can cover 90\.0 % of demand within 100: all 13 allowed candidates together cover \d+\.\d %/);
		const missing = await optimise('--service', 'library', '--goal', 'cheapest', '--threshold-m', '1609');
		expect(missing.stderr).toContain('--goal cheapest needs --target.');
	}, 60_000);
});
