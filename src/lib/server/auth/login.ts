/**
 * What every successful sign-in does, whichever door it came through (sign-in, first sign-up,
 * accepted invitation, password reset): a new auth session, its cookie, and the user's language.
 */
import type { Cookies } from '@sveltejs/kit';
import type { Database } from '../db';
import type { User } from '../db/schema';
import { createAuthSession } from './session';
import { setAuthSessionCookie, setLocaleCookie } from './cookies';

/** Signs the user in on this browser. */
export async function startLogin(
	db: Database,
	cookies: Cookies,
	url: URL,
	user: Pick<User, 'id' | 'locale'>
) {
	const { token, expiresAt } = await createAuthSession(db, user.id);
	setAuthSessionCookie(cookies, url, token, expiresAt);
	setLocaleCookie(cookies, url, user.locale);
}

/**
 * A same-site path to go to after signing in or switching language. The candidate is resolved
 * the way a browser would (tabs and newlines dropped, backslashes read as slashes), so `/\t/evil`
 * or `/\\evil` cannot smuggle another host in; anything off-site becomes '/'.
 */
export function safeRedirectPath(candidate: string | null | undefined): string {
	if (!candidate || !candidate.startsWith('/')) return '/';
	const base = 'http://same-site.invalid';
	let resolved: URL;
	try {
		resolved = new URL(candidate, base);
	} catch {
		return '/';
	}
	if (resolved.origin !== base) return '/';
	return resolved.pathname + resolved.search + resolved.hash;
}
