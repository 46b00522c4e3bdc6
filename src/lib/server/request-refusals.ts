/**
 * The refusals of a request as a whole — before any form field is read — told to the person in
 * their language on the page they were on, never as SvelteKit's plain-text answers:
 *
 * - cross-site: a form post from another origin (SvelteKit's own origin check is off in
 *   svelte.config.js, since it answers in English plain text; the same check runs here);
 * - too-large: the body is over adapter-node's BODY_SIZE_LIMIT (the 413 comes from reading it);
 * - malformed: the body is not the form its content type says (a broken multipart post);
 * - unsupported-type: an action posted as something other than a form (SvelteKit's 415).
 *
 * An enhanced form (use:enhance) gets an action failure `{ refusal }` that the root layout shows;
 * a plain post from a browser is redirected to the page it came from with the refusal in a
 * short-lived cookie, which the root layout's load reads once (so the page is the person's own,
 * whatever the refused body was); any other client gets the status with the message, as JSON when
 * it accepts JSON, else as plain text.
 */
import { error, json, text, type Cookies, type Handle, type RequestEvent } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import * as devalue from 'devalue';
import { m } from '$lib/paraglide/messages';

export type RequestRefusal = 'cross-site' | 'too-large' | 'malformed' | 'unsupported-type';

const statuses: Record<RequestRefusal, number> = {
	'cross-site': 403,
	'too-large': 413,
	malformed: 400,
	'unsupported-type': 415
};

const messages: Record<RequestRefusal, () => string> = {
	'cross-site': m.request_refused_cross_site,
	'too-large': m.request_refused_too_large,
	malformed: m.request_refused_malformed,
	'unsupported-type': m.request_refused_unsupported_type
};

export const REFUSAL_COOKIE = 'solicitud_rechazada';

function isRefusal(value: string | undefined): value is RequestRefusal {
	return value !== undefined && value in statuses;
}

/** The message of a refusal in the language of the request being served. */
export function describeRefusal(refusal: RequestRefusal): string {
	return messages[refusal]();
}

const FORM_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	// SvelteKit's own binary form encoding (remote form functions).
	'application/x-sveltekit-formdata'
];
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the request's body is sent as a form (by its content type). */
function isFormPost(request: Request): boolean {
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
	return FORM_TYPES.includes(type);
}

/**
 * SvelteKit's origin check, the same in every case (kit/src/runtime/server/respond.js): a form
 * content type, an unsafe method, and an Origin header that is missing or not the site's own.
 */
export function isCrossSiteFormPost(request: Request, url: URL): boolean {
	return (
		isFormPost(request) &&
		UNSAFE_METHODS.has(request.method) &&
		request.headers.get('origin') !== url.origin
	);
}

/**
 * Called while the request is served (by readFormData) when its body cannot be read: marks the
 * request for the hook below and ends the action with the status.
 */
export function refuseRequest(refusal: RequestRefusal): never {
	getRequestEvent().locals.requestRefusal = refusal;
	error(statuses[refusal], { message: describeRefusal(refusal), localized: true });
}

/**
 * The path to send a refused plain post back to: the same-site page it came from, else its own;
 * without a form action's `?/name` (a page reached by a plain post carries its action in the URL).
 */
function pageOf(event: RequestEvent): string {
	let page = event.url;
	const referer = event.request.headers.get('referer');
	if (referer && URL.canParse(referer) && new URL(referer).origin === event.url.origin)
		page = new URL(referer);
	const search = new URLSearchParams(page.search);
	for (const key of [...search.keys()]) if (key.startsWith('/')) search.delete(key);
	const query = search.toString();
	return page.pathname + (query ? `?${query}` : '');
}

function answer(event: RequestEvent, refusal: RequestRefusal): Response {
	const status = statuses[refusal];
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		// What `deserialize` in $app/forms expects of a failed action; the page's `form` becomes it.
		const data = devalue.stringify({ refusal: describeRefusal(refusal) });
		return json({ type: 'failure', status, data }, { status });
	}
	const accept = event.request.headers.get('accept') ?? '';
	// Not a browser's page request: the status and the message, as JSON when asked, else as text.
	if (!accept.includes('text/html')) {
		if (accept.includes('application/json'))
			return json({ message: describeRefusal(refusal) }, { status });
		return text(describeRefusal(refusal), { status });
	}
	// Written by hand: `event.cookies` may no longer be set once the page has been resolved.
	const secure = event.url.protocol === 'https:' ? '; Secure' : '';
	return new Response(null, {
		status: 303,
		headers: {
			location: pageOf(event),
			'set-cookie': `${REFUSAL_COOKIE}=${refusal}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax${secure}`
		}
	});
}

/** The refusal a plain post was redirected with, read once (the root layout shows it). */
export function takeRefusalMessage(cookies: Cookies): string | null {
	const refusal = cookies.get(REFUSAL_COOKIE);
	if (refusal === undefined) return null;
	cookies.delete(REFUSAL_COOKIE, { path: '/' });
	return isRefusal(refusal) ? describeRefusal(refusal) : null;
}

/** Runs inside the language hook, so every message is in the person's language. */
export const handleRequestRefusals: Handle = async ({ event, resolve }) => {
	if (isCrossSiteFormPost(event.request, event.url)) return answer(event, 'cross-site');
	const response = await resolve(event);
	if (event.locals.requestRefusal) return answer(event, event.locals.requestRefusal);
	// SvelteKit answers 415 itself, before the action runs, for an action posted as something else;
	// a form's own 415 (an evidence file of a type not accepted) is the action's answer, kept.
	if (response.status === 415 && event.request.method === 'POST' && !isFormPost(event.request))
		return answer(event, 'unsupported-type');
	return response;
};
