import os from 'node:os';
import type { Actor } from '../lib/server/auth/actor';

/** Who the audit log records for a change made with the `hubplan` command: a named system user. */
export function cliActor(): Actor {
	let login = 'unknown';
	try {
		login = os.userInfo().username;
	} catch {
		// No passwd entry (some containers): the log still says it came from the command line.
	}
	return { kind: 'system', name: `hubplan command line (${login})` };
}
