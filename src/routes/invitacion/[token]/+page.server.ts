import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { getDatabase } from '$lib/server/db';
import { acceptInvitation, findOpenInvitation } from '$lib/server/auth/invitations';
import { startLogin } from '$lib/server/auth/login';
import { findInvitedMember, findSecretariatSlug } from '$lib/server/secretariats/invited-member';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { acceptInvitationSchema } from '$lib/validation/account';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const db = await getDatabase();
	const invitation = await findOpenInvitation(db, params.token);
	if (!invitation) return { email: null, name: '', bodyName: null };
	// An invitation to a body: the name its admin wrote for the person, and the body's name.
	const listed = invitation.secretariatId
		? await findInvitedMember(db, invitation.secretariatId, invitation.email)
		: null;
	return {
		email: invitation.email,
		name: listed?.name ?? '',
		bodyName: listed?.bodyName ?? null
	};
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
		// A member invited to a body lands on it; an admin's invitation to the instance, at home.
		const body = result.secretariatId ? await findSecretariatSlug(db, result.secretariatId) : null;
		redirect(303, body ? `/secretariados/${body}` : '/');
	}
};
