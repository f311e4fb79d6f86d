// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Db } from '$lib/server/db';
import type { Partnership } from '$lib/server/estate';
import type { Actor } from '$lib/server/auth/actor';
import type { Role } from '$lib/server/auth/roles';
import type { Membership } from '$lib/server/auth/members';
import type { PagePermissions } from '$lib/auth/permissions';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface PageData {
			/** What the person may do here (the root layout's load). */
			permissions: PagePermissions;
		}
		interface Locals {
			/** The app's database (SQLite or PostgreSQL), set by hooks.server.ts. */
			db: Db;
			/** The partnership this request works in, set by hooks.server.ts. */
			partnership: Partnership;
			/** The signed-in person, or null when signed out. */
			user: { id: string; email: string; name: string } | null;
			/** Their role in `partnership`; null when signed out. */
			role: Role | null;
			/** Every partnership they belong to, with their role there; none when signed out. */
			memberships: Membership[];
			/** Who any change made by this request is recorded against in the audit log. */
			actor: Actor;
		}
	}
}

export {};
