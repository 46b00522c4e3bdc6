import { describe, expect, it } from 'vitest';
import { parseDispatchSettings } from './dispatch';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return data;
}

describe('parseDispatchSettings', () => {
	it('accepts recipients one per line (or comma), lower-cased and once each, and the days', () => {
		expect(
			parseDispatchSettings(
				form({
					extraRecipients: ' Enlace@Nacional.mx\n\notro@x.mx, enlace@nacional.mx ',
					reminderDays: '5',
					termReminderDays: ' 30 '
				})
			)
		).toEqual({
			ok: true,
			data: {
				extraRecipients: ['enlace@nacional.mx', 'otro@x.mx'],
				reminderDays: 5,
				termReminderDays: 30
			}
		});
	});

	it('accepts no other recipient', () => {
		const parsed = parseDispatchSettings(
			form({ extraRecipients: '', reminderDays: '1', termReminderDays: '365' })
		);
		expect(parsed).toMatchObject({ ok: true, data: { extraRecipients: [] } });
	});

	it.each([
		[
			{ extraRecipients: 'no es correo' },
			'extraRecipients',
			'«no es correo» no es un correo válido.'
		],
		[{ reminderDays: '0' }, 'reminderDays', 'Escriba un número entero de días entre 1 y 60.'],
		[{ reminderDays: '61' }, 'reminderDays', 'Escriba un número entero de días entre 1 y 60.'],
		[{ reminderDays: '2.5' }, 'reminderDays', 'Escriba un número entero de días entre 1 y 60.'],
		[
			{ termReminderDays: '' },
			'termReminderDays',
			'Escriba un número entero de días entre 1 y 365.'
		],
		[
			{ termReminderDays: '366' },
			'termReminderDays',
			'Escriba un número entero de días entre 1 y 365.'
		]
	])('refuses %j with a message on %s and keeps what was typed', (fields, field, message) => {
		const typed = { extraRecipients: '', reminderDays: '5', termReminderDays: '30', ...fields };
		const parsed = parseDispatchSettings(form(typed));
		expect(parsed).toEqual({ ok: false, errors: { [field]: message }, values: typed });
	});
});
