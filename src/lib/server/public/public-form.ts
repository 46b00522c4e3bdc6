/**
 * What every form of the public site (the buzón, section f; participa, section g) does before its
 * own work: find the published body (404 otherwise), read and validate the form, throttle the
 * sender, and tell a bot (a filled honeypot) apart. The actions keep only what they do with it.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getDatabase, type Database } from '../db';
import { findPublicBody } from './site';
import { publicFormThrottle } from './requests';
import { parseForm, readFormData, refuseForm } from '../forms';
import { HONEYPOT_FIELD } from '../../validation/public';

type PublicBody = NonNullable<Awaited<ReturnType<typeof findPublicBody>>>;

/** The published body of a public page's slug; a 404 when there is none. */
export async function requirePublicBody(slug: string): Promise<PublicBody> {
	const body = await findPublicBody(await getDatabase(), slug);
	if (!body) error(404);
	return body;
}

/**
 * A public form received: the body, the validated data and whether a bot sent it — or the
 * refusal to return as is (invalid, 400; too many from this address, 429).
 */
export async function receivePublicForm<S extends z.ZodType>(
	event: Pick<RequestEvent, 'params' | 'request' | 'getClientAddress'>,
	schema: S
): Promise<
	| { ok: true; db: Database; body: PublicBody; data: z.infer<S>; isBot: boolean }
	| { ok: false; refusal: ReturnType<typeof refuseForm> }
> {
	const db = await getDatabase();
	const body = await findPublicBody(db, event.params.slug ?? '');
	if (!body) error(404);
	const formData = await readFormData(event.request);
	const form = parseForm(schema, formData);
	if (!form.ok) return { ok: false, refusal: refuseForm(400, m.error_form_invalid(), form) };
	const verdict = await publicFormThrottle.take(`${body.id}:${event.getClientAddress()}`);
	if (!verdict.ok) {
		const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
		return {
			ok: false,
			refusal: refuseForm(429, m.public_too_many({ minutes }), {
				values: form.data as Record<string, string>
			})
		};
	}
	const isBot = String(formData.get(HONEYPOT_FIELD) ?? '') !== '';
	return { ok: true, db, body, data: form.data, isBot };
}
