import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { hasAnyAccount, signIn } from '$lib/server/auth/accounts';
import { safeRedirectPath, startLogin } from '$lib/server/auth/login';
import { signInThrottle } from '$lib/server/auth/rate-limit';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { signInSchema } from '$lib/validation/account';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectPath(url.searchParams.get('next')));
	if (!(await hasAnyAccount(await getDatabase()))) redirect(303, '/registro');
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = parseForm(signInSchema, await readFormData(request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const db = await getDatabase();
		const result = await signIn(db, signInThrottle, { ...form.data, address: getClientAddress() });
		const values = { email: form.data.email };
		if (!result.ok && result.reason === 'throttled') {
			const minutes = Math.ceil(result.retryAfterSeconds / 60);
			return refuseForm(429, m.signin_throttled({ minutes }), { values });
		}
		if (!result.ok) return refuseForm(400, m.signin_wrong(), { values });
		await startLogin(db, cookies, url, result.user);
		redirect(303, safeRedirectPath(url.searchParams.get('next')));
	}
};
