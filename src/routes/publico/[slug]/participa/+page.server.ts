import { m } from '$lib/paraglide/messages';
import { createJoinRequest } from '$lib/server/public/join-requests';
import { sendMail } from '$lib/server/mail/mailer';
import { refuseForm } from '$lib/server/forms';
import { receivePublicForm, requirePublicBody } from '$lib/server/public/public-form';
import { joinRequestSchema } from '$lib/validation/public';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	await requirePublicBody(params.slug);
	return {};
};

// Section g: anyone asks to join the open-government exercise; an emailed link confirms it.
export const actions: Actions = {
	default: async (event) => {
		const received = await receivePublicForm(event, joinRequestSchema);
		if (!received.ok) return received.refusal;
		const { db, body, data, isBot } = received;
		// A bot is thanked, and nothing is saved or sent.
		if (isBot) return { done: true, message: m.public_join_check_mail({ email: data.email }) };
		const { name, email, organisation, motivation } = data;
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
