/**
 * The cookies of a login and of the language choice, set in one place so every route writes them
 * alike: the auth-session cookie HttpOnly, SameSite=Lax, Secure whenever the site is served over
 * HTTPS; the language cookie readable by the client, which picks its messages from it.
 */
import type { Cookies } from '@sveltejs/kit';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { AUTH_SESSION_COOKIE } from './session';

/** Puts a new or renewed login's token in the browser. */
export function setAuthSessionCookie(
	cookies: Cookies,
	url: URL,
	token: string,
	expiresAt: Date
): void {
	cookies.set(AUTH_SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

/** Removes the login's token (sign out, or a token that no longer validates). */
export function deleteAuthSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(AUTH_SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}

/** Remembers a language choice in the browser. */
export function setLocaleCookie(cookies: Cookies, url: URL, locale: string): void {
	cookies.set(cookieName, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: cookieMaxAge
	});
}
