/**
 * The system users the audit log names for changes no person made through a page. The command line
 * names itself (src/cli/actor.ts).
 */
import type { Actor } from '../auth/actor';

/** The server loading the data pack and worked examples on its first start. */
export const SERVER_START: Actor = { kind: 'system', name: 'Hubplan server (first start)' };
