// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in person, or null. */
			user: SessionUser | null;
			/** The login behind `user` (an auth session, never a meeting of the body). */
			authSession: { id: string; expiresAt: Date } | null;
			/** Set when a fault was the database being unreachable: the answer becomes 503. */
			databaseUnavailable?: boolean;
		}
	}
}

export {};
