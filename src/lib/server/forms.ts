/**
 * Form parsing for actions: a zod schema validates the posted fields, and each invalid field gets
 * its message in the user's language (the schemas' messages come from the catalogues). Nothing is
 * saved unless the whole form is valid; what the user typed comes back, passwords excepted.
 */
import { error, fail, isHttpError } from '@sveltejs/kit';
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

export type ParsedForm<T> =
	{ ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Validates a posted form against a schema; the first message of each field is kept. */
export function parseForm<S extends z.ZodType>(
	schema: S,
	formData: FormData
): ParsedForm<z.infer<S>> {
	const raw: Record<string, string> = {};
	for (const [key, value] of formData) if (typeof value === 'string') raw[key] = value;
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
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

/** The posted form, or 400 when the body is not a form (a client posting JSON or garbage). */
export async function readFormData(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (failure) {
		// The body-size limit's refusal carries its own status (413): let SvelteKit answer it.
		if (isHttpError(failure) || (failure instanceof Error && 'status' in failure)) throw failure;
		error(400);
	}
}
