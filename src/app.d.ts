// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/server/auth/session';
import type { RequestRefusal } from '$lib/server/request-refusals';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** The message is already in the person's language and meant for them (+error.svelte). */
			localized?: boolean;
		}
		interface Locals {
			/** The signed-in person, or null. */
			user: SessionUser | null;
			/** The login behind `user` (an auth session, never a meeting of the body). */
			authSession: { id: string; expiresAt: Date } | null;
			/** Set when a fault was the database being unreachable: the answer becomes 503. */
			databaseUnavailable?: boolean;
			/** Set when the request's body could not be read as a form (see request-refusals.ts). */
			requestRefusal?: RequestRefusal;
		}
	}
}

export {};
