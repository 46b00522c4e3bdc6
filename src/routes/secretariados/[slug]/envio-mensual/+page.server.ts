import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { formText, readFormData, refuseForm } from '$lib/server/forms';
import { requireDispatchAccess } from '$lib/server/dispatch/dispatch-access';
import {
	listDispatchableVersions,
	listDispatchLog,
	readDispatchSettings,
	saveDispatchSettings
} from '$lib/server/dispatch/dispatch-data';
import {
	dispatchMonthMinutes,
	listDispatchRecipients
} from '$lib/server/dispatch/minutes-dispatch';
import { groupPendingDispatches } from '$lib/rules/dispatch-schedule';
import { parseDispatchSettings } from '$lib/validation/dispatch';
import type { Actions, PageServerLoad } from './$types';

const whoDispatches = (who: 'guarantor' | 'facilitator') =>
	who === 'guarantor' ? m.dispatch_who_guarantor() : m.dispatch_who_facilitator();

// The month's approved minutes for the oversight body (I III.8, V.5; T III.8, VI.12; Z art. 11 III):
// what is due and by when, the one-click dispatch, its delivery log and the reminders' settings.
export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireDispatchAccess(db, event, event.params.slug, 'view');
	const settings = await readDispatchSettings(db, access.secretariat.id);
	const pending = groupPendingDispatches(
		access.rules,
		await listDispatchableVersions(db, access.secretariat.id),
		new Date()
	);
	return {
		timeZone: access.rules.timeZone,
		deadlineRule: access.rules.oversight.deadline,
		who: whoDispatches(access.rules.oversight.dispatchedBy),
		recipientName: access.rules.oversight.recipient,
		maySend: access.maySend,
		recipients: listDispatchRecipients(access.secretariat.oversightEmail, settings.extraRecipients),
		settings,
		pending: pending.map((month) => ({
			month: month.month,
			lastDay: month.deadline?.lastDay ?? null,
			overdue: month.overdue,
			versions: month.versions.map((v) => ({
				id: v.versionId,
				title: v.meetingTitle,
				number: v.number
			}))
		})),
		log: await listDispatchLog(db, access.secretariat.id)
	};
};

export const actions: Actions = {
	send: async (event) => {
		const db = await getDatabase();
		const access = await requireDispatchAccess(db, event, event.params.slug, 'send');
		const month = formText(await readFormData(event.request), 'month');
		if (!/^\d{4}-\d{2}$/.test(month)) return refuseForm(400, m.dispatch_error_nothing_pending());
		const result = await dispatchMonthMinutes(db, access, {
			month,
			sender: { id: access.user.id, name: access.user.name },
			origin: event.url.origin
		});
		if (!result.ok)
			return refuseForm(
				result.reason === 'no-recipients' ? 400 : 409,
				result.reason === 'no-recipients'
					? m.dispatch_error_no_recipients()
					: m.dispatch_error_nothing_pending()
			);
		return {
			done: m.dispatch_sent({
				count: result.versions,
				recipients: result.recipients.join(', ')
			})
		};
	},
	settings: async (event) => {
		const db = await getDatabase();
		const access = await requireDispatchAccess(db, event, event.params.slug, 'send');
		const parsed = parseDispatchSettings(await readFormData(event.request));
		if (!parsed.ok)
			return refuseForm(400, m.error_form_invalid(), {
				errors: parsed.errors,
				values: parsed.values
			});
		await saveDispatchSettings(db, access.secretariat.id, parsed.data);
		return { done: m.dispatch_settings_saved() };
	}
};
