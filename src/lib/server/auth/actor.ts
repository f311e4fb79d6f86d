/**
 * Who made a change, as the audit log records it: a signed-in person (with the address the request
 * came from), or a named system user such as the command line or the first-start seeding.
 */
export type Actor =
	| { kind: 'user'; userId: string; email: string; address: string | null }
	| { kind: 'system'; name: string };

/** The name the audit log shows for an actor. */
export function actorLabel(actor: Actor): string {
	return actor.kind === 'user' ? actor.email : actor.name;
}
