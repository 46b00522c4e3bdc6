/**
 * The public site's forms: what the public may send (section f's requests, section g's join
 * requests — both with size limits, the first defence against abuse with the throttle and the
 * honeypot in their routes) and what the body's admins and facilitator edit.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

const required = () => m.error_required();
const choice = () => m.error_choice_invalid();
const text = (max: number) =>
	z
		.string({ error: required })
		.trim()
		.max(max, { error: () => m.error_too_long({ max }) });
const requiredText = (max: number) => text(max).min(1, { error: required });
const email = requiredText(254).pipe(z.email({ error: () => m.error_email_invalid() }));
const optionalEmail = text(254).pipe(
	z.union([z.literal(''), z.email({ error: () => m.error_email_invalid() })])
);
const checkbox = z
	.string()
	.optional()
	.transform((value) => value === 'on');
const id = z.uuid({ error: choice });

export const REQUEST_MESSAGE_MAX = 4000;

/** Section f: a question, complaint or suggestion; name and email are optional. */
export const publicRequestSchema = z.object({
	kind: z.enum(['question', 'complaint', 'suggestion'], { error: choice }),
	name: text(120).optional().default(''),
	email: optionalEmail.optional().default(''),
	message: requiredText(REQUEST_MESSAGE_MAX)
});

/** Section g: a request to join, with the privacy notice accepted. */
export const joinRequestSchema = z.object({
	name: requiredText(120),
	email,
	organisation: text(200).optional().default(''),
	motivation: text(2000).optional().default(''),
	privacy: z.literal('on', { error: () => m.public_privacy_required() })
});

export const contactSchema = z.object({
	contactName: text(200),
	email: optionalEmail,
	phone: text(60),
	address: text(400),
	hours: text(200)
});

export const communiqueSchema = z.object({
	title: requiredText(200),
	body: requiredText(10000),
	publish: checkbox
});

export const linkSchema = z.object({
	title: requiredText(200),
	url: requiredText(2000).pipe(z.url({ protocol: /^https?$/, error: () => m.public_url_invalid() }))
});

export const evidenceSchema = z.object({
	title: requiredText(200),
	meetingId: z
		.union([z.literal(''), id])
		.optional()
		.default('')
});

export const itemSchema = z.object({ id });

export const publishSchema = z.object({ id, publish: z.enum(['true', 'false']) });

export const consentSchema = z.object({ memberId: id, consent: z.enum(['true', 'false']) });

export const answerSchema = z.object({
	id,
	answer: requiredText(REQUEST_MESSAGE_MAX),
	close: checkbox
});

/**
 * The public forms' honeypot: a field people never see (display: none) and bots fill. The forms
 * (Honeypot.svelte) and the actions (public-form.ts) share its name.
 */
export const HONEYPOT_FIELD = 'sitio_web';
