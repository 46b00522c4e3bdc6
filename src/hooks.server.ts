/**
 * Every request passes here: the login is read from its cookie, then the language is chosen
 * (the signed-in user's saved setting, else the language cookie, else Accept-Language, else
 * Spanish) and written into <html lang>; then a request refused as a whole (cross-site, too large,
 * not a form) is answered in that language (request-refusals.ts). A request the database cannot
 * serve right now is answered 503 with a message to try again (issue 10), never 500; other faults
 * are logged.
 */
import { error, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { cookieName, defineCustomServerStrategy, isLocale } from '$lib/paraglide/runtime';
import { getDatabase, openDatabase } from '$lib/server/db';
import { isDatabaseUnavailable } from '$lib/server/db/unavailable';
import { log } from '$lib/server/log';
import { m } from '$lib/paraglide/messages';
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

/** The login behind a cookie; before the language is known, so an outage gets the bilingual page. */
async function readLogin(token: string) {
	try {
		return await validateAuthSessionToken(await getDatabase(), token);
	} catch (cause) {
		if (isDatabaseUnavailable(cause))
			error(
				503,
				'La base de datos no responde; inténtalo de nuevo en unos segundos. / The database is not answering; try again in a few seconds.'
			);
		throw cause;
	}
}

const handleAuthSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(AUTH_SESSION_COOKIE);
	const session = token ? await readLogin(token) : null;
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
	let response = await resolve(event);
	// handleError below marked a fault as the database being away: "try again", not "broken".
	if (event.locals.databaseUnavailable && response.status === 500) {
		response = new Response(response.body, { status: 503, headers: response.headers });
		response.headers.set('Retry-After', '5');
	}
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

export const handleError: HandleServerError = ({ error: cause, event, status }) => {
	if (isDatabaseUnavailable(cause)) {
		event.locals.databaseUnavailable = true;
		log.warn({ err: cause, path: event.url.pathname }, 'database unavailable');
		return { message: m.error_database_unavailable() };
	}
	if (status >= 500) log.error({ err: cause, path: event.url.pathname }, 'unexpected error');
	return { message: status === 404 ? m.error_not_found() : m.error_generic() };
};
