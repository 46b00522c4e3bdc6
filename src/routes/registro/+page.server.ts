import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { getDatabase } from '$lib/server/db';
import { createFirstAccount, hasAnyAccount } from '$lib/server/auth/accounts';
import { startLogin } from '$lib/server/auth/login';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { signUpSchema } from '$lib/validation/account';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, '/');
	return { open: !(await hasAnyAccount(await getDatabase())) };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = parseForm(signUpSchema, await readFormData(request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const db = await getDatabase();
		const result = await createFirstAccount(db, { ...form.data, locale: getLocale() });
		if (!result.ok) return refuseForm(403, m.signup_closed());
		await startLogin(db, cookies, url, result.user);
		redirect(303, '/');
	}
};
