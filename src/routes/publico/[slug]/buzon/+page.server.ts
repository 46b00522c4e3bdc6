import { redirect } from '@sveltejs/kit';
import { submitPublicRequest } from '$lib/server/public/requests';
import { receivePublicForm, requirePublicBody } from '$lib/server/public/public-form';
import { publicRequestSchema } from '$lib/validation/public';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	await requirePublicBody(params.slug);
	return {};
};

// Section f: anyone sends a question, complaint or suggestion and gets a tracking number.
export const actions: Actions = {
	default: async (event) => {
		const received = await receivePublicForm(event, publicRequestSchema);
		if (!received.ok) return received.refusal;
		const { db, body, data, isBot } = received;
		// A bot is shown the same page, and nothing is saved.
		if (isBot) redirect(303, event.url.pathname);
		const sent = await submitPublicRequest(db, body.id, data);
		redirect(
			303,
			`/publico/${body.slug}/buzon/seguimiento?numero=${encodeURIComponent(sent.trackingNumber)}&nuevo=1`
		);
	}
};
