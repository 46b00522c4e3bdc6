import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { invalidateAuthSession } from '$lib/server/auth/session';
import { deleteAuthSessionCookie } from '$lib/server/auth/cookies';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (a link could be followed by a prefetch); a GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.authSession) await invalidateAuthSession(await getDatabase(), locals.authSession.id);
		deleteAuthSessionCookie(cookies, url);
		redirect(303, '/entrar');
	}
};
