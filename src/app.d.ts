// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Db } from '$lib/server/db';
import type { Partnership } from '$lib/server/estate';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The app's database (SQLite or PostgreSQL), set by hooks.server.ts. */
			db: Db;
			/** The partnership this request works in, set by hooks.server.ts. */
			partnership: Partnership;
		}
	}
}

export {};
