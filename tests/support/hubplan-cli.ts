/**
 * Runs `hubplan ARGS` inside the test's own process: the `main` that src/cli/hubplan.js calls, with
 * `env` set for the call, its output captured. For tests of what a command does; starting Node and
 * tsx for every call cost seconds each. The binary itself (start-up, a password on standard input,
 * a process per driver, a killed import) stays proven by the tests that spawn it: cli/user.test.ts,
 * cli/evaluate-drivers.test.ts, import/process.test.ts and hostile-files.test.ts.
 *
 * The driver is chosen when the app's modules load, so `env` may point at another database of this
 * process's driver (HUBPLAN_DB, or HUBPLAN_DATABASE_URL in the postgres project), never switch it.
 */
import { vi } from 'vitest';
import { main } from '../../src/cli/main';

export type CliResult = { code: number; stdout: string; stderr: string };

const text = (chunk: string | Uint8Array) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));

export async function hubplanInProcess(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
	const saved = Object.entries(env).map(([name]) => [name, process.env[name]] as const);
	Object.assign(process.env, env);
	let stdout = '';
	let stderr = '';
	const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += text(chunk)), true));
	const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += text(chunk)), true));
	try {
		const code = await main(args);
		return { code, stdout, stderr };
	} finally {
		out.mockRestore();
		err.mockRestore();
		for (const [name, value] of saved) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
}
