import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { findPublicBody } from '$lib/server/public/site';
import { publicFormThrottle } from '$lib/server/public/requests';
import { createJoinRequest } from '$lib/server/public/join-requests';
import { sendMail } from '$lib/server/mail/mailer';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { joinRequestSchema } from '$lib/validation/public';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	if (!(await findPublicBody(await getDatabase(), params.slug))) error(404);
	return {};
};

// Section g: anyone asks to join the open-government exercise; an emailed link confirms it.
export const actions: Actions = {
	default: async (event) => {
		const db = await getDatabase();
		const body = await findPublicBody(db, event.params.slug);
		if (!body) error(404);
		const formData = await readFormData(event.request);
		const form = parseForm(joinRequestSchema, formData);
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const verdict = await publicFormThrottle.take(`${body.id}:${event.getClientAddress()}`);
		if (!verdict.ok)
			return refuseForm(
				429,
				m.public_too_many({ minutes: Math.ceil(verdict.retryAfterSeconds / 60) }),
				{ values: form.data }
			);
		// The honeypot (see ../buzon): a bot is thanked, and nothing is saved or sent.
		if (String(formData.get('sitio_web') ?? '') !== '')
			return { done: true, message: m.public_join_check_mail({ email: form.data.email }) };
		const { name, email, organisation, motivation } = form.data;
		const input = { name, email, organisation, motivation };
		const { token } = await createJoinRequest(db, body.id, input);
		const link = `${event.url.origin}/publico/${body.slug}/participa/confirmar/${token}`;
		const status = await sendMail(db, {
			to: input.email,
			subject: m.public_join_mail_subject({ body: body.name }),
			text: m.public_join_mail_body({ name: input.name, body: body.name, link })
		});
		if (status === 'failed') return refuseForm(502, m.public_join_mail_failed(), { values: input });
		return { done: true, message: m.public_join_check_mail({ email: input.email }) };
	}
};
