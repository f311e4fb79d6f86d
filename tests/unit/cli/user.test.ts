import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testDatabaseEnv } from '../../support/db';
import { hubplanInProcess } from '../../support/hubplan-cli';

const run = promisify(execFile);

/** `hubplan ARGS` as its own process (the real binary, reading the password from standard input). */
async function hubplanProcess(env: Record<string, string>, args: string[], stdin: string) {
	const child = run('node', ['src/cli/hubplan.js', ...args], { env: { ...process.env, ...env } });
	child.child.stdin!.end(stdin);
	try {
		const { stdout, stderr } = await child;
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, stdout: e.stdout, stderr: e.stderr };
	}
}

/** The other calls run in this process: what they print is the test, not the start-up. */
const hubplan = (env: Record<string, string>, args: string[]) => hubplanInProcess(args, env);

describe('hubplan partnership and hubplan user', () => {
	it('add a partnership, add people by its name (with a password from stdin, or a set-password link), list and remove them', { timeout: 120_000 }, async () => {
		const env = { ...(await testDatabaseEnv()), PORT: '4999', ORIGIN: '' };
		const added = await hubplan(env, ['partnership', 'add', '--name', 'Oaklands partnership']);
		expect(added).toMatchObject({ code: 0, stdout: 'oaklands-partnership\n' });

		const withPassword = await hubplanProcess(env, ['user', 'add', '--email', 'Ada@Example.org', '--role', 'admin', '--partnership', 'Oaklands partnership', '--name', 'Ada', '--password-stdin'], 'a long enough password\n');
		expect(withPassword.stdout).toBe('Added ada@example.org (Ada): admin of Oaklands partnership (oaklands-partnership).\n');

		const withLink = await hubplan(env, ['user', 'add', '--email', 'ben@example.org', '--role', 'viewer', '--partnership', 'oaklands-partnership']);
		expect(withLink.code).toBe(0);
		expect(withLink.stdout).toMatch(/one-time link[^\n]*\nhttp:\/\/localhost:4999\/set-password\/[\w-]{43}\n$/);

		const list = await hubplan(env, ['user', 'list']);
		expect(list.stdout).toBe(
			'ada@example.org\tAda\tadmin of Oaklands partnership (oaklands-partnership)\nben@example.org\tben\tviewer of Oaklands partnership (oaklands-partnership)\n'
		);

		const lastAdmin = await hubplan(env, ['user', 'remove', '--email', 'ada@example.org']);
		expect(lastAdmin).toMatchObject({ code: 1, stderr: 'hubplan user remove: This is the last admin of Oaklands partnership: make someone else an admin first.\n' });
		const removed = await hubplan(env, ['user', 'remove', '--email', 'ben@example.org']);
		expect(removed).toMatchObject({ code: 0, stdout: 'Removed ben@example.org: their memberships and sessions are gone.\n' });

		const unknown = await hubplan(env, ['user', 'add', '--email', 'cy@example.org', '--role', 'editor', '--partnership', 'Nowhere']);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('No partnership has the id or name "Nowhere". Partnerships: oaklands-partnership ("Oaklands partnership").');
		const missing = await hubplan(env, ['user', 'add', '--email', 'cy@example.org']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('hubplan user add: give --role, --partnership.');
	});
});
