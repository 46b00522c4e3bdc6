import { afterEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { parseForm } from '$lib/server/forms';
import { signUpSchema, signInSchema } from './account';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return data;
}

function inLocale(locale: Locale) {
	overwriteGetLocale(() => locale);
}

describe('account forms', () => {
	afterEach(() => inLocale('es-MX'));

	it('accepts a valid sign-up, trimming name and email', () => {
		const parsed = parseForm(
			signUpSchema,
			form({
				name: '  Ana  ',
				email: ' ana@example.mx ',
				password: 'una contraseña larga',
				passwordConfirm: 'una contraseña larga'
			})
		);
		expect(parsed).toEqual({
			ok: true,
			data: {
				name: 'Ana',
				email: 'ana@example.mx',
				password: 'una contraseña larga',
				passwordConfirm: 'una contraseña larga'
			}
		});
	});

	it('answers each invalid field in Spanish and gives back what was typed, passwords excepted', () => {
		inLocale('es-MX');
		const parsed = parseForm(
			signUpSchema,
			form({ name: ' ', email: 'no-es-correo', password: 'corta', passwordConfirm: 'x' })
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors).toEqual({
			name: 'Este campo es obligatorio.',
			email: 'Escribe un correo válido, por ejemplo nombre@dominio.mx.',
			password: 'La contraseña debe tener al menos 10 caracteres.',
			passwordConfirm: 'Las contraseñas no coinciden.'
		});
		expect(parsed.values).toEqual({ name: ' ', email: 'no-es-correo' });
	});

	it('answers in English for an English request', () => {
		inLocale('en');
		const parsed = parseForm(signInSchema, form({ email: 'nope' }));
		expect(parsed.ok === false && parsed.errors).toEqual({
			email: 'Enter a valid email, for example name@domain.org.',
			password: 'This field is required.'
		});
	});

	it('refuses two different passwords on the confirmation field', () => {
		const parsed = parseForm(
			signUpSchema,
			form({
				name: 'Ana',
				email: 'ana@example.mx',
				password: 'una contraseña larga',
				passwordConfirm: 'otra contraseña larga'
			})
		);
		expect(parsed.ok === false && parsed.errors).toEqual({
			passwordConfirm: 'Las contraseñas no coinciden.'
		});
	});

	it('refuses over-long input', () => {
		const parsed = parseForm(
			signInSchema,
			form({ email: `${'a'.repeat(250)}@example.mx`, password: 'x' })
		);
		expect(parsed.ok === false && parsed.errors.email).toBe(
			'Es demasiado largo: como máximo 254 caracteres.'
		);
	});
});
