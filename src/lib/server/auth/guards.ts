/**
 * Guards for routes. Each page load and each form action calls its guard itself: SvelteKit runs a
 * layout's load for pages, never for actions, so a guard in a layout alone would leave actions open.
 */
import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from './session';

/** The signed-in user; anyone else is sent to sign in and brought back afterwards. */
export function requireUser(event: { locals: App.Locals; url: URL }): SessionUser {
	if (!event.locals.user)
		redirect(303, `/entrar?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return event.locals.user;
}

/** The signed-in instance admin; a signed-in non-admin gets 403. */
export function requireInstanceAdmin(event: { locals: App.Locals; url: URL }): SessionUser {
	const user = requireUser(event);
	if (!user.isInstanceAdmin) error(403);
	return user;
}
