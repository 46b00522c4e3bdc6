import { m } from '$lib/paraglide/messages';
import { baseLocale, isLocale } from '$lib/paraglide/runtime';
import { getDatabase } from '$lib/server/db';
import { normalizeEmail } from '$lib/server/auth/accounts';
import { createPasswordReset } from '$lib/server/auth/password-reset';
import { passwordResetThrottle } from '$lib/server/auth/rate-limit';
import { sendMail } from '$lib/server/mail/mailer';
import { log } from '$lib/server/log';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { passwordResetRequestSchema } from '$lib/validation/account';
import type { Actions } from './$types';

export const actions: Actions = {
	// Answers the same whether or not the email has an account, so the page reveals no accounts.
	default: async ({ request, url, getClientAddress }) => {
		const form = parseForm(passwordResetRequestSchema, await readFormData(request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const [byEmail, byAddress] = await Promise.all([
			passwordResetThrottle.perEmail.take(normalizeEmail(form.data.email)),
			passwordResetThrottle.perAddress.take(getClientAddress())
		]);
		const verdict = byEmail.ok ? byAddress : byEmail;
		if (!verdict.ok) {
			const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
			return refuseForm(429, m.reset_request_throttled({ minutes }), { values: form.data });
		}
		const db = await getDatabase();
		const reset = await createPasswordReset(db, form.data.email);
		if (reset) {
			const locale = isLocale(reset.user.locale) ? reset.user.locale : baseLocale;
			const link = `${url.origin}/restablecer/${reset.token}`;
			// Not awaited: an answer that waited for the mail server would take longer for an email
			// with an account than for one without, and tell them apart. The outbox keeps the mail.
			sendMail(db, {
				to: reset.user.email,
				subject: m.mail_reset_subject({}, { locale }),
				text: m.mail_reset_body({ name: reset.user.name, link }, { locale })
			}).catch((error: unknown) => log.error({ err: error }, 'password reset mail not stored'));
		}
		return { sent: true, message: m.reset_request_sent() };
	}
};
