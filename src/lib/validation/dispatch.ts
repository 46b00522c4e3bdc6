/**
 * The dispatch settings form: other recipients (one email per line) and the reminders' days.
 * Nothing is saved unless every line and number is valid; the messages come from the catalogues.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

export const MAX_REMINDER_DAYS = 60;
export const MAX_TERM_REMINDER_DAYS = 365;
const MAX_RECIPIENTS = 20;

const emailSchema = z.email();

export type DispatchSettingsForm =
	| {
			ok: true;
			data: { extraRecipients: string[]; reminderDays: number; termReminderDays: number };
	  }
	| { ok: false; errors: Record<string, string>; values: Record<string, string> };

function readDays(raw: string, max: number): number | null {
	const value = raw.trim();
	if (!/^\d{1,3}$/.test(value)) return null;
	const days = Number(value);
	return days >= 1 && days <= max ? days : null;
}

/** Validates the posted settings; the page shows each field's message and keeps what was typed. */
export function parseDispatchSettings(formData: FormData): DispatchSettingsForm {
	const values = {
		extraRecipients: String(formData.get('extraRecipients') ?? ''),
		reminderDays: String(formData.get('reminderDays') ?? ''),
		termReminderDays: String(formData.get('termReminderDays') ?? '')
	};
	const errors: Record<string, string> = {};
	const lines = values.extraRecipients
		.split(/[\n,;]+/)
		.map((line) => line.trim().toLowerCase())
		.filter(Boolean);
	const wrong = lines.find((line) => line.length > 254 || !emailSchema.safeParse(line).success);
	if (wrong) errors.extraRecipients = m.dispatch_settings_invalid_email({ value: wrong });
	else if (lines.length > MAX_RECIPIENTS)
		errors.extraRecipients = m.dispatch_settings_invalid_email({ value: lines[MAX_RECIPIENTS]! });
	const reminderDays = readDays(values.reminderDays, MAX_REMINDER_DAYS);
	if (reminderDays === null)
		errors.reminderDays = m.dispatch_settings_invalid_days({ max: MAX_REMINDER_DAYS });
	const termReminderDays = readDays(values.termReminderDays, MAX_TERM_REMINDER_DAYS);
	if (termReminderDays === null)
		errors.termReminderDays = m.dispatch_settings_invalid_days({ max: MAX_TERM_REMINDER_DAYS });
	if (Object.keys(errors).length) return { ok: false, errors, values };
	return {
		ok: true,
		data: {
			extraRecipients: [...new Set(lines)],
			reminderDays: reminderDays!,
			termReminderDays: termReminderDays!
		}
	};
}
