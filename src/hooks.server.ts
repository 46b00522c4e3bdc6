/**
 * Every request passes here: the login is read from its cookie, then the language is chosen
 * (the signed-in user's saved setting, else the language cookie, else Accept-Language, else
 * Spanish) and written into <html lang>; then a request refused as a whole (cross-site, too large,
 * not a form) is answered in that language (request-refusals.ts).
 */
import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { cookieName, defineCustomServerStrategy, isLocale } from '$lib/paraglide/runtime';
import { getDatabase, openDatabase } from '$lib/server/db';
import { AUTH_SESSION_COOKIE, validateAuthSessionToken } from '$lib/server/auth/session';
import {
	deleteAuthSessionCookie,
	setAuthSessionCookie,
	setLocaleCookie
} from '$lib/server/auth/cookies';
import { handleRequestRefusals } from '$lib/server/request-refusals';

export const init: ServerInit = async () => {
	await openDatabase();
};

// The signed-in user's saved language, per request, for the 'custom-user' strategy below.
const userLocales = new WeakMap<Request, string>();
defineCustomServerStrategy('custom-user', {
	getLocale: (request) => (request ? userLocales.get(request) : undefined)
});

const handleAuthSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(AUTH_SESSION_COOKIE);
	const session = token ? await validateAuthSessionToken(await getDatabase(), token) : null;
	event.locals.user = session?.user ?? null;
	event.locals.authSession = session ? { id: session.id, expiresAt: session.expiresAt } : null;
	if (token && !session) deleteAuthSessionCookie(event.cookies, event.url);
	if (session?.renewed) setAuthSessionCookie(event.cookies, event.url, token!, session.expiresAt);
	if (session && isLocale(session.user.locale)) {
		userLocales.set(event.request, session.user.locale);
		// Keeps the client's messages, which read the cookie, in the user's language.
		if (event.cookies.get(cookieName) !== session.user.locale) {
			setLocaleCookie(event.cookies, event.url, session.user.locale);
		}
	}
	return resolve(event);
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	return response;
};

export const handle = sequence(
	handleSecurityHeaders,
	handleAuthSession,
	handleLocale,
	handleRequestRefusals
);
