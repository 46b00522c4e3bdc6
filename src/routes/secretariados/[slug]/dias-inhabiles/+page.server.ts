import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { saveNonWorkingDays } from '$lib/server/secretariats/secretariats';
import {
	importWindow,
	MAX_DATES,
	readNonWorkingDaysFromIcs
} from '$lib/server/calendar/ics-import';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { describeRulesIssue } from '$lib/i18n/rules';
import { listLftRestDays, toLocalDate } from '$lib/rules';
import { nonWorkingDaySchema } from '$lib/validation/secretariat';
import type { Actions, PageServerLoad } from './$types';

const edit = 'secretariat.edit-rules' as const;
const MAX_ICS_BYTES = 256 * 1024;

export const load: PageServerLoad = async (event) => {
	const access = await requireSecretariatAction(
		await getDatabase(),
		event,
		event.params.slug,
		edit
	);
	const year = Number(toLocalDate(new Date(), access.rules.timeZone).slice(0, 4));
	return {
		dates: access.rules.nonWorkingDays,
		lft: [...listLftRestDays(year), ...listLftRestDays(year + 1)],
		timeZone: access.rules.timeZone
	};
};

export const actions: Actions = {
	add: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, edit);
		const form = parseForm(nonWorkingDaySchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const saved = await saveNonWorkingDays(db, access.secretariat.id, (dates) => [
			...dates,
			form.data.date
		]);
		if (!saved.ok) {
			return refuseForm(400, m.error_form_invalid(), {
				values: form.data,
				errors: { date: describeRulesIssue(saved.issues[0]!.code) }
			});
		}
		return { done: true, message: m.non_working_days_added() };
	},
	remove: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, edit);
		const form = parseForm(nonWorkingDaySchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		await saveNonWorkingDays(db, access.secretariat.id, (dates) =>
			dates.filter((d) => d !== form.data.date)
		);
		return { done: true, message: m.non_working_days_removed() };
	},
	import: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, edit);
		const file = (await readFormData(event.request)).get('calendar');
		if (!(file instanceof File) || file.size === 0)
			return refuseForm(400, m.non_working_days_ics_missing());
		if (file.size > MAX_ICS_BYTES) return refuseForm(413, m.non_working_days_ics_too_big());
		const window = importWindow(toLocalDate(new Date(), access.rules.timeZone));
		const read = readNonWorkingDaysFromIcs(await file.text(), window);
		if (!read.ok) {
			const refusal = {
				'ics-empty': () => m.non_working_days_ics_empty(),
				'ics-unreadable': () => m.non_working_days_ics_unreadable(),
				'ics-beyond-window': () =>
					m.non_working_days_ics_beyond_window({
						from: window.from,
						until: window.until,
						max: MAX_DATES
					})
			}[read.reason];
			return refuseForm(400, refusal());
		}
		let added = 0;
		const saved = await saveNonWorkingDays(db, access.secretariat.id, (dates) => {
			const before = new Set(dates);
			added = read.dates.filter((date) => !before.has(date)).length;
			return [...dates, ...read.dates];
		});
		if (!saved.ok) return refuseForm(400, describeRulesIssue(saved.issues[0]!.code));
		return { done: true, message: m.non_working_days_imported({ count: added }) };
	}
};
