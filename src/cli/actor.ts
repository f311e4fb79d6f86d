/** Who the command line's changes are recorded against in the audit log: a named system user. */
import os from 'node:os';
import type { Actor } from '../lib/server/auth/actor';

/** `command line (<the operating-system user running it>)`. */
export function commandLineActor(): Actor {
	let user: string;
	try {
		user = os.userInfo().username;
	} catch {
		user = process.env.USER ?? 'unknown user';
	}
	return { kind: 'system', name: `command line (${user})` };
}
