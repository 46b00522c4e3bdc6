import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { findPublicBody } from '$lib/server/public/site';
import { publicFormThrottle, submitPublicRequest } from '$lib/server/public/requests';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { publicRequestSchema } from '$lib/validation/public';
import type { Actions, PageServerLoad } from './$types';

/** The honeypot: a field people never see (display: none) and bots fill. */
const HONEYPOT = 'sitio_web';

export const load: PageServerLoad = async ({ params }) => {
	if (!(await findPublicBody(await getDatabase(), params.slug))) error(404);
	return {};
};

// Section f: anyone sends a question, complaint or suggestion and gets a tracking number.
export const actions: Actions = {
	default: async (event) => {
		const db = await getDatabase();
		const body = await findPublicBody(db, event.params.slug);
		if (!body) error(404);
		const formData = await readFormData(event.request);
		const form = parseForm(publicRequestSchema, formData);
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const verdict = await publicFormThrottle.take(`${body.id}:${event.getClientAddress()}`);
		if (!verdict.ok)
			return refuseForm(
				429,
				m.public_too_many({ minutes: Math.ceil(verdict.retryAfterSeconds / 60) }),
				{ values: form.data }
			);
		// A filled honeypot is a bot: it is shown the same page, and nothing is saved.
		if (String(formData.get(HONEYPOT) ?? '') !== '') redirect(303, event.url.pathname);
		const sent = await submitPublicRequest(db, body.id, form.data);
		redirect(
			303,
			`/publico/${body.slug}/buzon/seguimiento?numero=${encodeURIComponent(sent.trackingNumber)}&nuevo=1`
		);
	}
};
