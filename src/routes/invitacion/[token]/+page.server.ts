import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { getDatabase } from '$lib/server/db';
import { acceptInvitation, findOpenInvitation } from '$lib/server/auth/invitations';
import { startLogin } from '$lib/server/auth/login';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { acceptInvitationSchema } from '$lib/validation/account';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const invitation = await findOpenInvitation(await getDatabase(), params.token);
	return { email: invitation?.email ?? null };
};

export const actions: Actions = {
	default: async ({ request, params, cookies, url }) => {
		const form = parseForm(acceptInvitationSchema, await readFormData(request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const db = await getDatabase();
		const result = await acceptInvitation(db, {
			token: params.token,
			...form.data,
			locale: getLocale()
		});
		if (!result.ok) {
			const message =
				result.reason === 'already-has-account' ? m.accept_already_account() : m.accept_invalid();
			return refuseForm(409, message);
		}
		await startLogin(db, cookies, url, result.user);
		redirect(303, '/');
	}
};
