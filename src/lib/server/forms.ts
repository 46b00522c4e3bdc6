/**
 * Form parsing for actions: a zod schema validates the posted fields, and each invalid field gets
 * its message in the user's language (the schemas' messages come from the catalogues). Nothing is
 * saved unless the whole form is valid; what the user typed comes back, passwords excepted.
 * Every text field is checked for control characters first, whatever its schema says.
 */
import { error, fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { findControlCharacterFields, hasControlCharacters } from '$lib/validation/text';
import { refuseRequest } from './request-refusals';

export type FieldErrors = Record<string, string>;

export type ParsedForm<T> =
	{ ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Validates a posted form against a schema; the first message of each field is kept. A field with
 * a control character is refused with that message (a NUL cannot even be stored).
 */
export function parseForm<S extends z.ZodType>(
	schema: S,
	formData: FormData
): ParsedForm<z.infer<S>> {
	const raw: Record<string, string> = {};
	for (const [key, value] of formData) if (typeof value === 'string') raw[key] = value;
	const errors: FieldErrors = {};
	for (const field of findControlCharacterFields(formData))
		errors[field] = m.error_control_characters();
	const result = schema.safeParse(raw);
	if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
	for (const issue of result.error?.issues ?? []) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	const values = Object.fromEntries(Object.entries(raw).filter(([key]) => !/password/i.test(key)));
	return { ok: false, errors, values };
}

/** What a refused form action sends back to its page: one message, per-field errors, the values. */
export interface RefusedForm {
	message: string;
	errors: FieldErrors;
	values: Record<string, string>;
}

/** Refuses a form action with a message for the page and, if any, per-field errors. */
export function refuseForm(
	status: number,
	message: string,
	detail: { errors?: FieldErrors; values?: Record<string, string> } = {}
) {
	const body: RefusedForm = { message, errors: detail.errors ?? {}, values: detail.values ?? {} };
	return fail(status, body);
}

/**
 * The posted form. A body over the size limit (adapter-node's 413, raised while reading it) or one
 * that is not the form its content type says is refused as a whole, in the person's language, on
 * their page (request-refusals.ts).
 */
export async function readFormData(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (failure) {
		const status = (failure as { status?: unknown } | null)?.status;
		refuseRequest(status === 413 ? 'too-large' : 'malformed');
	}
}

/**
 * One posted text field read without a schema (an id in a hidden field, a month): '' when absent,
 * and 400 with the message when it holds a control character, which no id or value ever does.
 */
export function formText(formData: FormData, name: string): string {
	const value = formData.get(name);
	if (typeof value !== 'string') return '';
	if (hasControlCharacters(value))
		error(400, { message: m.error_control_characters(), localized: true });
	return value;
}
