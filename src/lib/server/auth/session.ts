/**
 * Auth sessions (logins), as Lucia now recommends: our own `auth_sessions` table, a token
 * `<id>.<secret>` in an HttpOnly cookie, and only the SHA-256 of the secret in the table.
 *
 * Expiry slides: a session lives 30 days from its last renewal, and a request made when fewer
 * than 15 days remain renews it (and its cookie). An expired, unknown or forged token validates
 * to `null`; nothing throws. The WebSocket upgrade validates the same cookie with the same code.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { authSessions, users, type User } from '../db/schema';
import { generateSecret, hashSecret, secretMatchesHash } from './tokens';
import { recheckLoginSockets } from '../login-sockets';

export const AUTH_SESSION_COOKIE = 'auth_session';
const DAY_MS = 24 * 60 * 60 * 1000;
export const AUTH_SESSION_LIFETIME_MS = 30 * DAY_MS;
const RENEW_WHEN_LESS_THAN_MS = 15 * DAY_MS;

export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'locale' | 'isInstanceAdmin'>;

export interface ValidatedAuthSession {
	id: string;
	expiresAt: Date;
	/** True when this validation extended the expiry: the caller re-sends the cookie. */
	renewed: boolean;
	user: SessionUser;
}

/** Starts a login for a user and returns the token to put in the cookie. */
export async function createAuthSession(
	db: Database,
	userId: string,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const id = generateSecret();
	const secret = generateSecret();
	const expiresAt = new Date(now.getTime() + AUTH_SESSION_LIFETIME_MS);
	await db.insert(authSessions).values({ id, userId, secretHash: hashSecret(secret), expiresAt });
	return { token: `${id}.${secret}`, expiresAt };
}

/** Checks a cookie's token; returns the session and its user, or null when it is not valid. */
export async function validateAuthSessionToken(
	db: Database,
	token: string | undefined | null,
	now = new Date(),
	options: { renew: boolean } = { renew: true }
): Promise<ValidatedAuthSession | null> {
	const [id, secret, extra] = (token ?? '').split('.');
	if (!id || !secret || extra !== undefined) return null;
	const [row] = await db
		.select({
			id: authSessions.id,
			secretHash: authSessions.secretHash,
			expiresAt: authSessions.expiresAt,
			user: {
				id: users.id,
				email: users.email,
				name: users.name,
				locale: users.locale,
				isInstanceAdmin: users.isInstanceAdmin
			}
		})
		.from(authSessions)
		.innerJoin(users, eq(users.id, authSessions.userId))
		.where(eq(authSessions.id, id));
	if (!row || !secretMatchesHash(secret, row.secretHash)) return null;
	if (row.expiresAt.getTime() <= now.getTime()) {
		await db.delete(authSessions).where(eq(authSessions.id, id));
		return null;
	}
	let expiresAt = row.expiresAt;
	// Only a caller that can re-send the cookie (an HTTP response, not a WebSocket upgrade) renews.
	const renewed = options.renew && expiresAt.getTime() - now.getTime() < RENEW_WHEN_LESS_THAN_MS;
	if (renewed) {
		expiresAt = new Date(now.getTime() + AUTH_SESSION_LIFETIME_MS);
		await db.update(authSessions).set({ expiresAt }).where(eq(authSessions.id, id));
	}
	return { id: row.id, expiresAt, renewed, user: row.user };
}

/** Ends one login (sign out), and closes its live connections at once, not at the next ping round. */
export async function invalidateAuthSession(db: Database, sessionId: string): Promise<void> {
	await db.delete(authSessions).where(eq(authSessions.id, sessionId));
	recheckLoginSockets({ authSessionId: sessionId });
}

/** Reads the auth-session cookie out of a raw Cookie header (the WebSocket upgrade has no SvelteKit `cookies`). */
export function readAuthSessionCookie(cookieHeader: string | undefined): string | null {
	if (!cookieHeader) return null;
	for (const part of cookieHeader.split(';')) {
		const [name, ...value] = part.trim().split('=');
		if (name !== AUTH_SESSION_COOKIE) continue;
		try {
			return decodeURIComponent(value.join('='));
		} catch {
			return null; // malformed escapes: a forged cookie like any other
		}
	}
	return null;
}
