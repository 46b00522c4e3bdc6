import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { answerPublicRequest, listPublicRequests } from '$lib/server/public/requests';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { answerSchema } from '$lib/validation/public';
import type { Actions, PageServerLoad } from './$types';

const answer = 'public-requests.answer' as const;

// The facilitator's inbox of the public's questions, complaints and suggestions (section f).
export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, answer);
	const requests = await listPublicRequests(db, access.secretariat.id);
	return {
		timeZone: access.rules.timeZone,
		requests: requests.map((r) => ({
			id: r.id,
			trackingNumber: r.trackingNumber,
			kind: r.kind,
			name: r.name,
			email: r.email,
			message: r.message,
			status: r.status,
			answer: r.answer,
			createdAt: r.createdAt
		}))
	};
};

export const actions: Actions = {
	answer: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, answer);
		const form = parseForm(answerSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const saved = await answerPublicRequest(db, access.secretariat.id, form.data.id, {
			answer: form.data.answer,
			close: form.data.close,
			by: access.user.id
		});
		if (!saved) error(404);
		return { done: true, message: m.public_inbox_answered() };
	}
};
