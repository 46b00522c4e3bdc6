/**
 * The account forms' schemas. Messages are functions so that each is rendered at parse time in
 * the language of the request being served.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const required = () => m.error_required();

function requiredText(max: number) {
	return z
		.string({ error: required })
		.trim()
		.min(1, { error: required })
		.max(max, { error: () => m.error_too_long({ max }) });
}

const email = requiredText(254).pipe(z.email({ error: () => m.error_email_invalid() }));
const name = requiredText(120);
const currentPassword = z
	.string({ error: required })
	.min(1, { error: required })
	.max(PASSWORD_MAX_LENGTH, { error: () => m.error_too_long({ max: PASSWORD_MAX_LENGTH }) });
const newPassword = z
	.string({ error: required })
	.min(PASSWORD_MIN_LENGTH, {
		error: () => m.error_password_too_short({ min: PASSWORD_MIN_LENGTH })
	})
	.max(PASSWORD_MAX_LENGTH, { error: () => m.error_too_long({ max: PASSWORD_MAX_LENGTH }) });

const passwordConfirm = z.string({ error: required });

/** Refuses a form whose two typings of the new password differ, on the second field. */
function passwordsMatch(form: { password: string; passwordConfirm: string }): boolean {
	return form.password === form.passwordConfirm;
}
const passwordsDiffer = { path: ['passwordConfirm'], error: () => m.error_passwords_differ() };

export const signInSchema = z.object({ email, password: currentPassword });
export const signUpSchema = z
	.object({ name, email, password: newPassword, passwordConfirm })
	.refine(passwordsMatch, passwordsDiffer);
export const acceptInvitationSchema = z
	.object({ name, password: newPassword, passwordConfirm })
	.refine(passwordsMatch, passwordsDiffer);
export const passwordResetRequestSchema = z.object({ email });
export const passwordResetSchema = z
	.object({ password: newPassword, passwordConfirm })
	.refine(passwordsMatch, passwordsDiffer);
export const invitationSchema = z.object({ email });
export const localeSchema = z.object({ locale: z.enum(locales) });
