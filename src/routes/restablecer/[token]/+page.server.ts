import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { isPasswordResetOpen, resetPassword } from '$lib/server/auth/password-reset';
import { startLogin } from '$lib/server/auth/login';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { passwordResetSchema } from '$lib/validation/account';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => ({
	open: await isPasswordResetOpen(await getDatabase(), params.token)
});

export const actions: Actions = {
	default: async ({ request, params, cookies, url }) => {
		const form = parseForm(passwordResetSchema, await readFormData(request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const db = await getDatabase();
		const user = await resetPassword(db, { token: params.token, password: form.data.password });
		if (!user) return refuseForm(410, m.reset_invalid());
		await startLogin(db, cookies, url, user);
		redirect(303, '/');
	}
};
