/** Who the tests' changes are recorded against in the audit log. */
import type { Actor } from '../../src/lib/server/auth/actor';

export const TEST_ACTOR: Actor = { kind: 'system', name: 'test suite' };
