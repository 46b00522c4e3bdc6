import { error, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { setUserLocale } from '$lib/server/auth/accounts';
import { setLocaleCookie } from '$lib/server/auth/cookies';
import { safeRedirectPath } from '$lib/server/auth/login';
import { localeSchema } from '$lib/validation/account';
import { readFormData } from '$lib/server/forms';
import type { RequestHandler } from './$types';

// The language switch: remembered in a cookie for everyone, and in the account when signed in.
export const POST: RequestHandler = async ({ request, locals, cookies, url }) => {
	const formData = await readFormData(request);
	const parsed = localeSchema.safeParse({ locale: formData.get('locale') });
	if (!parsed.success) error(400);
	setLocaleCookie(cookies, url, parsed.data.locale);
	if (locals.user) await setUserLocale(await getDatabase(), locals.user.id, parsed.data.locale);
	redirect(303, safeRedirectPath(String(formData.get('redirectTo') ?? '/')));
};
